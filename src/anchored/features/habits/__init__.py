"""Small steps and habits (steps 7 and 10): a few habits toward self-care and independence,
marked done with one tap (today from home, any past day on the habit's page), counted without
guilt, and a weekly look back on what worked and what to make smaller."""

from anchored.manifest import (
    CliCommand,
    Feature,
    HomePanel,
    ProgressHooks,
    SearchKind,
    ShelfEntry,
    StepLink,
    ToolLink,
)

# Kind code 15 in the search index (habits and weekly reviews): never change or reuse it.
SEARCH = SearchKind(
    "habits",
    15,
    "Small steps and habits",
    f"{__name__}.service:search_results",
    reindex=f"{__name__}.service:reindex",
)

FEATURE = Feature(
    name="habits",
    title="Small steps and habits",
    package=__name__,
    router=f"{__name__}.web:router",
    models=f"{__name__}.models",
    home=(HomePanel("habits/_today.html", f"{__name__}.web:home_panel", 62),),
    cli=(
        CliCommand(
            "habits",
            "Keep small habits: list them, add one, mark a day done or not done.",
            f"{__name__}.cli:app",
        ),
    ),
    search=(SEARCH,),
    steps=(7, 10),
    step_link=StepLink("Your small steps and habits", "/habits"),
    tools=(
        ToolLink("habits", "/habits/new?step={step}&exercise={exercise}"),
        ToolLink("habits_review", "/habits/reviews/new"),
    ),
    step_items=f"{__name__}.service:step_items",
    stylesheets=("habits.css",),
    free_text=f"{__name__}.service:free_text",
    progress=ProgressHooks(
        parts=f"{__name__}.progress:progress_parts",
        week=f"{__name__}.progress:progress_week",
    ),
    shelf=(
        ShelfEntry(
            "Practise",
            "Small steps and habits",
            "/habits",
            "A few small habits, one tap a day, no streak to break.",
            45,
        ),
    ),
)
