"""Check-in: emotion words with intensity, contributing factors and a note."""

from anchored.manifest import Action, CliCommand, Feature, NavEntry, SearchKind, StepLink

FEATURE = Feature(
    name="check_in",
    title="Check-in",
    package=__name__,
    router="anchored.web.routes.checkin:router",
    nav=NavEntry("Check-in", "/check-in", order=20),
    actions=(Action("Check in", "Name what you feel and how strong it is.", "/check-in", 10),),
    cli=(
        CliCommand(
            "check-in",
            "Record a check-in: feelings, what played a part, a note.",
            "anchored.cli.checkin:checkin",
            aliases=("checkin",),
        ),
    ),
    search=(SearchKind("check_in", 2, "Check-in", f"{__name__}.search:search_results"),),
    models="anchored.storage.models",
    steps=(2, 6),
    step_link=StepLink("Check in: name what you feel", "/check-in"),
    stylesheets=("check_in.css",),
)
