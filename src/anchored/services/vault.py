"""The vault as the web app and the command line use it: create, unlock, lock, change the
passphrase, recover, check for damage, and what state it is in. They reach storage only
through here."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from anchored.core.errors import DatabaseDamaged
from anchored.core.owner import Owner
from anchored.services.records import count_records
from anchored.storage import migrate
from anchored.storage.engine import is_damage
from anchored.storage.vault import IntegrityReport, OpenVault, Vault

if TYPE_CHECKING:
    from anchored.manifest import Registry

log = logging.getLogger("anchored")

__all__ = [
    "IntegrityReport",
    "OpenVault",
    "Vault",
    "after_unlock",
    "count_records",
    "current_schema",
    "damaged_database",
    "expected_schema",
    "prepare",
    "record_counts",
]

DAMAGED = (
    "Part of your vault could not be read: the database file looks damaged. This can happen "
    "after a disk problem or a crash. Nothing was changed. Before anything else, copy your "
    "whole data folder somewhere safe; then restore it from a backup if you have one."
)


def expected_schema() -> str:
    """The schema version this Anchored migrates every vault to."""
    return migrate.head_revision()


def current_schema(opened: OpenVault) -> str | None:
    """The schema version of an open vault."""
    return migrate.current_revision(opened.engine)


def record_counts(opened: OpenVault, owner: Owner) -> dict[str, int]:
    """How many records of each kind ``owner`` has (every feature's tables)."""
    with opened.session() as session:
        return count_records(session, owner)


def damaged_database(exc: BaseException) -> DatabaseDamaged | None:
    """``exc`` as :class:`DatabaseDamaged` when it means the database file is damaged (a page
    that fails its check, a file that is no database); None for any other error, such as a
    busy database or a broken rule, which are not the person's file's fault."""
    if isinstance(exc, DatabaseDamaged):
        return exc  # already told apart (and worded) by the vault
    return DatabaseDamaged(DAMAGED) if is_damage(exc) else None


def prepare(opened: OpenVault, owner: Owner, registry: Registry) -> OpenVault:
    """Create the rows ``owner`` starts with (each feature's ``prepare`` hook, in a session of
    its own) right after unlocking, so the first pages only read. A hook that fails (a damaged
    part of the file, say) never keeps the vault shut: that feature makes its rows on first
    use instead, or its pages say calmly what could not be read."""
    for feature, hook in registry.hooks("prepare"):
        try:
            with opened.session() as session:
                hook(session, owner)
        except Exception as exc:
            log.error(
                "Error %s while preparing %s after unlocking", type(exc).__name__, feature.name
            )
    return opened


def after_unlock(opened: OpenVault, owner: Owner, registry: Registry, *, now: datetime) -> None:
    """Each feature's ``after_unlock`` hook (work on the whole vault, such as an automatic
    backup), once the web app has unlocked it. A hook that fails is logged by its kind only
    and never keeps the vault shut."""
    for feature, hook in registry.hooks("after_unlock"):
        try:
            hook(opened, owner, now=now)
        except Exception as exc:
            log.error("Error %s in %s after unlocking", type(exc).__name__, feature.name)
