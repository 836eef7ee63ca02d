"""Pause: the hard moment. A timer, breathing, grounding, "fact or feeling?", and a place to
hold the message before deciding what to do with it.

Offers ``pause.trigger_prefill``: (session, owner, episode_id) -> what a finished pause can
fill in elsewhere (``{"what_happened": …, "held_message": …}``), or None if it is not the
owner's finished pause.
"""

from anchored.manifest import (
    Action,
    CliCommand,
    Feature,
    HeaderButton,
    ProgressHooks,
    SearchKind,
    Sharing,
    ShelfEntry,
    StepLink,
    ToolLink,
)

SEARCH = SearchKind(
    "pause", 5, "Pause", f"{__name__}.service:search_results", reindex=f"{__name__}.service:reindex"
)
# Without an open vault (locked, before setup, or in a browser without the session) the header's
# Pause opens a pause that keeps nothing; at its end, unlocking can keep what was written.
UNSAVED = "/pause/unsaved"
UNSAVED_PATHS = tuple(
    f"{UNSAVED}{sub}" for sub in ("", "/update", "/timer", "/extend", "/end", "/done")
)

FEATURE = Feature(
    name="pause",
    title="Pause",
    package=__name__,
    router=f"{__name__}.web:router",
    header=HeaderButton(
        "Pause",
        "/pause/start",
        order=20,
        method="post",
        style="button-pause",
        locked_path=UNSAVED,
    ),
    public_paths=UNSAVED_PATHS,
    actions=(
        Action("Your pauses", "Look back at the hard moments you paused through.", "/pause", 40),
    ),
    cli=(
        CliCommand(
            "pause",
            "Pause before you act: a timer, breathing, grounding.",
            f"{__name__}.cli:pause",
        ),
    ),
    search=(SEARCH,),
    models=f"{__name__}.models",
    steps=(2, 8),
    step_link=StepLink("Pause before you act", "/pause"),
    tools=(
        ToolLink("pause", "/pause"),
        ToolLink("breathing", "/pause/breathe"),
        ToolLink("grounding", "/pause/breathe#ground"),
    ),
    stylesheets=("pause.css",),
    free_text=f"{__name__}.service:free_text",
    offers=(("pause.trigger_prefill", f"{__name__}.service:trigger_prefill"),),
    shelf=(
        ShelfEntry(
            "In a hard moment",
            "Pause",
            "/pause",
            "Slow down before you send or check; look back at past pauses.",
            20,
        ),
    ),
    progress=ProgressHooks(
        parts=f"{__name__}.progress:progress_parts",
        insights=f"{__name__}.progress:progress_insights",
        week=f"{__name__}.progress:progress_week",
    ),
    sharing=(
        Sharing(
            "pauses",
            "Pause summaries",
            "How many pauses you took each week, how strong the urge was before and after, and "
            "what you chose to do with the message. Not what you wrote.",
            f"{__name__}.sharing:view",
            40,
        ),
    ),
)
