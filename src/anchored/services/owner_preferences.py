"""Choices a person keeps inside the vault (``owner_preferences``): one short value per key.

What must work while the vault is locked (the country, the theme) lives in preferences.json
instead (``anchored.storage.preferences``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.services.owned import insert_missing
from anchored.storage.models import OwnerPreference

MAX_VALUE = 200  # the column's length


def read_preference(session: Session, owner: Owner, key: str) -> str | None:
    query = select(OwnerPreference.value).where(
        OwnerPreference.owner_id == owner.id, OwnerPreference.key == key
    )
    return session.scalar(query)


def write_preference(session: Session, owner: Owner, key: str, value: str) -> None:
    """Keep ``value`` under ``key`` (made on first use; safe when two requests do it at once)."""
    assert len(value) <= MAX_VALUE, "a preference is a short value"
    query = select(OwnerPreference).where(
        OwnerPreference.owner_id == owner.id, OwnerPreference.key == key
    )
    row = session.scalars(query).one_or_none()
    if row is None:
        insert_missing(
            session, OwnerPreference, [{"owner_id": owner.id, "key": key, "value": value}]
        )
        row = session.scalars(query).one()
    row.value = value
    session.flush()
