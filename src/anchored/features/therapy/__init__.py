"""Professional help (step 13): which format may fit, finding a therapist, session notes, and
a summary of the person's own records to print or show in a session (``/therapy/summary``,
``anchored summary``), drawn from other features' progress hooks and offers."""

from anchored.manifest import CliCommand, Feature, SearchKind, ShelfEntry, StepLink, ToolLink

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
    cli=(
        CliCommand(
            "summary",
            "Write a summary of your records for a therapy session, to print or show.",
            f"{__name__}.cli:summary",
        ),
    ),
    steps=(13,),
    step_link=StepLink("A summary of your records to bring to a session", "/therapy/summary"),
    stylesheets=("summary.css",),
    tools=(
        ToolLink("decision_aid", "/therapy#decide"),
        ToolLink("session_prep", "/therapy#prep"),
    ),
    free_text=f"{__name__}.service:free_text",
    shelf=(
        ShelfEntry(
            "Write and reflect",
            "Professional help",
            "/therapy",
            "Finding a therapist and notes for your sessions.",
            40,
        ),
        ShelfEntry(
            "See your progress",
            "A summary for your sessions",
            "/therapy/summary",
            "Choose what to include and print it, or show it on screen. Nothing is sent.",
            40,
        ),
    ),
)
