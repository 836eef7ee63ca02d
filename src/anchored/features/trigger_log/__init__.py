"""Trigger log (step 2): what set it off, where it may come from, old and new responses.

Offers ``trigger_log.entry_for_pause``: (session, owner, episode_id) -> the address of the
owner's entry made from that pause, or None. Uses the pause's ``pause.trigger_prefill`` when
there is one, to fill in a new entry from a finished pause.
"""

from anchored.manifest import (
    Feature,
    NavEntry,
    ProgressHooks,
    SearchKind,
    Sharing,
    ShelfEntry,
    StepLink,
    ToolLink,
)

# Kind code 4 in the search index (see SearchKind): never change or reuse it.
SEARCH = SearchKind(
    "trigger_log",
    4,
    "Trigger log",
    f"{__name__}.service:search_results",
    reindex=f"{__name__}.service:reindex",
)

FEATURE = Feature(
    name="trigger_log",
    title="Trigger log",
    package=__name__,
    router=f"{__name__}.web:router",
    nav=NavEntry("Trigger log", "/trigger-log", order=50),
    search=(SEARCH,),
    models=f"{__name__}.models",
    steps=(2,),
    step_link=StepLink("Your trigger log", "/trigger-log"),
    tools=(ToolLink("trigger_log", "/trigger-log/new"),),
    free_text=f"{__name__}.service:free_text",
    offers=(("trigger_log.entry_for_pause", f"{__name__}.service:entry_for_pause"),),
    shelf=(
        ShelfEntry(
            "Practise",
            "Trigger log",
            "/trigger-log",
            "Notice what sets the fear off and what you did.",
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
            "trigger_log",
            "Trigger-log summaries",
            "How many triggers you logged each week, how many had a new response, and the time "
            "of day they came. Not what you wrote.",
            f"{__name__}.sharing:view",
            50,
        ),
    ),
)
