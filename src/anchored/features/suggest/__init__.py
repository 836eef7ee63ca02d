"""Suggestions: on-device thinking-trap and emotion suggestions, and their off switch.

The model and the crisis safety net live in ``anchored.text``; this feature gives them a
command (``anchored suggest``), a settings page (``/settings/suggest``) and offers other
features the suggestions, honouring the person's off switch:

- ``suggest.traps``: (session, owner, text) -> list[Suggestion], empty when switched off;
- ``suggest.emotions``: (session, owner, text) -> list[Suggestion], empty when switched off;
- ``suggest.enabled``: (session, owner) -> bool.
"""

from anchored.manifest import CliCommand, Feature, ShelfEntry

FEATURE = Feature(
    name="suggest",
    title="Suggestions",
    package=__name__,
    router=f"{__name__}.web:router",
    cli=(
        CliCommand(
            "suggest",
            "Suggest thinking traps and feelings for a sentence (on this computer only).",
            f"{__name__}.cli:suggest",
        ),
    ),
    offers=(
        ("suggest.traps", f"{__name__}.service:traps"),
        ("suggest.emotions", f"{__name__}.service:emotions"),
        ("suggest.enabled", f"{__name__}.service:enabled"),
    ),
    shelf=(
        ShelfEntry(
            "Settings and your data",
            "Suggestions",
            "/settings/suggest",
            "Thinking-trap and feeling suggestions, worked out on this computer. Turn them off"
            " or on.",
            40,
        ),
    ),
)
