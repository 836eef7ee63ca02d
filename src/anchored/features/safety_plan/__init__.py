"""Safety plan: six sections for the hardest moments, with the country's crisis lines."""

from anchored.manifest import (
    Action,
    Feature,
    HelpLink,
    NavEntry,
    SearchKind,
    Sharing,
    ShelfEntry,
    ToolLink,
)

# Kind code 6 in the search index (see SearchKind): never change or reuse it. One document
# per plan, holding all its sections.
SEARCH = SearchKind(
    "safety_plan",
    6,
    "Safety plan",
    f"{__name__}.service:search_results",
    reindex=f"{__name__}.service:reindex",
)

FEATURE = Feature(
    name="safety_plan",
    title="Safety plan",
    package=__name__,
    router=f"{__name__}.web:router",
    nav=NavEntry("Safety plan", "/safety-plan", order=80),
    actions=(Action("My safety plan", "Your steps for the hardest moments.", "/safety-plan", 80),),
    search=(SEARCH,),
    models=f"{__name__}.models",
    tools=(ToolLink("safety_plan", "/safety-plan/edit"),),
    help_links=(HelpLink("Open my safety plan", "/safety-plan", order=10),),
    free_text=f"{__name__}.service:free_text",
    shelf=(
        ShelfEntry(
            "In a hard moment",
            "Safety plan",
            "/safety-plan",
            "Your own steps for the hardest moments.",
            30,
        ),
    ),
    sharing=(
        Sharing(
            "safety_plan",
            "Safety plan",
            "Your safety plan as it is now, every section as you wrote it. Your therapist sees "
            "it only while you share it, and nothing in Anchored ever alerts them.",
            f"{__name__}.sharing:view",
            100,
        ),
    ),
)
