"""The vault as the web app and the command line use it: create, unlock, lock, change the
passphrase, recover, check for damage, and what state it is in. They reach storage only
through here."""

from __future__ import annotations

from anchored.core.owner import Owner
from anchored.services.records import count_records
from anchored.storage import migrate
from anchored.storage.vault import IntegrityReport, OpenVault, Vault

__all__ = [
    "IntegrityReport",
    "OpenVault",
    "Vault",
    "count_records",
    "current_schema",
    "expected_schema",
    "record_counts",
]


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
