"""Backups: one encrypted file of the whole vault, to download or write with
`anchored backup`, put back with `anchored restore`; and, if the person turns them on,
automatic backups into a folder they choose (at most one a day, when the browser app unlocks,
keeping the last few).

Offers ``backup.app_made``: (data_dir) -> list[Path], the automatic backups Anchored made in
the chosen folder (delete-everything removes them; backups the person saved are theirs).
"""

from anchored.manifest import CliCommand, Feature, ShelfEntry

FEATURE = Feature(
    name="backup",
    title="Backups",
    package=__name__,
    router=f"{__name__}.web:router",
    cli=(
        CliCommand(
            "backup",
            "Write an encrypted backup of your vault (--out FILE), or an automatic one.",
            f"{__name__}.cli:backup",
        ),
        CliCommand(
            "restore",
            "Put a backup back in place of your vault (or into an empty folder).",
            f"{__name__}.cli:restore",
        ),
    ),
    stylesheets=("backup.css",),
    after_unlock=f"{__name__}.service:after_unlock",
    offers=(("backup.app_made", f"{__name__}.service:app_made"),),
    shelf=(
        ShelfEntry(
            "Settings and your data",
            "Backups",
            "/settings/backup",
            "Download an encrypted backup, or keep automatic ones in a folder you choose.",
            20,
        ),
    ),
)
