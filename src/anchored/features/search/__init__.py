"""Search: one box over everything the person wrote, best match first."""

from anchored.manifest import CliCommand, Feature, NavEntry

FEATURE = Feature(
    name="search",
    title="Search",
    package=__name__,
    router=f"{__name__}.web:router",
    nav=NavEntry("Search", "/search", order=90),
    cli=(
        CliCommand(
            "search", "Search everything you wrote, best match first.", f"{__name__}.cli:search"
        ),
    ),
    stylesheets=("search.css",),
    after_unlock=f"{__name__}.service:after_unlock",
)
