"""Wins and affirmations: log, read, list, edit, delete; wins by month and a handful of past
wins for "look how far you've come"; what the programme, search, the secure-base kit and other
tools (a finished pause) use.

Every save runs the crisis check on what was written and keeps the record in the vault's
search index in the same transaction. A win logged in one tap from another tool is worded by
the app, so only what the person later adds to it is checked.
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
from anchored.features.wins import SEARCH, SEARCH_AFFIRMATIONS, rules
from anchored.features.wins.models import Affirmation, Win
from anchored.manifest import KitItem, StepItem
from anchored.services.owned import get_owned
from anchored.services.search_results import Shown, first_words
from anchored.services.support import Saved, own_words, saved
from anchored.storage.search import index_document, remove_document

__all__ = ["Affirmation", "Win"]

SOURCE = "wins"  # names the tool in the private record of when the help card appeared
SOURCE_MAX = 60
STEP = 11


def today(now: datetime) -> date:
    """The person's own calendar day (the server runs on their machine)."""
    return now.astimezone().date()


# -- wins -------------------------------------------------------------------------------------


def _clean_win(
    text: str, took: str, day: date | str | None, now: datetime
) -> tuple[str, str, date]:
    errors: dict[str, str] = {}
    text, took = text.strip(), took.strip()
    if not text:
        errors["text"] = "Write the win first, in a few words; an empty win is not saved."
    check_length(errors, "text", text, rules.WIN_MAX, "A win")
    check_length(errors, "took", took, rules.TOOK_MAX, "What it took")
    chosen = today(now)
    if isinstance(day, date):
        if day > chosen:
            errors["day"] = rules.DAY_LATER_MESSAGE
        chosen = day
    else:
        try:
            chosen = rules.parse_day(day, today(now))
        except ValueError as exc:
            errors["day"] = str(exc)
    if errors:
        raise InvalidInput(errors)
    return text, took, chosen


def _index_win(session: Session, win: Win) -> None:
    index_document(session, win.owner_id, SEARCH.code, win.id, win.text, win.took)


def _saved_win(session: Session, owner: Owner, win: Win, app_wrote: Sequence[str] = ()) -> Saved:
    return saved(session, owner, SOURCE, win.id, own_words(win.text, app_wrote), win.took)


def add_win(
    session: Session,
    owner: Owner,
    text: str,
    took: str = "",
    day: date | str | None = None,
    *,
    now: datetime,
) -> Saved:
    """Log a win for ``owner`` on ``day`` (default: today; never a day still to come), with
    what it took (optional)."""
    text, took, chosen = _clean_win(text, took, day, now)
    win = Win(owner_id=owner.id, text=text, took=took, day=chosen, created_at=now, updated_at=now)
    session.add(win)
    session.flush()
    _index_win(session, win)
    return _saved_win(session, owner, win)


def update_win(
    session: Session,
    owner: Owner,
    win_id: int,
    text: str,
    took: str = "",
    day: date | str | None = None,
    *,
    now: datetime,
) -> Saved:
    """Change a win's words, what it took, or its day."""
    win = get_win(session, owner, win_id)
    app_wrote = [win.text] if win.source else []
    text, took, chosen = _clean_win(text, took, day, now)
    win.text, win.took, win.day, win.updated_at = text, took, chosen, now
    session.flush()
    _index_win(session, win)
    # A one-tap win kept as the app worded it is not the person's words; any change is.
    return _saved_win(session, owner, win, app_wrote)


def delete_win(session: Session, owner: Owner, win_id: int) -> None:
    session.delete(get_win(session, owner, win_id))
    remove_document(session, SEARCH.code, win_id)
    session.flush()


def get_win(session: Session, owner: Owner, win_id: int) -> Win:
    """One win; :class:`NotFound` if it is missing or someone else's."""
    return get_owned(session, Win, owner, win_id)


def list_wins(session: Session, owner: Owner, *, limit: int = 50, offset: int = 0) -> Sequence[Win]:
    """The owner's wins, newest day first."""
    query = (
        select(Win)
        .where(Win.owner_id == owner.id)
        .order_by(Win.day.desc(), Win.created_at.desc(), Win.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return session.scalars(query).all()


def count_wins(session: Session, owner: Owner) -> int:
    query = select(func.count()).select_from(Win).where(Win.owner_id == owner.id)
    return session.scalar(query) or 0


def wins_by_month(
    session: Session, owner: Owner, *, first: date | None = None, last: date | None = None
) -> list[rules.Month]:
    """How many wins each month holds, oldest first, from the first win's month to the last's
    (months without a win included, with 0): the numbers a chart of wins needs. ``first`` and
    ``last`` keep to the wins on days between them."""
    query = select(Win.day).where(Win.owner_id == owner.id)
    if first is not None:
        query = query.where(Win.day >= first)
    if last is not None:
        query = query.where(Win.day <= last)
    return rules.by_month(session.scalars(query))


def a_handful(session: Session, owner: Owner, rng: random.Random) -> list[Win]:
    """A few past wins chosen by ``rng``, newest first."""
    ids = session.scalars(
        select(Win.id).where(Win.owner_id == owner.id).order_by(Win.day.desc(), Win.id.desc())
    ).all()
    chosen = rules.handful(ids, rng)
    if not chosen:
        return []
    found = {w.id: w for w in session.scalars(select(Win).where(Win.id.in_(chosen)))}
    return [found[i] for i in chosen]


# -- affirmations -----------------------------------------------------------------------------


def _clean_affirmation(text: str) -> str:
    errors: dict[str, str] = {}
    text = text.strip()
    if not text:
        errors["text"] = "Write a sentence first; an empty affirmation is not saved."
    check_length(errors, "text", text, rules.AFFIRMATION_MAX, "An affirmation")
    if errors:
        raise InvalidInput(errors)
    return text


def _index_affirmation(session: Session, item: Affirmation) -> None:
    index_document(session, item.owner_id, SEARCH_AFFIRMATIONS.code, item.id, item.text, "")


def add_affirmation(session: Session, owner: Owner, text: str, *, now: datetime) -> Saved:
    """Keep an affirmation in the person's own words (a starter they chose counts as theirs)."""
    item = Affirmation(
        owner_id=owner.id, text=_clean_affirmation(text), created_at=now, updated_at=now
    )
    session.add(item)
    session.flush()
    _index_affirmation(session, item)
    return saved(session, owner, SOURCE, item.id, item.text)


def update_affirmation(
    session: Session, owner: Owner, affirmation_id: int, text: str, *, now: datetime
) -> Saved:
    item = get_affirmation(session, owner, affirmation_id)
    item.text, item.updated_at = _clean_affirmation(text), now
    session.flush()
    _index_affirmation(session, item)
    return saved(session, owner, SOURCE, item.id, item.text)


def delete_affirmation(session: Session, owner: Owner, affirmation_id: int) -> None:
    session.delete(get_affirmation(session, owner, affirmation_id))
    remove_document(session, SEARCH_AFFIRMATIONS.code, affirmation_id)
    session.flush()


def get_affirmation(session: Session, owner: Owner, affirmation_id: int) -> Affirmation:
    return get_owned(session, Affirmation, owner, affirmation_id)


def list_affirmations(session: Session, owner: Owner) -> Sequence[Affirmation]:
    """The owner's affirmations, oldest first (the order they were written)."""
    query = (
        select(Affirmation)
        .where(Affirmation.owner_id == owner.id)
        .order_by(Affirmation.created_at, Affirmation.id)
    )
    return session.scalars(query).all()


# -- what other parts of the app use (named in the manifest) ---------------------------------


def add_from(session: Session, owner: Owner, *, text: str, source: str, now: datetime) -> Saved:
    """A win logged in one tap from another tool (offered as ``wins.add_from``): ``text`` is
    the app's wording of what the person did, ``source`` where it came from (e.g.
    ``"pause:12"``). Dated today."""
    clean, took, day = _clean_win(text, "", None, now)
    win = Win(
        owner_id=owner.id,
        text=clean,
        took=took,
        day=day,
        source=source.strip()[:SOURCE_MAX] or None,
        created_at=now,
        updated_at=now,
    )
    session.add(win)
    session.flush()
    _index_win(session, win)
    return _saved_win(session, owner, win, [clean])


def logged_from(session: Session, owner: Owner, source: str) -> str | None:
    """The address of ``owner``'s win logged from ``source`` (offered as
    ``wins.logged_from``), or None if there is none."""
    query = (
        select(Win.id)
        .where(Win.owner_id == owner.id, Win.source == source.strip()[:SOURCE_MAX])
        .order_by(Win.id.desc())
        .limit(1)
    )
    found = session.scalar(query)
    return f"/wins/{found}" if found is not None else None


# Home shows the kit on every visit: built once (building costs more than running it).
_WINS = Win.__table__
_NEWEST_DAY = select(func.max(_WINS.c.day)).where(_WINS.c.owner_id == bindparam("owner"))
_IDS_SINCE = (
    select(_WINS.c.id)
    .where(_WINS.c.owner_id == bindparam("owner"), _WINS.c.day >= bindparam("since"))
    .order_by(_WINS.c.id)
)


def kit_item(
    session: Session, owner: Owner, rng: random.Random, *, now: datetime | None = None
) -> KitItem | None:
    """One recent win for the secure-base kit, chosen by ``rng``: from the last 60 days
    before ``now``; without ``now``, the 60 days up to the newest win. None without a win."""
    connection = session.connection()
    newest = connection.execute(_NEWEST_DAY, {"owner": owner.id}).scalar()
    if newest is None:
        return None
    since = rules.recent_since(newest, today(now) if now is not None else None)
    ids = connection.execute(_IDS_SINCE, {"owner": owner.id, "since": since}).scalars().all()
    if not ids:
        return None
    win = get_win(session, owner, rng.choice(ids))
    return KitItem(
        heading="A recent win",
        text=win.text,
        path=f"/wins/{win.id}",
        detail=win.took,
    )


def step_items(session: Session, owner: Owner, step: int) -> list[StepItem]:
    """Step 11's page lists the latest wins and the affirmations."""
    if step != STEP:
        return []
    items = [
        StepItem(
            title=win.text,
            path=f"/wins/{win.id}",
            created_at=win.created_at,
            detail="A win",
        )
        for win in list_wins(session, owner, limit=10)
    ]
    items += [
        StepItem(
            title=item.text,
            path=f"/wins/affirmations/{item.id}/edit",
            created_at=item.created_at,
            detail="An affirmation",
        )
        for item in list_affirmations(session, owner)
    ]
    return sorted(items, key=lambda i: i.created_at, reverse=True)


def search_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    query = select(Win.id, Win.created_at, Win.text).where(
        Win.owner_id == owner.id, Win.id.in_(list(ids))
    )
    return {
        win_id: Shown(created_at, first_words(text), f"/wins/{win_id}")
        for win_id, created_at, text in session.execute(query)
    }


def affirmation_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    query = select(Affirmation.id, Affirmation.created_at, Affirmation.text).where(
        Affirmation.owner_id == owner.id, Affirmation.id.in_(list(ids))
    )
    return {
        item_id: Shown(created_at, first_words(text), f"/wins/affirmations#affirmation-{item_id}")
        for item_id, created_at, text in session.execute(query)
    }


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each free-text field, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card)."""
    yield "wins.text", add_win(session, owner, text, now=now).needs_help
    yield "wins.took", add_win(session, owner, "Went for a walk.", text, now=now).needs_help
    yield "affirmations.text", add_affirmation(session, owner, text, now=now).needs_help


def reindex(session: Session, owner: Owner) -> None:
    """Write the search text of ``owner``'s wins again (after an import)."""
    rows = session.scalars(select(Win).where(Win.owner_id == owner.id)).all()
    for row in rows:
        _index_win(session, row)


def reindex_affirmations(session: Session, owner: Owner) -> None:
    """Write the search text of ``owner``'s affirmations again (after an import)."""
    rows = session.scalars(select(Affirmation).where(Affirmation.owner_id == owner.id)).all()
    for row in rows:
        _index_affirmation(session, row)
