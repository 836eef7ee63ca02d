"""Joy list (step 3): things that bring the person joy, each with when they last did it; one
tap marks "did it today", and "pick one for me" chooses one not done lately."""

from anchored.manifest import CliCommand, Feature, SearchKind, ShelfEntry, StepLink, ToolLink

# Kind code 8 in the search index (see SearchKind): never change or reuse it.
SEARCH = SearchKind(
    "joy",
    8,
    "Joy list",
    f"{__name__}.service:search_results",
    reindex=f"{__name__}.service:reindex",
)

FEATURE = Feature(
    name="joy",
    title="Joy list",
    package=__name__,
    router=f"{__name__}.web:router",
    models=f"{__name__}.models",
    cli=(
        CliCommand(
            "joy",
            "Your joy list: add things that bring you joy, list them, pick one for today.",
            f"{__name__}.cli:app",
        ),
    ),
    search=(SEARCH,),
    steps=(3,),
    step_link=StepLink("Your joy list", "/joy"),
    tools=(ToolLink("joy", "/joy"),),
    step_items=f"{__name__}.service:step_items",
    stylesheets=("joy.css",),
    free_text=f"{__name__}.service:free_text",
    shelf=(
        ShelfEntry(
            "Your secure base",
            "Joy list",
            "/joy",
            "Things that bring you joy, and one picked for today.",
            20,
        ),
    ),
    kit=f"{__name__}.service:kit_item",
)
