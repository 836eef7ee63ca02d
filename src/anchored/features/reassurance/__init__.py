"""Reassurance tracker: urges to check or seek reassurance versus acting on them, with a
gentle step-down goal. (Not the check-in, which is about feelings.)"""

from anchored.manifest import (
    Feature,
    HomePanel,
    NavEntry,
    ProgressHooks,
    ShelfEntry,
    StepLink,
)

FEATURE = Feature(
    name="reassurance",
    title="Checking and reassurance",
    package=__name__,
    router=f"{__name__}.web:router",
    models=f"{__name__}.models",
    prepare=f"{__name__}.service:ensure_builtins",
    nav=NavEntry("Reassurance", "/reassurance", order=60),
    home=(HomePanel("reassurance/_taps.html", f"{__name__}.web:home_panel", 60),),
    steps=(2, 8, 9, 10),
    step_link=StepLink("Track checking and reassurance urges", "/reassurance"),
    stylesheets=("tracking.css",),
    free_text=f"{__name__}.service:free_text",
    shelf=(
        ShelfEntry(
            "Practise",
            "Checking and reassurance",
            "/reassurance",
            "Track urges to check or ask, and the times you let them pass.",
            30,
        ),
    ),
    progress=ProgressHooks(
        parts=f"{__name__}.progress:progress_parts",
        insights=f"{__name__}.progress:progress_insights",
        week=f"{__name__}.progress:progress_week",
    ),
)
