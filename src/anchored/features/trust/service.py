"""Trust log: moments when someone did what they said they would (or didn't), with the day
and the person, and a plain count of each per person over the last 90 days.

The person is one of the support people the people feature offers (``people.choices``,
passed in by the caller, who got it from the registry; None when that feature is absent), or
a name typed in. Every save runs the crisis check and keeps the moment in the search index in
the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput
from anchored.core.limits import check_length
from anchored.core.owner import Owner
from anchored.features.trust import SEARCH, rules
from anchored.features.trust.models import TrustMoment
from anchored.manifest import StepItem
from anchored.services.owned import get_owned
from anchored.services.search_results import Shown, first_words
from anchored.services.support import Saved, saved
from anchored.storage.search import index_document, remove_document

__all__ = ["MomentText", "PeopleChoices", "Saved", "TrustMoment"]

SOURCE = "trust log"
NAME_MAX = 120
SAID_MAX = 2_000
NOTE_MAX = 5_000
# The people feature's offer ``people.choices``: (session, owner) -> [(id, name), ...].
PeopleChoices = Callable[[Session, Owner], list[tuple[int, str]]]


@dataclass(frozen=True, slots=True)
class MomentText:
    """A moment as typed: ``person_id`` picks a support person (else ``person_name``);
    ``kept`` is "yes" or "no"; ``day`` is YYYY-MM-DD, empty for today."""

    said: str
    kept: str
    person_name: str = ""
    person_id: int | None = None
    day: str = ""
    note: str = ""


def today(now: datetime) -> date:
    """The person's own calendar day (the app runs on their machine)."""
    return now.astimezone().date()


def _clean(
    session: Session,
    owner: Owner,
    text: MomentText,
    now: datetime,
    people: PeopleChoices | None,
) -> dict[str, object]:
    errors: dict[str, str] = {}
    choices = dict(people(session, owner)) if people is not None else {}
    person_id = text.person_id if text.person_id in choices else None
    name = choices[person_id] if person_id is not None else " ".join(text.person_name.split())
    if not name:
        errors["person_name"] = "Say who it was: pick someone or type a name."
    check_length(errors, "person_name", name, NAME_MAX, "A name")
    said, note = text.said.strip(), text.note.strip()
    if not said:
        errors["said"] = "Write what they said they would do, in a few words."
    check_length(errors, "said", said, SAID_MAX, "This box")
    check_length(errors, "note", note, NOTE_MAX, "A note")
    if text.kept not in {"yes", "no"}:
        errors["kept"] = "Choose whether they did it."
    try:
        day = rules.parse_day(text.day, today(now))
    except ValueError as exc:
        errors["day"] = str(exc)
    if errors:
        raise InvalidInput(errors)
    return {
        "person_id": person_id,
        "person_name": name,
        "said": said,
        "note": note,
        "kept": text.kept == "yes",
        "happened_on": day,
    }


def _index(session: Session, moment: TrustMoment) -> None:
    body = "\n".join(text for text in (moment.said, moment.note) if text)
    index_document(session, moment.owner_id, SEARCH.code, moment.id, moment.person_name, body)


def _saved(session: Session, owner: Owner, moment: TrustMoment) -> Saved:
    return saved(session, owner, SOURCE, moment.id, moment.person_name, moment.said, moment.note)


def add_moment(
    session: Session,
    owner: Owner,
    text: MomentText,
    *,
    now: datetime,
    people: PeopleChoices | None = None,
) -> Saved:
    """Save a new moment."""
    moment = TrustMoment(
        owner_id=owner.id, created_at=now, **_clean(session, owner, text, now, people)
    )
    session.add(moment)
    session.flush()
    _index(session, moment)
    return _saved(session, owner, moment)


def update_moment(
    session: Session,
    owner: Owner,
    moment_id: int,
    text: MomentText,
    *,
    now: datetime,
    people: PeopleChoices | None = None,
) -> Saved:
    """Change a moment (everything but when it was written down)."""
    moment = get_moment(session, owner, moment_id)
    for field, value in _clean(session, owner, text, now, people).items():
        setattr(moment, field, value)
    session.flush()
    _index(session, moment)
    return _saved(session, owner, moment)


def delete_moment(session: Session, owner: Owner, moment_id: int) -> None:
    session.delete(get_moment(session, owner, moment_id))
    remove_document(session, SEARCH.code, moment_id)
    session.flush()


def get_moment(session: Session, owner: Owner, moment_id: int) -> TrustMoment:
    """One moment; :class:`NotFound` if it is missing or someone else's."""
    return get_owned(session, TrustMoment, owner, moment_id)


def list_moments(
    session: Session, owner: Owner, *, limit: int = 50, offset: int = 0
) -> Sequence[TrustMoment]:
    """The owner's moments, the most recent day first."""
    query = (
        select(TrustMoment)
        .where(TrustMoment.owner_id == owner.id)
        .order_by(TrustMoment.happened_on.desc(), TrustMoment.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return session.scalars(query).all()


def count_moments(session: Session, owner: Owner) -> int:
    query = select(func.count()).select_from(TrustMoment).where(TrustMoment.owner_id == owner.id)
    return session.scalar(query) or 0


def person_counts(
    session: Session, owner: Owner, *, now: datetime, days: int = rules.WINDOW_DAYS
) -> list[rules.PersonCount]:
    """Per person, how many moments were kept and how many missed over the last ``days``
    days (today included): the numbers a chart would need, and the table on /trust."""
    start = date.fromordinal(today(now).toordinal() - days + 1)
    query = select(
        TrustMoment.person_id, TrustMoment.person_name, TrustMoment.kept, TrustMoment.happened_on
    ).where(TrustMoment.owner_id == owner.id, TrustMoment.happened_on >= start)
    moments = (
        rules.Moment(pid, name, kept, day) for pid, name, kept, day in session.execute(query)
    )
    return rules.counts(moments, today(now), days)


# -- what other parts of the app show (named in the manifest) --------------------------------


def _title(moment: TrustMoment) -> str:
    return f"{moment.person_name}: {first_words(moment.said, 60)}"


def step_items(session: Session, owner: Owner, step: int) -> list[StepItem]:
    """Step 4's page lists the trust log's moments."""
    if step != 4:
        return []
    return [
        StepItem(
            title=_title(moment),
            path=f"/trust/{moment.id}",
            created_at=moment.created_at,
            detail="Did it" if moment.kept else "Didn't, this time",
        )
        for moment in list_moments(session, owner, limit=200)
    ]


def search_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    """How search shows a moment: the person and what they said they'd do."""
    query = select(TrustMoment).where(
        TrustMoment.owner_id == owner.id, TrustMoment.id.in_(list(ids))
    )
    return {
        moment.id: Shown(moment.created_at, _title(moment), f"/trust/{moment.id}")
        for moment in session.scalars(query)
    }


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each free-text field, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card)."""
    for field in ("person_name", "said", "note"):
        answers = {"person_name": "Sam", "said": "Call at eight.", "note": ""}
        answers[field] = text[:NAME_MAX] if field == "person_name" else text
        moment = MomentText(answers["said"], "yes", answers["person_name"], note=answers["note"])
        yield f"trust_moments.{field}", add_moment(session, owner, moment, now=now).needs_help


def reindex(session: Session, owner: Owner) -> None:
    """Write the search text of ``owner``'s trust log moments again (after an import)."""
    rows = session.scalars(select(TrustMoment).where(TrustMoment.owner_id == owner.id)).all()
    for row in rows:
        _index(session, row)
