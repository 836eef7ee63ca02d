"""Exposure ladder (step 9): feared situations rated 0-100 as rungs from easiest to hardest,
and attempts at each with predicted against actual anxiety and what was learned."""

from anchored.manifest import (
    CliCommand,
    Feature,
    ProgressHooks,
    SearchKind,
    ShelfEntry,
    StepLink,
    ToolLink,
)

# Kind code 14 in the search index (see SearchKind): never change or reuse it. One document
# per rung, holding the situation and everything written in its attempts.
SEARCH = SearchKind(
    "ladder",
    14,
    "Exposure ladder",
    f"{__name__}.service:search_results",
    reindex=f"{__name__}.service:reindex",
)

FEATURE = Feature(
    name="ladder",
    title="Exposure ladder",
    package=__name__,
    router=f"{__name__}.web:router",
    models=f"{__name__}.models",
    cli=(
        CliCommand(
            "ladder",
            "Your exposure ladder: rungs from easiest to hardest, and attempts at each.",
            f"{__name__}.cli:app",
        ),
    ),
    search=(SEARCH,),
    steps=(9,),
    step_link=StepLink("Your exposure ladder", "/ladder"),
    tools=(
        ToolLink("ladder", "/ladder"),
        ToolLink("ladder_attempt", "/ladder/attempts/new"),
    ),
    step_items=f"{__name__}.service:step_items",
    stylesheets=("ladder.css",),
    free_text=f"{__name__}.service:free_text",
    progress=ProgressHooks(
        parts=f"{__name__}.progress:progress_parts",
        insights=f"{__name__}.progress:progress_insights",
    ),
    shelf=(
        ShelfEntry(
            "Practise",
            "Exposure ladder",
            "/ladder",
            "Face what you fear one small step at a time, and compare the fear with what happened.",
            40,
        ),
    ),
)
