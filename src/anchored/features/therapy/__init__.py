"""Professional help (step 13): which format may fit, finding a therapist, session notes."""

from anchored.manifest import Feature, ToolLink

FEATURE = Feature(
    name="therapy",
    title="Professional help",
    package=__name__,
    router="anchored.web.routes.therapy:router",
    models="anchored.storage.models",
    tools=(
        ToolLink("decision_aid", "/therapy#decide"),
        ToolLink("session_prep", "/therapy#prep"),
    ),
    sharing="session_prep",
)
