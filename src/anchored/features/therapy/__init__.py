"""Professional help (step 13): which format may fit, finding a therapist, session notes."""

from anchored.manifest import Feature, ToolLink

FEATURE = Feature(
    name="therapy",
    title="Professional help",
    package=__name__,
    router=f"{__name__}.web:router",
    models=f"{__name__}.models",
    tools=(
        ToolLink("decision_aid", "/therapy#decide"),
        ToolLink("session_prep", "/therapy#prep"),
    ),
    free_text=f"{__name__}.service:free_text",
    sharing="session_prep",
)
