"""Self-compassion (step 6): a guided self-compassion break of about three minutes (noticing
the pain, common humanity, a kind phrase) with how hard it felt before and after, the
person's own kind phrases (in their order), and "a letter from a kind friend", kept in the
journal through ``journal.add_entry`` when the journal offers it.
"""

from anchored.manifest import CliCommand, Feature, SearchKind, ShelfEntry, StepLink, ToolLink

# Kind code 10 in the search index (see SearchKind): never change or reuse it.
SEARCH = SearchKind(
    "kind_phrases",
    10,
    "Kind phrases",
    f"{__name__}.service:search_results",
    reindex=f"{__name__}.service:reindex",
)

FEATURE = Feature(
    name="self_compassion",
    title="Self-compassion",
    package=__name__,
    router=f"{__name__}.web:router",
    models=f"{__name__}.models",
    cli=(
        CliCommand(
            "self-compassion",
            "List your kind phrases and your self-compassion breaks.",
            f"{__name__}.cli:app",
        ),
    ),
    search=(SEARCH,),
    steps=(6,),
    step_link=StepLink("A self-compassion break and your kind phrases", "/self-compassion"),
    tools=(
        ToolLink("kind_letter", "/self-compassion/letter"),
        ToolLink("kind_phrases", "/self-compassion/phrases"),
        ToolLink("compassion_break", "/self-compassion/break"),
    ),
    step_items=f"{__name__}.service:step_items",
    stylesheets=("self_compassion.css",),
    free_text=f"{__name__}.service:free_text",
    kit=f"{__name__}.service:kit_item",
    shelf=(
        ShelfEntry(
            "In a hard moment",
            "Self-compassion break",
            "/self-compassion/break",
            "Three short screens, about three minutes, to meet the hurt with kindness.",
            40,
        ),
        ShelfEntry(
            "Your secure base",
            "Kind phrases",
            "/self-compassion",
            "Your own kind words for hard moments, and a letter from a kind friend.",
            30,
        ),
    ),
)
