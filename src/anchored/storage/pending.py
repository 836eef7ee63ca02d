"""Replacing or erasing the vault's files so that a crash at any moment leaves a vault that
opens: the old one, the new one, or (after deleting everything) none.

Before it changes a file, a restore or an erase writes ``vault.pending`` saying what it is
doing; it removes it once done. A process that finds ``vault.pending`` with nobody holding the
vault (the one doing it was killed) settles it, alone with the vault: an interrupted restore is
rolled back (the old files come back from ``.before-restore``), an interrupted erase is
finished. Everything here runs while the caller holds the vault lock exclusively.

A restore, step by step (each step a rename or an fsync'd write):
1. the new database and vault.json are written and checked under temporary names;
2. ``vault.pending`` names the files the old vault has;
3. the old files move into ``.before-restore/``;
4. the new database, then the new vault.json, take their places, and the new vault is opened;
5. ``vault.pending`` is removed (from here the restore stands), then ``.before-restore/``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

PENDING_NAME = "vault.pending"
ASIDE_NAME = ".before-restore"
STAGED_PREFIX = ".restore-"

Action = Literal["restore", "erase"]


@dataclass(frozen=True, slots=True)
class Pending:
    action: Action
    old: tuple[str, ...] = ()  # the old vault's files (restore), by name


def read(data_dir: Path) -> Pending | None:
    """What an unfinished restore or erase left, or None. A marker that cannot be read is
    taken as a restore to roll back (whatever is in ``.before-restore`` comes back)."""
    path = data_dir / PENDING_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        return Pending("restore", old=_aside_names(data_dir))
    try:
        data = json.loads(raw)
        action = data["action"]
        old = tuple(str(name) for name in data.get("old", ()))
        if action not in ("restore", "erase"):
            raise ValueError(action)
    except (ValueError, KeyError, TypeError):
        return Pending("restore", old=_aside_names(data_dir))
    return Pending(action, old)


def write(data_dir: Path, pending: Pending) -> None:
    """Write the marker durably before any vault file changes."""
    payload = json.dumps({"action": pending.action, "old": list(pending.old)}).encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=".pending-", dir=data_dir)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, data_dir / PENDING_NAME)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    fsync_folder(data_dir)


def done(data_dir: Path) -> None:
    """The operation stands: remove the marker, then what was kept aside."""
    with contextlib.suppress(FileNotFoundError):
        (data_dir / PENDING_NAME).unlink()
    fsync_folder(data_dir)
    remove_scraps(data_dir)


def move_aside(data_dir: Path, names: Sequence[str]) -> None:
    aside = data_dir / ASIDE_NAME
    aside.mkdir(mode=0o700, exist_ok=True)
    for name in names:
        with contextlib.suppress(FileNotFoundError):
            os.replace(data_dir / name, aside / name)
    fsync_folder(aside)
    fsync_folder(data_dir)


def roll_back(data_dir: Path, pending: Pending, names: Sequence[str]) -> None:
    """Put the old vault back as it was. Safe to run again if interrupted."""
    aside = data_dir / ASIDE_NAME
    for name in names:
        current = data_dir / name
        if name in pending.old:
            if (aside / name).exists():
                os.replace(aside / name, current)
        else:
            with contextlib.suppress(FileNotFoundError):
                current.unlink()  # the new vault's, installed or made on opening it
    fsync_folder(data_dir)
    done(data_dir)


def finish_erase(data_dir: Path, names: Sequence[str]) -> None:
    """Remove every file of the vault (overwritten first), then the marker."""
    for name in names:
        overwrite_and_remove(data_dir / name)
    fsync_folder(data_dir)
    done(data_dir)


def settle(data_dir: Path, names: Sequence[str]) -> None:
    """Finish what a killed restore or erase left (the caller holds the lock exclusively)."""
    pending = read(data_dir)
    if pending is None:
        remove_scraps(data_dir)
    elif pending.action == "erase":
        finish_erase(data_dir, names)
    else:
        roll_back(data_dir, pending, names)


def needs_settling(data_dir: Path) -> bool:
    """Whether a restore or an erase left anything (one listing of the vault's folder)."""
    try:
        names = os.listdir(data_dir)
    except OSError:
        return False
    return any(
        name in (PENDING_NAME, ASIDE_NAME) or name.startswith((STAGED_PREFIX, ".pending-"))
        for name in names
    )


def remove_scraps(data_dir: Path) -> None:
    """What a finished (or rolled back) restore no longer needs: the old files kept aside and
    staged files. Only while no restore runs (the caller holds the lock exclusively)."""
    shutil.rmtree(data_dir / ASIDE_NAME, ignore_errors=True)
    with contextlib.suppress(OSError):
        for name in os.listdir(data_dir):
            if name.startswith((STAGED_PREFIX, ".pending-")):
                with contextlib.suppress(OSError):
                    (data_dir / name).unlink()


def overwrite_and_remove(path: Path) -> None:
    """Overwrite ``path`` with zeros, then remove it. Best effort: on SSDs and copy-on-write
    file systems the old blocks may survive; what they hold is encrypted."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with contextlib.suppress(OSError), open(path, "r+b", buffering=0) as handle:
        zeros = bytes(min(size, 1024 * 1024))
        left = size
        while left > 0:
            left -= handle.write(zeros[: min(left, len(zeros))]) or 0
        os.fsync(handle.fileno())
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _aside_names(data_dir: Path) -> tuple[str, ...]:
    try:
        return tuple(os.listdir(data_dir / ASIDE_NAME))
    except OSError:
        return ()


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the system allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
