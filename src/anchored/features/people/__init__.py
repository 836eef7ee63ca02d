"""Support people (step 12): the people and groups someone can lean on, how to reach them
(call, text or email links; the app never sends anything), what each is good for, and a
helper to put a "reach out" message together.

Offers ``people.choices``: (session, owner) -> [(id, name)], the person's support people in
their order (the safety plan offers them to pick from), and ``people.contact``: (session,
owner, person_id) -> KitItem | None, one of them with call/text/email links. Its ``kit`` hook
gives the secure-base kit one support person, the same all day.
"""

from anchored.manifest import (
    CliCommand,
    Feature,
    SearchKind,
    ShelfEntry,
    StepLink,
    ToolLink,
)

# Kind code 13 in the search index (see SearchKind): never change or reuse it.
SEARCH = SearchKind(
    "people",
    13,
    "Support people",
    f"{__name__}.service:search_results",
    reindex=f"{__name__}.service:reindex",
)

FEATURE = Feature(
    name="people",
    title="Support people",
    package=__name__,
    router=f"{__name__}.web:router",
    models=f"{__name__}.models",
    cli=(
        CliCommand(
            "people",
            "Your support people: add someone (or a group) and list them.",
            f"{__name__}.cli:app",
        ),
    ),
    search=(SEARCH,),
    steps=(12,),
    step_link=StepLink("Your support people", "/people"),
    tools=(ToolLink("people", "/people"), ToolLink("reach_out", "/people/reach-out")),
    step_items=f"{__name__}.service:step_items",
    stylesheets=("people.css",),
    free_text=f"{__name__}.service:free_text",
    offers=(
        ("people.choices", f"{__name__}.service:choices"),
        ("people.contact", f"{__name__}.service:contact"),
    ),
    kit=f"{__name__}.service:kit_item",
    shelf=(
        ShelfEntry(
            "Your secure base",
            "Support people",
            "/people",
            "The people and groups you can lean on, and how to reach them.",
            20,
        ),
        ShelfEntry(
            "In a hard moment",
            "Reach out",
            "/people/reach-out",
            "Put a short message to someone you trust into words, ready to copy.",
            40,
        ),
    ),
)
