"""The 13-step programme: a lesson and exercises per step, and the person's own status."""

from anchored.manifest import Action, Feature, HomePanel, NavEntry

FEATURE = Feature(
    name="programme",
    title="The 13 steps",
    package=__name__,
    router=f"{__name__}.web:router",
    nav=NavEntry("Programme", "/programme", order=10),
    actions=(
        Action("The 13 steps", "Your healing programme, at your own pace.", "/programme", 60),
    ),
    home=(HomePanel("programme/_today.html", f"{__name__}.web:today_panel", 10),),
    models=f"{__name__}.models",
    stylesheets=("programme.css",),
    check=f"{__name__}.service:missing_tools",
)
