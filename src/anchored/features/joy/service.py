"""The joy list: add, edit, delete, reorder, mark "did it today", and pick one for today.

Every save of what the person wrote runs the crisis check and keeps the item in the search
index in the same transaction. Days ("when I last did it") are the person's own calendar
days: the local date of the ``now`` the caller passes.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput
from anchored.core.limits import check_length
from anchored.core.owner import Owner
from anchored.features.joy import SEARCH, rules
from anchored.features.joy.models import JoyItem
from anchored.manifest import KitItem, StepItem
from anchored.services.owned import get_owned
from anchored.services.search_results import Shown, first_words
from anchored.services.support import Saved, saved
from anchored.storage.search import index_document, remove_document

__all__ = ["JoyItem", "Saved"]

SOURCE = "joy list"  # names the tool in the private record of when the help card appeared
WHAT_MAX = 300  # the width of JoyItem.what
STEP = 3
EMPTY = "Write one thing that brings you joy first; a few words are enough."


def local_day(now: datetime) -> date:
    """The person's own calendar day at ``now`` (the app runs on their computer)."""
    return now.astimezone().date()


def _clean(what: str, last_done: date | None, now: datetime, field: str = "what") -> str:
    errors: dict[str, str] = {}
    what = " ".join(what.split())
    if not what:
        errors[field] = EMPTY
    check_length(errors, field, what, WHAT_MAX, "One thing")
    if last_done is not None and (problem := rules.check_day(last_done, local_day(now))):
        errors["last_done"] = problem
    if errors:
        raise InvalidInput(errors)
    return what


def parse_day(text: str) -> date | None:
    """A day from a form or a command (2026-11-23); '' means none."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            {"last_done": "Use a date like 2026-11-23 (year-month-day), or leave it empty."}
        ) from None


def _index(session: Session, item: JoyItem) -> None:
    index_document(session, item.owner_id, SEARCH.code, item.id, "", item.what)


def _next_position(session: Session, owner: Owner) -> int:
    query = select(func.max(JoyItem.position)).where(JoyItem.owner_id == owner.id)
    highest = session.scalar(query)
    return 0 if highest is None else highest + 1


def add_joy(
    session: Session, owner: Owner, what: str, last_done: date | None = None, *, now: datetime
) -> Saved:
    """Add one thing to the end of the owner's joy list."""
    what = _clean(what, last_done, now)
    item = JoyItem(
        owner_id=owner.id,
        what=what,
        last_done=last_done,
        position=_next_position(session, owner),
        created_at=now,
        updated_at=now,
    )
    session.add(item)
    session.flush()
    _index(session, item)
    return saved(session, owner, SOURCE, item.id, item.what)


def add_joys(
    session: Session,
    owner: Owner,
    whats: Sequence[str],
    last_done: date | None = None,
    *,
    now: datetime,
) -> list[Saved]:
    """Add several things at once (one per line of what was written), all or none: a line
    too long names its number and nothing is saved. Empty lines are skipped."""
    lines = [" ".join(what.split()) for what in whats]
    lines = [line for line in lines if line]
    if not lines:
        raise InvalidInput({"what": EMPTY})
    for number, line in enumerate(lines, start=1):
        _clean(line, last_done, now, field=f"line {number}")
    return [add_joy(session, owner, line, last_done, now=now) for line in lines]


def update_joy(
    session: Session,
    owner: Owner,
    joy_id: int,
    what: str,
    last_done: date | None,
    *,
    now: datetime,
) -> Saved:
    """Change what it is and when it was last done (None: not noted)."""
    item = get_joy(session, owner, joy_id)
    item.what = _clean(what, last_done, now)
    item.last_done = last_done
    item.updated_at = now
    session.flush()
    _index(session, item)
    return saved(session, owner, SOURCE, item.id, item.what)


def did_today(session: Session, owner: Owner, joy_id: int, *, now: datetime) -> JoyItem:
    """Note that it was done today (one tap)."""
    item = get_joy(session, owner, joy_id)
    item.last_done = local_day(now)
    item.updated_at = now
    session.flush()
    return item


def delete_joy(session: Session, owner: Owner, joy_id: int) -> None:
    """Delete one thing and its searchable text."""
    session.delete(get_joy(session, owner, joy_id))
    remove_document(session, SEARCH.code, joy_id)
    session.flush()


def move_joy(session: Session, owner: Owner, joy_id: int, direction: rules.Direction) -> None:
    """Move one thing a place up or down the list (nothing changes at either end)."""
    get_joy(session, owner, joy_id)
    items = list_joys(session, owner)
    order = rules.move([item.id for item in items], joy_id, direction)
    by_id = {item.id: item for item in items}
    for position, item_id in enumerate(order):
        by_id[item_id].position = position
    session.flush()


def get_joy(session: Session, owner: Owner, joy_id: int) -> JoyItem:
    """One item; :class:`NotFound` if it is missing or someone else's."""
    return get_owned(session, JoyItem, owner, joy_id)


# Built once: home's secure-base kit asks on every visit (see journal.service's note).
_JOYS = (
    select(JoyItem)
    .where(JoyItem.owner_id == bindparam("owner"))
    .order_by(JoyItem.position, JoyItem.id)
)
_CANDIDATES = select(JoyItem.id, JoyItem.last_done).where(JoyItem.owner_id == bindparam("owner"))


def list_joys(session: Session, owner: Owner) -> Sequence[JoyItem]:
    """The owner's joy list, in their order."""
    return session.scalars(_JOYS, {"owner": owner.id}).all()


def _candidates(session: Session, owner: Owner) -> list[rules.Candidate]:
    rows = session.execute(_CANDIDATES, {"owner": owner.id})
    return [(item_id, last_done) for item_id, last_done in rows]


def pick_joy(
    session: Session,
    owner: Owner,
    *,
    now: datetime,
    rng: random.Random,
    avoid: int | None = None,
) -> JoyItem | None:
    """One thing to do today, preferring one not done lately; never ``avoid`` (the one picked
    before) while there is another. None while the list is empty."""
    chosen = rules.pick(_candidates(session, owner), local_day(now), rng, avoid)
    return get_joy(session, owner, chosen) if chosen is not None else None


# -- what other parts of the app show (named in the manifest) --------------------------------


def kit_item(
    session: Session, owner: Owner, rng: random.Random, *, now: datetime | None = None
) -> KitItem | None:
    """For the secure-base kit: one joy, preferring one not done lately (as "pick one for me"
    does); without the time, one of those not done for longest."""
    candidates = _candidates(session, owner)
    if now is not None:
        chosen = rules.pick(candidates, local_day(now), rng)
    else:
        chosen = rules.staler_half(candidates, rng)
    if chosen is None:
        return None
    item = get_joy(session, owner, chosen)
    detail = (
        f"You last did it on {rules.day_text(item.last_done)}."
        if item.last_done is not None
        else "Something from your joy list."
    )
    return KitItem(
        heading="Something that brings you joy",
        text=item.what,
        path=f"/joy#joy-{item.id}",
        detail=detail,
    )


def step_items(session: Session, owner: Owner, step: int) -> list[StepItem]:
    """Step 3's page lists the joy list's items."""
    if step != STEP:
        return []
    return [
        StepItem(
            title=first_words(item.what),
            path=f"/joy#joy-{item.id}",
            created_at=item.created_at,
            detail="Joy list",
        )
        for item in list_joys(session, owner)
    ]


def search_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    """How search shows an item: its words, leading to it on the list."""
    query = select(JoyItem.id, JoyItem.created_at, JoyItem.what).where(
        JoyItem.owner_id == owner.id, JoyItem.id.in_(list(ids))
    )
    return {
        item_id: Shown(created_at, first_words(what), f"/joy#joy-{item_id}")
        for item_id, created_at, what in session.execute(query)
    }


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each free-text field, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card)."""
    yield "joy_items.what", add_joy(session, owner, text, now=now).needs_help


def reindex(session: Session, owner: Owner) -> None:
    """Write the search text of ``owner``'s joy list items again (after an import)."""
    rows = session.scalars(select(JoyItem).where(JoyItem.owner_id == owner.id)).all()
    for row in rows:
        _index(session, row)
