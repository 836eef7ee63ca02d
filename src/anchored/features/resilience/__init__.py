"""Resilience memories (step 3): times the person got through something hard (what happened,
what they did, what it shows about them). Every one counts, small ones too."""

from anchored.manifest import CliCommand, Feature, SearchKind, ShelfEntry, StepLink, ToolLink

# Kind code 9 in the search index (see SearchKind): never change or reuse it.
SEARCH = SearchKind(
    "resilience",
    9,
    "Resilience memories",
    f"{__name__}.service:search_results",
    reindex=f"{__name__}.service:reindex",
)

FEATURE = Feature(
    name="resilience",
    title="Resilience memories",
    package=__name__,
    router=f"{__name__}.web:router",
    models=f"{__name__}.models",
    cli=(
        CliCommand(
            "resilience",
            "Times you got through something hard: add, list, and prompts to help remember.",
            f"{__name__}.cli:app",
        ),
    ),
    search=(SEARCH,),
    steps=(3,),
    step_link=StepLink("Your resilience memories", "/resilience"),
    tools=(ToolLink("resilience", "/resilience/new"),),
    step_items=f"{__name__}.service:step_items",
    stylesheets=("resilience.css",),
    free_text=f"{__name__}.service:free_text",
    shelf=(
        ShelfEntry(
            "Your secure base",
            "Resilience memories",
            "/resilience",
            "Times you got through something hard, and what they show about you.",
            30,
        ),
    ),
    kit=f"{__name__}.service:kit_item",
)
