"""Delete everything: the vault, its keys, the preferences beside it and the automatic
backups Anchored made, after the person types DELETE; the app goes back to its first run.
Backups and exports the person saved themselves are theirs and are not touched."""

from anchored.manifest import CliCommand, Feature, ShelfEntry

FEATURE = Feature(
    name="delete_everything",
    title="Delete everything",
    package=__name__,
    router=f"{__name__}.web:router",
    cli=(
        CliCommand(
            "delete-everything",
            "Delete your vault, its keys, preferences and automatic backups (asks first).",
            f"{__name__}.cli:delete_everything",
        ),
    ),
    shelf=(
        ShelfEntry(
            "Settings and your data",
            "Delete everything",
            "/settings/delete",
            "Remove your vault and all Anchored keeps, and start again from the beginning.",
            90,
        ),
    ),
)
