"""Backups: write one now (a file, or a download), automatic ones into a chosen folder, and
restore. The file format and the snapshot are in ``anchored.storage.backup``; putting a backup
in place of the vault is ``Vault.restore``.

The automatic-backup folder and how many to keep are not secret (they say nothing a person
wrote) and are needed before the vault is open, so they live in preferences.json beside it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from anchored.core.errors import AnchoredError, InvalidInput
from anchored.core.owner import Owner
from anchored.features.backup import rules
from anchored.services.vault import OpenVault, Vault
from anchored.storage import backup as backup_file
from anchored.storage.backup import BackupFailed, BackupFile, BackupRefused, Written
from anchored.storage.preferences import read_preferences, write_preference

__all__ = [
    "BackupFailed",
    "BackupFile",
    "BackupRefused",
    "Written",
]

log = logging.getLogger("anchored")

FOLDER = "backup_folder"
KEEP = "backup_keep"
PROBLEM = "backup_problem"


@dataclass(frozen=True, slots=True)
class AutoSettings:
    """Automatic backups: on when ``folder`` is set."""

    folder: Path | None
    keep: int
    problem: str  # what went wrong with the last automatic backup ('' if nothing)

    @property
    def on(self) -> bool:
        return self.folder is not None


@dataclass(frozen=True, slots=True)
class AutoBackup:
    path: Path
    made_at: datetime
    size: int


# -- a backup now ----------------------------------------------------------------------------


def make_backup(opened: OpenVault, out: Path, *, now: datetime) -> Written:
    """One backup file at ``out``: a snapshot of the vault as it is now, still encrypted."""
    return backup_file.write_backup(opened, out, created_at=now)


def download_copy(opened: OpenVault, *, now: datetime) -> Path:
    """A backup in a temporary file in the vault's own folder, for the browser to download;
    the caller removes it once sent (a leftover is removed by the next backup)."""
    fd, name = tempfile.mkstemp(
        prefix=f"{backup_file.SNAPSHOT_PREFIX}{os.getpid()}-",
        suffix=".part",
        dir=opened.vault.paths.data_dir,
    )
    os.close(fd)
    path = Path(name)
    try:
        backup_file.write_backup(opened, path, created_at=now)
    except BaseException:
        remove_quietly(path)
        raise
    return path


def download_name(now: datetime) -> str:
    return rules.download_name(now, _local_zone(now))


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


# -- automatic backups -----------------------------------------------------------------------


def auto_settings(data_dir: Path) -> AutoSettings:
    prefs = read_preferences(data_dir)
    folder = prefs.get(FOLDER, "")
    try:
        keep = rules.parse_keep(prefs.get(KEEP, ""))
    except ValueError:
        keep = rules.KEEP_DEFAULT
    return AutoSettings(Path(folder) if folder else None, keep, prefs.get(PROBLEM, ""))


def save_auto_settings(data_dir: Path, folder_text: str, keep_text: str) -> AutoSettings:
    """Turn automatic backups on into ``folder_text``, keeping ``keep_text`` of them.

    The folder must exist and take files; InvalidInput (by field) otherwise. Never repeats
    what was typed beyond the folder's own path."""
    errors: dict[str, str] = {}
    try:
        keep = rules.parse_keep(keep_text)
    except ValueError as exc:
        errors["keep"] = str(exc)
        keep = rules.KEEP_DEFAULT
    folder_problem, folder = _usable_folder(folder_text, data_dir)
    if folder_problem:
        errors["folder"] = folder_problem
    if errors:
        raise InvalidInput(errors)
    assert folder is not None
    write_preference(data_dir, FOLDER, str(folder))
    write_preference(data_dir, KEEP, str(keep))
    write_preference(data_dir, PROBLEM, "")
    return auto_settings(data_dir)


def turn_off_auto(data_dir: Path) -> None:
    """No more automatic backups. Those already made stay where they are."""
    write_preference(data_dir, FOLDER, "")
    write_preference(data_dir, PROBLEM, "")


def auto_backups(folder: Path) -> list[AutoBackup]:
    """The automatic backups Anchored made in ``folder``, newest first. Only files with an
    automatic backup's name that start like a backup count: nothing else there is touched."""
    found: list[AutoBackup] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for name in names:
        when = rules.made_at(name)
        path = folder / name
        if when is None or not path.is_file() or not backup_file.is_backup(path):
            continue
        with contextlib.suppress(OSError):
            found.append(AutoBackup(path, when, path.stat().st_size))
    return sorted(found, key=lambda item: (item.made_at, item.path.name), reverse=True)


def app_made(data_dir: Path) -> list[Path]:
    """What delete-everything removes of ours outside the vault: the automatic backups."""
    settings = auto_settings(data_dir)
    return [item.path for item in auto_backups(settings.folder)] if settings.folder else []


def rolling_backup(opened: OpenVault, *, now: datetime) -> Written:
    """An automatic backup now, into the chosen folder; then only the newest ``keep`` stay.
    BackupFailed if no folder is chosen or it cannot be written to (said in
    ``AutoSettings.problem`` until one succeeds)."""
    data_dir = opened.vault.paths.data_dir
    settings = auto_settings(data_dir)
    if settings.folder is None:
        raise BackupFailed(
            "No folder for automatic backups is set. Choose one on the Backups page in "
            "Settings, or with: anchored backup --folder DIR"
        )
    try:
        if not settings.folder.is_dir():
            raise BackupFailed(
                f"The folder for automatic backups ({settings.folder}) is not there (is the "
                "drive connected?), so no automatic backup was made."
            )
        written = backup_file.write_backup(
            opened, settings.folder / rules.auto_name(now), created_at=now
        )
    except AnchoredError as exc:
        write_preference(data_dir, PROBLEM, exc.message)
        raise
    made = [(item.path.name, item.made_at) for item in auto_backups(settings.folder)]
    for name in rules.beyond_keep(made, settings.keep):
        remove_quietly(settings.folder / name)
    if settings.problem:
        write_preference(data_dir, PROBLEM, "")
    return written


def auto_due(data_dir: Path, *, now: datetime) -> bool:
    settings = auto_settings(data_dir)
    if settings.folder is None:
        return False
    made = auto_backups(settings.folder)
    return rules.due(made[0].made_at if made else None, now, _local_zone(now))


def after_unlock(opened: OpenVault, _owner: Owner, *, now: datetime) -> None:
    """The manifest's ``after_unlock`` hook: an automatic backup, if they are on and none was
    made today. A failure is noted for the Backups page and never keeps the vault shut."""
    if not auto_due(opened.vault.paths.data_dir, now=now):
        return
    try:
        rolling_backup(opened, now=now)
    except AnchoredError:
        log.warning("The automatic backup could not be written.")


# -- restore ---------------------------------------------------------------------------------


def read_backup(path: Path) -> BackupFile:
    """``path`` checked as a backup (shape and checksum; no key needed): BackupRefused if not."""
    return backup_file.read_backup(path)


def restore(
    vault: Vault,
    backup: BackupFile,
    *,
    passphrase: str | bytearray | None = None,
    recovery_key: str | None = None,
) -> None:
    """Put ``backup`` in place of ``vault`` (alone with it: the browser app must be locked).
    The key is tried first, so a wrong passphrase changes nothing."""
    data_key = vault.backup_key(backup, passphrase=passphrase, recovery_key=recovery_key)
    vault.restore(backup, data_key)


# -- helpers ---------------------------------------------------------------------------------


def _local_zone(now: datetime) -> tzinfo:
    zone = now.astimezone().tzinfo
    assert zone is not None
    return zone


def _usable_folder(text: str, data_dir: Path) -> tuple[str, Path | None]:
    text = text.strip()
    if not text:
        return "Type the full path of a folder, like /home/you/Backups.", None
    folder = Path(text).expanduser()
    if not folder.is_absolute():
        return "Type the full path of the folder, starting from the top (like /home/you/…).", None
    if not folder.is_dir():
        return "There is no folder at that path. Make it first, or choose another.", None
    resolved = folder.resolve()
    if resolved == data_dir.expanduser().resolve():
        return "Choose a folder other than the vault's own: a backup there is lost with it.", None
    try:
        fd, probe = tempfile.mkstemp(prefix=".anchored-probe-", dir=resolved)
        os.close(fd)
        os.unlink(probe)
    except OSError:
        return "Anchored cannot write in that folder. Choose one you can write to.", None
    return "", resolved
