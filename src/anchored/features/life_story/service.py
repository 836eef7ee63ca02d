"""Life-story timeline: events with an age or a year, a title and an optional note; add,
read, edit, delete; the pacing ("that's enough for today" after three events in a day,
which the person may set aside for the day).

Every save runs the crisis check and keeps the event in the search index in the same
transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput
from anchored.core.limits import check_length
from anchored.core.owner import Owner
from anchored.features.life_story import SEARCH, rules
from anchored.features.life_story.models import LifeEvent, LifeStoryPace
from anchored.manifest import StepItem
from anchored.services.owned import get_owned, insert_missing
from anchored.services.search_results import Shown
from anchored.services.support import Saved, saved
from anchored.storage.search import index_document, remove_document

__all__ = ["EventText", "LifeEvent", "Pace", "Saved"]

SOURCE = "life story"
TITLE_MAX = 200
NOTE_MAX = 10_000


@dataclass(frozen=True, slots=True)
class EventText:
    """An event as typed: an age and/or a year (as text), a title, an optional note."""

    title: str
    age: str = ""
    year: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Pace:
    added_today: int
    enough: bool  # say "that's enough for today"


def today(now: datetime) -> date:
    """The person's own calendar day (the app runs on their machine)."""
    return now.astimezone().date()


def _clean(text: EventText, now: datetime) -> dict[str, object]:
    errors: dict[str, str] = {}
    title, note = " ".join(text.title.split()), text.note.strip()
    if not title:
        errors["title"] = "Give it a short title, a few words are enough."
    check_length(errors, "title", title, TITLE_MAX, "A title")
    check_length(errors, "note", note, NOTE_MAX, "A note")
    when = rules.When(None, None)
    try:
        when = rules.parse_when(text.age, text.year, today(now).year)
    except ValueError as exc:
        errors.update(exc.args[0])
    if errors:
        raise InvalidInput(errors)
    return {"title": title, "note": note, "age": when.age, "year": when.year}


def _index(session: Session, event: LifeEvent) -> None:
    index_document(session, event.owner_id, SEARCH.code, event.id, event.title, event.note)


def add_event(session: Session, owner: Owner, text: EventText, *, now: datetime) -> Saved:
    """Save a new event on the owner's timeline."""
    event = LifeEvent(owner_id=owner.id, created_at=now, updated_at=now, **_clean(text, now))
    session.add(event)
    session.flush()
    _index(session, event)
    return saved(session, owner, SOURCE, event.id, event.title, event.note)


def update_event(
    session: Session, owner: Owner, event_id: int, text: EventText, *, now: datetime
) -> Saved:
    event = get_event(session, owner, event_id)
    for field, value in _clean(text, now).items():
        setattr(event, field, value)
    event.updated_at = now
    session.flush()
    _index(session, event)
    return saved(session, owner, SOURCE, event.id, event.title, event.note)


def delete_event(session: Session, owner: Owner, event_id: int) -> None:
    session.delete(get_event(session, owner, event_id))
    remove_document(session, SEARCH.code, event_id)
    session.flush()


def get_event(session: Session, owner: Owner, event_id: int) -> LifeEvent:
    """One event; :class:`NotFound` if it is missing or someone else's."""
    return get_owned(session, LifeEvent, owner, event_id)


def timeline(session: Session, owner: Owner) -> list[LifeEvent]:
    """The owner's events in the order they happened (see ``rules.timeline``)."""
    query = select(LifeEvent).where(LifeEvent.owner_id == owner.id)
    return rules.timeline(list(session.scalars(query)))


# -- pacing -------------------------------------------------------------------------------------


def _start_of_today(now: datetime) -> datetime:
    local = now.astimezone()
    return datetime.combine(local.date(), time(), tzinfo=local.tzinfo)


def pace(session: Session, owner: Owner, *, now: datetime) -> Pace:
    """How many events were added today (the person's day), and whether to say "that's
    enough for today"."""
    query = (
        select(func.count())
        .select_from(LifeEvent)
        .where(LifeEvent.owner_id == owner.id, LifeEvent.created_at >= _start_of_today(now))
    )
    added = session.scalar(query) or 0
    dismissed = session.scalar(
        select(LifeStoryPace.dismissed_on).where(LifeStoryPace.owner_id == owner.id)
    )
    return Pace(added, rules.enough_for_today(added, dismissed == today(now)))


def go_on_today(session: Session, owner: Owner, *, now: datetime) -> None:
    """The person chose to go on past "that's enough for today", for the rest of the day."""
    insert_missing(session, LifeStoryPace, [{"owner_id": owner.id, "dismissed_on": None}])
    row = session.scalars(select(LifeStoryPace).where(LifeStoryPace.owner_id == owner.id)).one()
    row.dismissed_on = today(now)
    session.flush()


# -- what other parts of the app show (named in the manifest) --------------------------------


def step_items(session: Session, owner: Owner, step: int) -> list[StepItem]:
    """Step 1's page lists the timeline's events, by title only (as the timeline does)."""
    if step != 1:
        return []
    return [
        StepItem(
            title=event.title,
            path=f"/life-story/{event.id}",
            created_at=event.created_at,
            detail=rules.when_label(event.age, event.year),
        )
        for event in timeline(session, owner)
    ]


def search_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    """How search shows an event: its title."""
    query = select(LifeEvent.id, LifeEvent.created_at, LifeEvent.title).where(
        LifeEvent.owner_id == owner.id, LifeEvent.id.in_(list(ids))
    )
    return {
        event_id: Shown(created_at, title, f"/life-story/{event_id}")
        for event_id, created_at, title in session.execute(query)
    }


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each free-text field, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card)."""
    done = add_event(session, owner, EventText(text[:TITLE_MAX], age="7"), now=now)
    yield "life_story_events.title", done.needs_help
    done = add_event(session, owner, EventText("Moving house", year="2001", note=text), now=now)
    yield "life_story_events.note", done.needs_help


def reindex(session: Session, owner: Owner) -> None:
    """Write the search text of ``owner``'s life-story events again (after an import)."""
    rows = session.scalars(select(LifeEvent).where(LifeEvent.owner_id == owner.id)).all()
    for row in rows:
        _index(session, row)
