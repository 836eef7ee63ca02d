"""What a therapist sees of a person's journal (hosted mode): only the entries the person
picked one by one, from the grant's first day on, each with its title, date and what they
wrote. The rest of the journal stays private: nothing else of it is listed, counted or shown."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from anchored.core.owner import Owner
from anchored.core.weeks import local_midnight
from anchored.features.journal.models import JournalEntry
from anchored.manifest import Pickable, SharedPart
from anchored.services.owned import picked_between
from anchored.services.search_results import first_words

PICK_MAX = 200  # entries listed to tick: a long period lists the newest


def _between(start: datetime, now: datetime) -> tuple[ColumnElement[bool], ...]:
    return (JournalEntry.created_at >= start, JournalEntry.created_at <= now)


def pick(session: Session, owner: Owner, *, since: date, now: datetime) -> list[Pickable]:
    """The entries written from ``since`` on, newest first: the title, else the first words."""
    query = (
        select(JournalEntry.id, JournalEntry.created_at, JournalEntry.title, JournalEntry.body)
        .where(JournalEntry.owner_id == owner.id, *_between(local_midnight(since), now))
        .order_by(JournalEntry.created_at.desc(), JournalEntry.id.desc())
        .limit(PICK_MAX)
    )
    return [
        Pickable(entry_id, title or first_words(body), created_at)
        for entry_id, created_at, title, body in session.execute(query)
    ]


def view(
    session: Session,
    owner: Owner,
    *,
    since: date,
    now: datetime,
    picked: frozenset[int] | None = None,
) -> SharedPart:
    """The picked entries of the period, newest first, each in full."""
    entries = picked_between(session, JournalEntry, owner, picked, local_midnight(since), now)
    return SharedPart("journal/_shared.html", {"entries": entries}, empty=not entries)
