"""Professional help (step 13): which format may fit, finding a therapist, session notes, and
a summary of the person's own records to print or show in a session (``/therapy/summary``,
``anchored summary``), drawn from other features' progress hooks and offers. In hosted mode
the person may keep a summary for their therapist and share it, and their list of things to
bring up (``sharing``)."""

from anchored.manifest import (
    CliCommand,
    Feature,
    SearchKind,
    Sharing,
    ShelfEntry,
    StepLink,
    ToolLink,
)

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
    sharing=(
        Sharing(
            "session_prep",
            "Things to bring up",
            "Your list of things to bring to your next session, as you wrote them. Things you "
            "took off the list are not shown.",
            f"{__name__}.sharing:prep_view",
            80,
        ),
        Sharing(
            "session_summaries",
            "Session summaries you share",
            "The summaries you choose to share from the summary page, made from the day you "
            "choose, each as you saw it (its weeks may go back further). Not the summaries "
            "you only print or look at.",
            f"{__name__}.sharing:summaries_view",
            90,
            therapist_label="Session summaries they shared",
        ),
    ),
)
