"""Pause: the hard moment. A timer, breathing, grounding, "fact or feeling?", and a place to
hold the message before deciding what to do with it."""

from anchored.manifest import Action, CliCommand, Feature, HeaderButton, StepLink, ToolLink

FEATURE = Feature(
    name="pause",
    title="Pause",
    package=__name__,
    router="anchored.web.routes.pause:router",
    header=HeaderButton("Pause", "/pause/start", order=20, method="post", style="button-pause"),
    actions=(
        Action("Your pauses", "Look back at the hard moments you paused through.", "/pause", 40),
    ),
    cli=(
        CliCommand(
            "pause",
            "Pause before you act: a timer, breathing, grounding.",
            "anchored.cli.pause:pause",
        ),
    ),
    models="anchored.storage.models",
    steps=(2, 8),
    step_link=StepLink("Pause before you act", "/pause"),
    tools=(ToolLink("pause", "/pause"),),
    stylesheets=("pause.css",),
    sharing="pauses",
)
