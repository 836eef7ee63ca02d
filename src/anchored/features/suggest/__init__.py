"""Suggestions: on-device thinking-trap and emotion suggestions, the abandonment themes insight
on the progress page (``themes.py``), and their off switch.

The model and the crisis safety net live in ``anchored.text``; this feature gives them a
command (``anchored suggest``), a settings page (``/settings/suggest``) and offers other
features the suggestions, honouring the person's off switch:

- ``suggest.traps``: (session, owner, text) -> list[Suggestion], empty when switched off;
- ``suggest.emotions``: (session, owner, text) -> list[Suggestion], empty when switched off;
- ``suggest.enabled``: (session, owner) -> bool.

Its ``after_unlock`` hook starts loading the model in the background (whatever the off switch
says: the crisis safety net uses it too), so no page and no save waits for it later.
"""

from anchored.manifest import CliCommand, Feature, ProgressHooks, ShelfEntry

FEATURE = Feature(
    name="suggest",
    title="Suggestions",
    package=__name__,
    router=f"{__name__}.web:router",
    models=f"{__name__}.models",
    cli=(
        CliCommand(
            "suggest",
            "Suggest thinking traps and feelings for a sentence (on this computer only).",
            f"{__name__}.cli:suggest",
        ),
    ),
    after_unlock=f"{__name__}.service:after_unlock",
    offers=(
        ("suggest.traps", f"{__name__}.service:traps"),
        ("suggest.emotions", f"{__name__}.service:emotions"),
        ("suggest.enabled", f"{__name__}.service:enabled"),
    ),
    progress=ProgressHooks(insights=f"{__name__}.themes:progress_insights"),
    shelf=(
        ShelfEntry(
            "Settings and your data",
            "Suggestions",
            "/settings/suggest",
            "Thinking-trap and feeling suggestions, and themes in your writing, worked out by "
            "Anchored itself and never sent to another service. Turn them off or on.",
            40,
        ),
    ),
)
