"""Partner guide: for someone who loves the person. Holds nothing personal, so it opens
without a session and can be printed or written to a file."""

from anchored.manifest import CliCommand, Feature, ToolLink

FEATURE = Feature(
    name="partner_guide",
    title="Partner guide",
    package=__name__,
    router="anchored.web.routes.partner_guide:router",
    cli=(
        CliCommand(
            "partner-guide",
            "Write the partner guide as one HTML file to share.",
            "anchored.cli.partner_guide:partner_guide",
        ),
    ),
    public_paths=("/partner-guide",),
    tools=(ToolLink("partner_guide", "/partner-guide"),),
)
