"""Reassurance tracker: urges to check or seek reassurance versus acting on them, with a
gentle step-down goal. (Not the check-in, which is about feelings.)"""

from anchored.manifest import Feature, HomePanel, NavEntry, StepLink

FEATURE = Feature(
    name="reassurance",
    title="Checking and reassurance",
    package=__name__,
    router="anchored.web.routes.checking:router",
    nav=NavEntry("Checking", "/checking", order=60),
    home=(HomePanel("checking/_taps.html", "anchored.web.routes.checking:home_panel", 60),),
    models="anchored.storage.models",
    steps=(2, 9),
    step_link=StepLink("Track checking and reassurance urges", "/checking"),
    stylesheets=("tracking.css",),
    sharing="reassurance",
)
