"""Trust log (step 4): moments when someone did what they said, or didn't, per person, and a
plain count of each over the last 90 days (no scores, no verdicts).

Uses ``people.choices`` when the people feature offers it (pick a support person), else the
name is typed.
"""

from anchored.manifest import CliCommand, Feature, SearchKind, ShelfEntry, StepLink, ToolLink

# Kind code 17 in the search index (see SearchKind): never change or reuse it.
SEARCH = SearchKind(
    "trust",
    17,
    "Trust log",
    f"{__name__}.service:search_results",
    reindex=f"{__name__}.service:reindex",
)

FEATURE = Feature(
    name="trust",
    title="Trust log",
    package=__name__,
    router=f"{__name__}.web:router",
    models=f"{__name__}.models",
    cli=(
        CliCommand(
            "trust",
            "Note when someone did what they said (or didn't); see the counts per person.",
            f"{__name__}.cli:app",
        ),
    ),
    search=(SEARCH,),
    steps=(4,),
    step_link=StepLink("Your trust log", "/trust"),
    tools=(ToolLink("trust", "/trust/new"),),
    step_items=f"{__name__}.service:step_items",
    free_text=f"{__name__}.service:free_text",
    shelf=(
        ShelfEntry(
            "Your secure base",
            "Trust log",
            "/trust",
            "Notice when people do what they said, and when they don't.",
            40,
        ),
    ),
)
