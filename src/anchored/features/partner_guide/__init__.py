"""Partner guide: for someone who loves the person. Holds nothing personal, so it opens
without a session and can be printed or written to a file."""

from anchored.manifest import CliCommand, Feature, ToolLink

FEATURE = Feature(
    name="partner_guide",
    title="Partner guide",
    package=__name__,
    router=f"{__name__}.web:router",
    cli=(
        CliCommand(
            "partner-guide",
            "Write the partner guide as one HTML file to share.",
            f"{__name__}.cli:partner_guide",
        ),
    ),
    public_paths=("/partner-guide",),
    tools=(ToolLink("partner_guide", "/partner-guide"),),
)
