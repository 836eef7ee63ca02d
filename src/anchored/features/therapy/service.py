"""Things to bring to my next therapy session: a short list the person keeps."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput
from anchored.core.limits import too_long
from anchored.core.owner import Owner
from anchored.features.therapy.models import SessionPrepItem
from anchored.services.owned import get_owned
from anchored.services.support import Saved, saved

ITEM_MAX = 1_000


def add_item(session: Session, owner: Owner, text: str, *, now: datetime) -> Saved:
    """Add something to bring up, dated ``now``; the result says whether the help card
    comes first."""
    text = text.strip()
    if not text:
        raise InvalidInput({"text": "Write what you'd like to bring up first."})
    problem = too_long(text, ITEM_MAX, "A note")
    if problem is not None:
        raise InvalidInput({"text": problem})
    item = SessionPrepItem(owner_id=owner.id, text=text, created_at=now)
    session.add(item)
    session.flush()
    return saved(session, owner, "session notes", item.id, text)


def get_item(session: Session, owner: Owner, item_id: int) -> SessionPrepItem:
    """One item; :class:`NotFound` if it is missing or someone else's."""
    return get_owned(session, SessionPrepItem, owner, item_id)


def list_items(session: Session, owner: Owner) -> Sequence[SessionPrepItem]:
    """The owner's items, oldest first."""
    query = (
        select(SessionPrepItem)
        .where(SessionPrepItem.owner_id == owner.id)
        .order_by(SessionPrepItem.created_at, SessionPrepItem.id)
    )
    return session.scalars(query).all()


def delete_item(session: Session, owner: Owner, item_id: int) -> None:
    """Remove an item; :class:`NotFound` if it is missing or someone else's."""
    session.delete(get_item(session, owner, item_id))
    session.flush()


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each free-text field, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card)."""
    yield "session_prep_items.text", add_item(session, owner, text, now=now).needs_help
