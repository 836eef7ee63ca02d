"""Life-story timeline (step 1): events with an age or a year, a title and an optional note,
shown as a timeline of titles only, so the page is safe to open. Paced: after three events in
a day it says that is enough for today (the person may go on), and "stop and get support"
is always in view (the secure-base kit through ``secure_base.href`` when it exists, and
Help now)."""

from anchored.manifest import CliCommand, Feature, SearchKind, ShelfEntry, StepLink, ToolLink

# Kind code 18 in the search index (see SearchKind): never change or reuse it.
SEARCH = SearchKind(
    "life_story",
    18,
    "Life story",
    f"{__name__}.service:search_results",
    reindex=f"{__name__}.service:reindex",
)

FEATURE = Feature(
    name="life_story",
    title="Life-story timeline",
    package=__name__,
    router=f"{__name__}.web:router",
    models=f"{__name__}.models",
    cli=(
        CliCommand(
            "life-story",
            "Add to and list your life-story timeline (titles only unless asked).",
            f"{__name__}.cli:app",
        ),
    ),
    search=(SEARCH,),
    steps=(1,),
    step_link=StepLink("Your life-story timeline", "/life-story"),
    tools=(ToolLink("life_story", "/life-story/new"),),
    step_items=f"{__name__}.service:step_items",
    stylesheets=("life_story.css",),
    free_text=f"{__name__}.service:free_text",
    shelf=(
        ShelfEntry(
            "Write and reflect",
            "Life-story timeline",
            "/life-story",
            "The events that shaped you, in order, a few at a time.",
            40,
        ),
    ),
)
