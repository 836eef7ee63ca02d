"""Check-in: emotion words with intensity, contributing factors and a note."""

from anchored.manifest import (
    Action,
    CliCommand,
    Feature,
    NavEntry,
    ProgressHooks,
    SearchKind,
    ShelfEntry,
    StepLink,
)

SEARCH = SearchKind(
    "check_in",
    2,
    "Check-in",
    f"{__name__}.service:search_results",
    reindex=f"{__name__}.service:reindex",
)

FEATURE = Feature(
    name="check_in",
    title="Check-in",
    package=__name__,
    router=f"{__name__}.web:router",
    nav=NavEntry("Check-in", "/check-in", order=20),
    actions=(Action("Check in", "Name what you feel and how strong it is.", "/check-in", 10),),
    cli=(
        CliCommand(
            "check-in",
            "Record a check-in: feelings, what played a part, a note.",
            f"{__name__}.cli:check_in",
            aliases=("checkin",),
        ),
    ),
    search=(SEARCH,),
    models=f"{__name__}.models",
    steps=(2, 6, 7),
    step_link=StepLink("Check in: name what you feel", "/check-in"),
    stylesheets=("check_in.css",),
    free_text=f"{__name__}.service:free_text",
    shelf=(
        ShelfEntry(
            "Write and reflect",
            "Check-in",
            "/check-in",
            "Name what you feel and how strong it is.",
            10,
        ),
    ),
    progress=ProgressHooks(
        parts=f"{__name__}.progress:progress_parts",
        insights=f"{__name__}.progress:progress_insights",
        week=f"{__name__}.progress:progress_week",
    ),
)
