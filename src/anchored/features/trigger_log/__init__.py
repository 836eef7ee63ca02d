"""Trigger log (step 2): what set it off, where it may come from, old and new responses."""

from anchored.manifest import Feature, NavEntry, StepLink, ToolLink

FEATURE = Feature(
    name="trigger_log",
    title="Trigger log",
    package=__name__,
    router="anchored.web.routes.trigger_log:router",
    nav=NavEntry("Triggers", "/trigger-log", order=50),
    models="anchored.storage.models",
    steps=(2,),
    step_link=StepLink("Your trigger log", "/trigger-log"),
    tools=(ToolLink("trigger_log", "/trigger-log/new"),),
    sharing="trigger_log",
)
