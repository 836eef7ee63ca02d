"""Things to bring to my next therapy session: a short list the person keeps."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.owner import Owner
from anchored.storage.models import SessionPrepItem

ITEM_MAX = 1_000


def add_item(session: Session, owner: Owner, text: str) -> SessionPrepItem:
    text = text.strip()
    if not text:
        raise InvalidInput({"text": "Write what you'd like to bring up first."})
    if len(text) > ITEM_MAX:
        raise InvalidInput({"text": f"Keep it to {ITEM_MAX:,} characters; this has {len(text):,}."})
    item = SessionPrepItem(owner_id=owner.id, text=text)
    session.add(item)
    session.flush()
    return item


def list_items(session: Session, owner: Owner) -> Sequence[SessionPrepItem]:
    query = (
        select(SessionPrepItem)
        .where(SessionPrepItem.owner_id == owner.id)
        .order_by(SessionPrepItem.created_at, SessionPrepItem.id)
    )
    return session.scalars(query).all()


def delete_item(session: Session, owner: Owner, item_id: int) -> None:
    item = session.get(SessionPrepItem, item_id)
    if item is None or item.owner_id != owner.id:
        raise NotFound
    session.delete(item)
    session.flush()
