"""Export and import: everything a person keeps as JSON, Markdown or CSV (not encrypted, so
the page and the command warn first), and a JSON export brought back without duplicates."""

from anchored.manifest import CliCommand, Feature, ShelfEntry

FEATURE = Feature(
    name="export",
    title="Export and import",
    package=__name__,
    router=f"{__name__}.web:router",
    models=f"{__name__}.models",
    cli=(
        CliCommand(
            "export",
            "Save a copy of everything you wrote (JSON, Markdown or CSV; not encrypted).",
            f"{__name__}.cli:export",
        ),
        CliCommand(
            "import",
            "Bring a JSON export into this vault, without duplicates.",
            f"{__name__}.cli:import_",
        ),
    ),
    shelf=(
        ShelfEntry(
            "Settings and your data",
            "Export your data",
            "/settings/export",
            "A copy of everything you wrote, to read, keep or move. Not encrypted.",
            30,
        ),
    ),
)
