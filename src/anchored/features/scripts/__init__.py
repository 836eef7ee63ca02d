"""Scripts for needs and boundaries (steps 5 and 8): a few answers become an I-statement, a
boundary or a repair to say; gentle checks on the wording; rehearse it aloud and note how it
felt."""

from anchored.manifest import CliCommand, Feature, SearchKind, ShelfEntry, StepLink, ToolLink

# Kind code 16 in the search index (see SearchKind): never change or reuse it.
SEARCH = SearchKind(
    "scripts",
    16,
    "Scripts",
    f"{__name__}.service:search_results",
    reindex=f"{__name__}.service:reindex",
)

FEATURE = Feature(
    name="scripts",
    title="Scripts",
    package=__name__,
    router=f"{__name__}.web:router",
    models=f"{__name__}.models",
    cli=(
        CliCommand(
            "scripts",
            "Build, list and rehearse scripts for a need, a boundary or a repair.",
            f"{__name__}.cli:app",
        ),
    ),
    search=(SEARCH,),
    steps=(5, 8),
    step_link=StepLink("Your scripts", "/scripts"),
    tools=(
        ToolLink("scripts", "/scripts/new"),
        ToolLink("boundary_script", "/scripts/new?kind=boundary"),
    ),
    step_items=f"{__name__}.service:step_items",
    stylesheets=("scripts.css",),
    free_text=f"{__name__}.service:free_text",
    shelf=(
        ShelfEntry(
            "Practise",
            "Scripts",
            "/scripts",
            "Words for a need, a boundary or a repair, and a place to rehearse them.",
            40,
        ),
    ),
)
