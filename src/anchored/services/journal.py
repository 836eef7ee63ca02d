"""Journal entries: write, read, list, edit, delete."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchored.domain.owner import Owner
from anchored.services.errors import InvalidInput, NotFound
from anchored.storage.models import JournalEntry

__all__ = ["JournalEntry"]

BODY_MAX = 50_000
TITLE_MAX = 200


def _clean(body: str, title: str | None, when: datetime | None) -> tuple[str, str | None]:
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
        errors["title"] = f"A title can be up to {TITLE_MAX} characters; this one has {len(title)}."
    if when is not None and when.tzinfo is None:
        errors["when"] = "The date needs a time zone."
    if errors:
        raise InvalidInput(errors)
    return body, title


def add_entry(
    session: Session,
    owner: Owner,
    body: str,
    title: str | None = None,
    when: datetime | None = None,
    *,
    step: int | None = None,
    exercise: str | None = None,
) -> JournalEntry:
    """Save a new entry for ``owner``; ``when`` defaults to now; ``step`` tags a programme step."""
    body, title = _clean(body, title, when)
    entry = JournalEntry(
        owner_id=owner.id, body=body, title=title, step=step, exercise=(exercise or None)
    )
    if when is not None:
        entry.created_at = when
    session.add(entry)
    session.flush()
    return entry


def update_entry(
    session: Session,
    owner: Owner,
    entry_id: int,
    body: str,
    title: str | None = None,
    when: datetime | None = None,
) -> JournalEntry:
    """Change an entry's text, title or date."""
    entry = get_entry(session, owner, entry_id)
    body, title = _clean(body, title, when)
    entry.body, entry.title = body, title
    if when is not None:
        entry.created_at = when
    session.flush()
    return entry


def delete_entry(session: Session, owner: Owner, entry_id: int) -> None:
    session.delete(get_entry(session, owner, entry_id))
    session.flush()


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


def count_entries(session: Session, owner: Owner) -> int:
    query = select(func.count()).select_from(JournalEntry).where(JournalEntry.owner_id == owner.id)
    return session.scalar(query) or 0


def get_entry(session: Session, owner: Owner, entry_id: int) -> JournalEntry:
    """One entry; :class:`NotFound` if it is missing or someone else's."""
    entry = session.get(JournalEntry, entry_id)
    if entry is None or entry.owner_id != owner.id:
        raise NotFound
    return entry
