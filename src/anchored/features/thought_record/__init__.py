"""Thought record: slow a painful thought down in seven steps, "fact or feeling?" at its heart.

Offers ``thought_record.pickable``: (session, owner, *, since, until, zone) -> [(id, label)],
the finished records of a period to tick, and ``thought_record.summary``: (session, owner,
ids, *, zone) -> [(day, [(label, words)])], the ticked ones written out (session summary).
"""

from anchored.manifest import (
    Action,
    CliCommand,
    Feature,
    NavEntry,
    ProgressHooks,
    SearchKind,
    Sharing,
    ShelfEntry,
    StepLink,
    ToolLink,
)

# Where a help card shown after a save came from (kept only if the person asks for a record).
SOURCE = "thought record"
SEARCH = SearchKind(
    "thought_record",
    3,
    "Thought record",
    f"{__name__}.search:search_results",
    reindex=f"{__name__}.service:reindex",
)

FEATURE = Feature(
    name="thought_record",
    title="Thought records",
    package=__name__,
    router=f"{__name__}.web:router",
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
            f"{__name__}.cli:thought_record",
            aliases=("thought",),
        ),
    ),
    search=(SEARCH,),
    models=f"{__name__}.models",
    steps=(5, 6, 8),
    step_link=StepLink("Untangle a thought: fact or feeling?", "/thought-records/new"),
    tools=(ToolLink("thought_record", "/thought-records/new"),),
    stylesheets=("thought_record.css",),
    free_text=f"{__name__}.service:free_text",
    shelf=(
        ShelfEntry(
            "Practise",
            "Thought records",
            "/thought-records",
            "Sort the facts from the fear, one thought at a time.",
            10,
        ),
    ),
    offers=(
        ("thought_record.pickable", f"{__name__}.summary:pickable"),
        ("thought_record.summary", f"{__name__}.summary:written_out"),
    ),
    progress=ProgressHooks(
        parts=f"{__name__}.progress:progress_parts",
        insights=f"{__name__}.progress:progress_insights",
        week=f"{__name__}.progress:progress_week",
    ),
    sharing=(
        Sharing(
            "thought_records",
            "Thought records you pick",
            "Only the finished thought records you tick, one by one, each as you wrote it. "
            "Not the others, and not your drafts.",
            f"{__name__}.sharing:view",
            60,
            pick=f"{__name__}.sharing:pick",
            therapist_label="Thought records they picked",
        ),
    ),
)
