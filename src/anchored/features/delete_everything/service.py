"""Delete everything Anchored keeps for the person, and nothing of theirs beyond it.

Deleted: the vault (database and vault.json with the wrapped keys: overwritten, then
removed), preferences.json, and what other features say they made outside the vault (the
automatic backups, offered by the backup feature as ``backup.app_made``). All of it happens
alone with the vault: while another Anchored window or command has it open, nothing at all
is deleted. Not deleted: backups the person downloaded or wrote with ``--out``, exports,
anything copied elsewhere, and an empty ``vault.lock`` (it holds nothing).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anchored.manifest import Registry
from anchored.services.vault import Vault
from anchored.storage.preferences import FILE_NAME as PREFERENCES

APP_MADE_OFFERS = ("backup.app_made",)


@dataclass(frozen=True, slots=True)
class Plan:
    """What deleting everything would remove now."""

    data_dir: Path
    vault: bool
    preferences: bool
    app_made: tuple[Path, ...]

    @property
    def by_folder(self) -> tuple[tuple[Path, int], ...]:
        """Each folder outside the vault's holding app-made files, with how many."""
        folders = sorted({path.parent for path in self.app_made})
        return tuple(
            (folder, sum(1 for path in self.app_made if path.parent == folder))
            for folder in folders
        )


@dataclass
class Done:
    app_made_removed: int = 0
    not_removed: list[Path] = field(default_factory=list)


def plan(data_dir: Path, registry: Registry) -> Plan:
    vault = Vault(data_dir)
    return Plan(
        data_dir=data_dir,
        vault=vault.exists(),
        preferences=(data_dir / PREFERENCES).exists(),
        app_made=tuple(_app_made(data_dir, registry)),
    )


def delete_everything(vault: Vault, registry: Registry) -> Done:
    """Delete it all (the caller has the person's confirmation and has locked the vault).

    VaultInUse (nothing deleted) while another window or command has the vault open."""
    data_dir = vault.paths.data_dir
    done = Done()

    def outside_the_vault() -> None:
        # Gathered again alone with the vault: nothing can be added meanwhile.
        for path in _app_made(data_dir, registry):
            try:
                path.unlink()
                done.app_made_removed += 1
            except FileNotFoundError:
                pass
            except OSError:
                done.not_removed.append(path)
        for leftover in data_dir.glob(".prefs-*.json"):
            with contextlib.suppress(OSError):
                leftover.unlink()
        with contextlib.suppress(FileNotFoundError):
            (data_dir / PREFERENCES).unlink()

    vault.erase(before=outside_the_vault)
    return done


def _app_made(data_dir: Path, registry: Registry) -> list[Path]:
    found: list[Path] = []
    for name in APP_MADE_OFFERS:
        offered: Callable[[Path], Any] | None = registry.offer(name)
        if offered is not None:
            found += [Path(path) for path in offered(data_dir)]
    return found
