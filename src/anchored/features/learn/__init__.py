"""Learn: short reads on fear of abandonment, and the private "which do you recognise?"."""

from anchored.manifest import Action, Feature, NavEntry, ShelfEntry, StepLink

FEATURE = Feature(
    name="learn",
    title="Learn",
    package=__name__,
    router=f"{__name__}.web:router",
    nav=NavEntry("Learn", "/learn", order=70),
    actions=(Action("Learn", "Short reads on fear of being left.", "/learn", 70),),
    models=f"{__name__}.models",
    steps=(1,),
    step_link=StepLink("Short reads on fear of being left", "/learn"),
    shelf=(
        ShelfEntry(
            "Write and reflect", "Learn", "/learn", "Short reads on fear of being left.", 30
        ),
    ),
)
