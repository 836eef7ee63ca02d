"""Wins and affirmations (step 11): small wins with their day and what they took, the
person's own affirmations, and "look how far you've come" (wins by month, a handful of past
wins).

Offers ``wins.add_from``: (session, owner, *, text, source, now) -> Saved, a win logged in one
tap from another tool (a finished pause that ended in not sending), and
``wins.logged_from``: (session, owner, source) -> the address of the win logged from
``source``, or None.
"""

from anchored.manifest import (
    CliCommand,
    Feature,
    ProgressHooks,
    SearchKind,
    ShelfEntry,
    StepLink,
    ToolLink,
)

# Kind codes 11 and 12 in the search index (see SearchKind): never change or reuse them.
SEARCH = SearchKind(
    "wins", 11, "Wins", f"{__name__}.service:search_results", reindex=f"{__name__}.service:reindex"
)
SEARCH_AFFIRMATIONS = SearchKind(
    "affirmations",
    12,
    "Affirmations",
    f"{__name__}.service:affirmation_results",
    reindex=f"{__name__}.service:reindex_affirmations",
)

FEATURE = Feature(
    name="wins",
    title="Wins and affirmations",
    package=__name__,
    router=f"{__name__}.web:router",
    models=f"{__name__}.models",
    cli=(
        CliCommand(
            "wins",
            "Log a small win, or list the wins you logged.",
            f"{__name__}.cli:app",
        ),
    ),
    search=(SEARCH, SEARCH_AFFIRMATIONS),
    steps=(11,),
    step_link=StepLink("Your wins and affirmations", "/wins"),
    tools=(
        ToolLink("wins", "/wins/new"),
        ToolLink("affirmations", "/wins/affirmations"),
    ),
    step_items=f"{__name__}.service:step_items",
    free_text=f"{__name__}.service:free_text",
    stylesheets=("wins.css",),
    kit=f"{__name__}.service:kit_item",
    progress=ProgressHooks(
        parts=f"{__name__}.progress:progress_parts",
        week=f"{__name__}.progress:progress_week",
    ),
    offers=(
        ("wins.add_from", f"{__name__}.service:add_from"),
        ("wins.logged_from", f"{__name__}.service:logged_from"),
    ),
    shelf=(
        ShelfEntry(
            "See your progress",
            "Wins",
            "/wins",
            "Note the small wins, and see how far you've come.",
            20,
        ),
        ShelfEntry(
            "Your secure base",
            "Affirmations",
            "/wins/affirmations",
            "Kind, true sentences about your worth, in your own words.",
            40,
        ),
    ),
)
