"""Professional help (step 13): which format may fit, finding a therapist, session notes."""

from anchored.manifest import Feature, SearchKind, ShelfEntry, ToolLink

# Kind code 7 in the search index (see SearchKind): never change or reuse it.
SEARCH = SearchKind(
    "session_note",
    7,
    "Session note",
    f"{__name__}.service:search_results",
    reindex=f"{__name__}.service:reindex",
)

FEATURE = Feature(
    name="therapy",
    title="Professional help",
    package=__name__,
    router=f"{__name__}.web:router",
    search=(SEARCH,),
    models=f"{__name__}.models",
    tools=(
        ToolLink("decision_aid", "/therapy#decide"),
        ToolLink("session_prep", "/therapy#prep"),
    ),
    free_text=f"{__name__}.service:free_text",
    sharing="session_prep",
    shelf=(
        ShelfEntry(
            "Write and reflect",
            "Professional help",
            "/therapy",
            "Finding a therapist and notes for your sessions.",
            40,
        ),
    ),
)
