"""Things to bring to my next therapy session: a short list the person keeps, each note in the
search index from when it is added until it is removed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput
from anchored.core.limits import too_long
from anchored.core.owner import Owner
from anchored.features.therapy import SEARCH, kept
from anchored.features.therapy.models import SessionPrepItem
from anchored.services.owned import get_owned
from anchored.services.search_results import TITLE_CHARS, Shown, first_words
from anchored.services.support import Saved, saved
from anchored.storage.base import opening_of
from anchored.storage.search import index_document, remove_document

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
    index_document(session, owner.id, SEARCH.code, item.id, "", text)
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
    """Remove an item and its searchable text; :class:`NotFound` if it is missing or someone
    else's."""
    session.delete(get_item(session, owner, item_id))
    remove_document(session, SEARCH.code, item_id)
    session.flush()


def search_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    """How search shows a note: its first words, linking to it in the list."""
    query = select(
        SessionPrepItem.id,
        SessionPrepItem.created_at,
        opening_of(SessionPrepItem.text, TITLE_CHARS * 2),
    ).where(SessionPrepItem.owner_id == owner.id, SessionPrepItem.id.in_(list(ids)))
    return {
        item_id: Shown(created_at, first_words(text), f"/therapy#prep-{item_id}")
        for item_id, created_at, text in session.execute(query)
    }


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each free-text field, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card)."""
    yield "session_prep_items.text", add_item(session, owner, text, now=now).needs_help
    part = kept.Part("Things I'd like to bring up", "", groups=(kept.Lines("", (("", text),)),))
    day = now.date()
    done = kept.keep_parts(session, owner, [part], first_day=day, last_day=day, weeks=2, now=now)
    yield "shared_summaries.body", done.needs_help


def reindex(session: Session, owner: Owner) -> None:
    """Write the search text of every one of ``owner``'s session notes again (after an
    import)."""
    query = select(SessionPrepItem).where(SessionPrepItem.owner_id == owner.id)
    for item in session.scalars(query).all():
        index_document(session, owner.id, SEARCH.code, item.id, "", item.text)
