"""Thought record: slow a painful thought down in seven steps, "fact or feeling?" at its heart."""

from anchored.manifest import Action, CliCommand, Feature, NavEntry, SearchKind, StepLink

FEATURE = Feature(
    name="thought_record",
    title="Thought records",
    package=__name__,
    router="anchored.web.routes.thought_record:router",
    nav=NavEntry("Thought records", "/thought-records", order=40),
    actions=(
        Action(
            "Untangle a thought",
            "Sort fact from feeling, one step at a time.",
            "/thought-records/new",
            30,
        ),
    ),
    cli=(
        CliCommand(
            "thought-record",
            "Work through a thought record in the terminal.",
            "anchored.cli.thought:thought",
            aliases=("thought",),
        ),
    ),
    search=(
        SearchKind(
            "thought_record",
            3,
            "Thought record",
            f"{__name__}.search:search_results",
        ),
    ),
    models="anchored.storage.models",
    steps=(5, 8),
    step_link=StepLink("Untangle a thought: fact or feeling?", "/thought-records/new"),
    stylesheets=("thought_record.css",),
    sharing="thought_records",
)
