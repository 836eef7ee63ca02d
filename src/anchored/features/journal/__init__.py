"""Journal: free writing and guided prompts (every step), kept searchable in the vault."""

from anchored.manifest import (
    Action,
    CliCommand,
    Feature,
    HomePanel,
    NavEntry,
    SearchKind,
    StepLink,
    ToolLink,
)

FEATURE = Feature(
    name="journal",
    title="Journal",
    package=__name__,
    router="anchored.web.routes.journal:router",
    nav=NavEntry("Journal", "/journal", order=30),
    actions=(
        Action("Write in your journal", "Put what you feel into words.", "/journal/new", 20),
        Action("Read your journal", "Look back at what you wrote.", "/journal", 50),
    ),
    home=(HomePanel("journal/_recent.html", "anchored.web.routes.journal:recent_panel", 70),),
    cli=(
        CliCommand(
            "journal",
            "Write and read journal entries; list the guided prompts.",
            "anchored.cli.journal:app",
        ),
    ),
    search=(SearchKind("journal", 1, "Journal", "anchored.services.search:_journal"),),
    models="anchored.storage.models",
    steps=tuple(range(1, 14)),
    step_link=StepLink("Journal prompts for this step", "/journal/prompts?step={step}"),
    tools=(ToolLink("journal", "/journal/new?step={step}&exercise={exercise}"),),
    step_items="anchored.services.journal:step_items",
    sharing=None,
)
