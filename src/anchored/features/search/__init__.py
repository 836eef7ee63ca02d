"""Search: one box over everything the person wrote, best match first."""

from anchored.manifest import CliCommand, Feature, NavEntry

FEATURE = Feature(
    name="search",
    title="Search",
    package=__name__,
    router="anchored.web.routes.search:router",
    nav=NavEntry("Search", "/search", order=90),
    cli=(
        CliCommand(
            "search", "Search everything you wrote, best match first.", "anchored.cli.search:search"
        ),
    ),
    stylesheets=("search.css",),
)
