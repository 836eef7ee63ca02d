"""Tools: one page listing every tool, grouped by what it is for (from the manifests' shelf)."""

from anchored.manifest import Feature, NavEntry

FEATURE = Feature(
    name="tools",
    title="Tools",
    package=__name__,
    router=f"{__name__}.web:router",
    nav=NavEntry("Tools", "/tools", order=15),
)
