"""Journal: free writing and guided prompts (every step), kept searchable in the vault.

Offers ``journal.add_entry``: (session, owner, *, title, body, step, now) -> Saved, to save an
entry another tool's page wrote (e.g. self-compassion's letter from a kind friend), checked for
crisis language and kept in search like any entry.
"""

from anchored.manifest import (
    Action,
    CliCommand,
    Feature,
    HomePanel,
    NavEntry,
    SearchKind,
    Sharing,
    ShelfEntry,
    StepLink,
    ToolLink,
)

SEARCH = SearchKind(
    "journal",
    1,
    "Journal",
    f"{__name__}.service:search_results",
    reindex=f"{__name__}.service:reindex",
)

FEATURE = Feature(
    name="journal",
    title="Journal",
    package=__name__,
    router=f"{__name__}.web:router",
    models=f"{__name__}.models",
    nav=NavEntry("Journal", "/journal", order=30),
    actions=(
        Action("Write in your journal", "Put what you feel into words.", "/journal/new", 20),
        Action("Read your journal", "Look back at what you wrote.", "/journal", 50),
    ),
    home=(HomePanel("journal/_recent.html", f"{__name__}.web:recent_panel", 70),),
    cli=(
        CliCommand(
            "journal",
            "Write and read journal entries; list the guided prompts.",
            f"{__name__}.cli:app",
        ),
    ),
    search=(SEARCH,),
    steps=tuple(range(1, 14)),
    step_link=StepLink("Journal prompts for this step", "/journal/prompts?step={step}"),
    tools=(ToolLink("journal", "/journal/new?step={step}&exercise={exercise}"),),
    step_items=f"{__name__}.service:step_items",
    free_text=f"{__name__}.service:free_text",
    check=f"{__name__}.service:check",
    offers=(("journal.add_entry", f"{__name__}.service:add_from"),),
    shelf=(
        ShelfEntry(
            "Write and reflect", "Journal", "/journal", "Free writing and guided prompts.", 20
        ),
    ),
    sharing=(
        Sharing(
            "journal",
            "Journal entries you pick",
            "Your journal stays private. Your therapist sees only the entries you tick, one by "
            "one: the title, the date and what you wrote. Nothing else of your journal.",
            f"{__name__}.sharing:view",
            70,
            pick=f"{__name__}.sharing:pick",
            therapist_label="Journal entries they picked",
        ),
    ),
)
