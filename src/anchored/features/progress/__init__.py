"""Progress: the signs-of-progress self-rating, one page of charts (with their numbers as
tables) and gentle insights gathered from every feature's ``progress`` hooks, and a printable
weekly review. See ``anchored.manifest.ProgressHooks`` for how a feature contributes."""

from anchored.manifest import (
    CliCommand,
    Feature,
    ProgressHooks,
    SearchKind,
    Sharing,
    ShelfEntry,
    StepLink,
)

# Kind code 20 in the search index (see SearchKind): never change or reuse it.
SEARCH = SearchKind(
    "progress",
    20,
    "Signs of progress",
    f"{__name__}.service:search_results",
    reindex=f"{__name__}.service:reindex",
)

FEATURE = Feature(
    name="progress",
    title="Signs of progress",
    package=__name__,
    router=f"{__name__}.web:router",
    models=f"{__name__}.models",
    search=(SEARCH,),
    cli=(
        CliCommand(
            "progress",
            "Rate the signs of progress; see this week and what your data shows.",
            f"{__name__}.cli:app",
        ),
    ),
    steps=(3, 11),
    step_link=StepLink("See your progress", "/progress"),
    stylesheets=("progress.css",),
    free_text=f"{__name__}.service:free_text",
    progress=ProgressHooks(
        parts=f"{__name__}.service:progress_parts",
        insights=f"{__name__}.service:progress_insights",
        week=f"{__name__}.service:progress_week",
    ),
    sharing=(
        Sharing(
            "signs",
            "Signs of progress",
            "Your own 0 to 10 ratings of the six signs, each time you rated them since the day "
            "you choose. Not the notes you wrote with them.",
            f"{__name__}.sharing:signs",
            20,
        ),
        Sharing(
            "progress",
            "Progress charts and insights",
            "The charts from your Progress page, with their numbers, week by week since the day "
            "you choose, and its sentences about patterns, counted from that day (such as when "
            "your pauses came, or a thinking trap that keeps coming up). Never anything you "
            "wrote, nor the themes in your writing or the tags you typed.",
            f"{__name__}.sharing:charts",
            30,
        ),
    ),
    shelf=(
        ShelfEntry(
            "See your progress",
            "Your progress",
            "/progress",
            "Charts of your own records, with the numbers, and what they show.",
            10,
        ),
        ShelfEntry(
            "See your progress",
            "Signs of progress",
            "/progress/signs",
            "Rate six signs of healing, in your own view, and watch them over time.",
            20,
        ),
        ShelfEntry(
            "See your progress",
            "Your week",
            "/progress/week",
            "This week in a few lines, ready to print.",
            30,
        ),
    ),
)
