"""Journal entries: write, read, list."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from anchored.domain.owner import Owner
from anchored.services.errors import InvalidInput, NotFound
from anchored.storage.models import JournalEntry

BODY_MAX = 50_000
TITLE_MAX = 200


def _clean(body: str, title: str | None) -> tuple[str, str | None]:
    errors: dict[str, str] = {}
    body = body.strip()
    title = (title or "").strip() or None
    if not body:
        errors["body"] = "Write something first; an empty entry is not saved."
    elif len(body) > BODY_MAX:
        errors["body"] = (
            f"An entry can hold up to {BODY_MAX:,} characters; this one has {len(body):,}."
        )
    if title is not None and len(title) > TITLE_MAX:
        errors["title"] = f"A title can be up to {TITLE_MAX} characters."
    if errors:
        raise InvalidInput(errors)
    return body, title


def add_entry(session: Session, owner: Owner, body: str, title: str | None = None) -> JournalEntry:
    """Save a new entry for ``owner``."""
    body, title = _clean(body, title)
    entry = JournalEntry(owner_id=owner.id, body=body, title=title)
    session.add(entry)
    session.flush()
    return entry


def list_entries(
    session: Session, owner: Owner, *, limit: int = 50, offset: int = 0
) -> Sequence[JournalEntry]:
    """The owner's entries, newest first."""
    query = (
        select(JournalEntry)
        .where(JournalEntry.owner_id == owner.id)
        .order_by(JournalEntry.created_at.desc(), JournalEntry.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return session.scalars(query).all()


def get_entry(session: Session, owner: Owner, entry_id: int) -> JournalEntry:
    entry = session.get(JournalEntry, entry_id)
    if entry is None or entry.owner_id != owner.id:
        raise NotFound
    return entry
