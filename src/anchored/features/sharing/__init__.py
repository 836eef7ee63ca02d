"""Sharing with a therapist (hosted mode only): the person decides what their therapist sees.

Nothing is shared by default. A person grants one therapist chosen categories (each feature
declares its own in its manifest's ``sharing``: self-check results, signs of progress, pause
summaries, thought records picked one by one…) from a date they choose, for a period they
choose (six months unless they pick another), and can stop at once. A therapist sees a list
of the people who share with them and, read only, just what each granted; every look is in
the person's log. A therapist may leave a short note, shown on the person's home.

Nothing here ever notifies a therapist (no crisis sign, no answer, no alert): the sharing
page and docs/hosting.md say so. In personal mode (one person, no accounts) this feature is
left out; its tables exist but stay empty.
"""

from anchored.manifest import Feature, HomePanel, ShelfEntry, StepLink

FEATURE = Feature(
    name="sharing",
    title="Sharing with a therapist",
    package=__name__,
    router=f"{__name__}.web:router",
    models=f"{__name__}.models",
    hosted_only=True,
    home=(HomePanel("sharing/_home.html", f"{__name__}.web:notes_panel", 5),),
    steps=(13,),
    step_link=StepLink("Let your therapist see parts of your work, if you choose", "/sharing"),
    free_text=f"{__name__}.service:free_text",
    shelf=(
        ShelfEntry(
            "Settings and your data",
            "Sharing with a therapist",
            "/sharing",
            "Choose what your therapist may see, for how long, and see when they looked.",
            35,
        ),
    ),
)
