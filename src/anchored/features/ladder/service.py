"""The exposure ladder: rungs (feared situations rated 0-100) and attempts at each.

Every save of words runs the crisis check. A rung is different from other writing: a ladder
holds situations that are safe to face, so a rung whose words call for the help card is not
added at all (:class:`RungRefused`); the page or command shows the help card instead, and the
words stay in the form. Words in an attempt are saved like any writing, and the help card
comes first on the next page.

Search holds one document per rung: its situation, and what was written in its attempts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput
from anchored.core.limits import check_length
from anchored.core.owner import Owner
from anchored.features.ladder import SEARCH, rules
from anchored.features.ladder.examples import SITUATION_MAX, load_examples
from anchored.features.ladder.models import LadderAttempt, LadderRung
from anchored.manifest import StepItem
from anchored.services import support
from anchored.services.owned import get_owned
from anchored.services.search_results import Shown, first_words
from anchored.services.support import Saved, own_words, saved
from anchored.storage.search import index_document, remove_document

__all__ = ["LadderAttempt", "LadderRung", "RungRefused", "Saved"]

SOURCE = "exposure ladder"  # names the tool in the private record of when the help card appeared
TEXT_MAX = 5_000
TEXT_FIELDS = ("feared", "happened", "learned")
LEVEL_MESSAGE = "Choose a whole number from 0 to 100."
RATING_MESSAGES = {
    "rating": "Rate how hard it feels with a whole number from 0 (not at all) to 100.",
    "predicted": "Give the anxiety you expect as a whole number from 0 to 100.",
    "peak": "Give the highest the anxiety went, as a whole number from 0 to 100.",
    "at_end": "Give how strong it was at the end, as a whole number from 0 to 100.",
}
REFUSED = (
    "This was not added: a ladder holds only situations that are safe to face. "
    "You can change the words, or reach out for help first."
)
NOT_YET = "That day hasn't come yet. Choose today or an earlier day."


class RungRefused(InvalidInput):
    """A rung whose words call for the help card: nothing was saved (``needs_help``)."""

    needs_help = True

    def __init__(self) -> None:
        super().__init__({"situation": REFUSED})


# -- rungs --------------------------------------------------------------------------------------


def _clean_rung(situation: str, rating: int | str | None) -> tuple[str, int]:
    errors: dict[str, str] = {}
    situation = " ".join(situation.split())
    if not situation:
        errors["situation"] = "Write the situation first, in a few words."
    check_length(errors, "situation", situation, SITUATION_MAX, "A rung")
    level = _level(errors, "rating", rating)
    if errors:
        raise InvalidInput(errors)
    assert level is not None
    return situation, level


def _level(errors: dict[str, str], field: str, value: int | str | None) -> int | None:
    try:
        level = rules.parse_level(value, RATING_MESSAGES[field])
    except ValueError as exc:
        errors[field] = str(exc)
        return None
    if level is None:
        errors[field] = RATING_MESSAGES[field]
    return level


def _checked(situation: str) -> str:
    """What the crisis check reads of a rung: an example's words are the app's; anything
    the person added to one is theirs."""
    return own_words(situation, load_examples().texts)


def _refuse_if_unsafe(situation: str) -> None:
    if support.calls_for_help(_checked(situation)):
        raise RungRefused


def record_refusal(session: Session, owner: Owner, situation: str) -> bool:
    """After :class:`RungRefused` (whose transaction rolled back): note, in a transaction of
    its own, that the help card appeared, if the person keeps that private record."""
    return support.after_save(session, owner, SOURCE, _checked(situation))


def add_rung(
    session: Session, owner: Owner, situation: str, rating: int | str | None, *, now: datetime
) -> Saved:
    """Put a feared situation on the owner's ladder, rated 0-100 for how hard it feels.
    :class:`RungRefused` if its words call for the help card."""
    situation, level = _clean_rung(situation, rating)
    _refuse_if_unsafe(situation)
    rung = LadderRung(
        owner_id=owner.id, situation=situation, rating=level, created_at=now, updated_at=now
    )
    session.add(rung)
    session.flush()
    _index(session, rung)
    return saved(session, owner, SOURCE, rung.id, _checked(situation))


def update_rung(
    session: Session,
    owner: Owner,
    rung_id: int,
    situation: str,
    rating: int | str | None,
    *,
    now: datetime,
) -> Saved:
    """Change a rung's words or rating (its attempts stay). :class:`RungRefused` as for
    :func:`add_rung`, and then the rung is left as it was."""
    rung = get_rung(session, owner, rung_id)
    situation, level = _clean_rung(situation, rating)
    _refuse_if_unsafe(situation)
    rung.situation, rung.rating, rung.updated_at = situation, level, now
    session.flush()
    _index(session, rung)
    return saved(session, owner, SOURCE, rung.id, _checked(situation))


def delete_rung(session: Session, owner: Owner, rung_id: int) -> None:
    """Delete a rung, its attempts and its searchable text."""
    rung = get_rung(session, owner, rung_id)
    for attempt in _attempts(session, owner, rung.id):
        session.delete(attempt)
    session.delete(rung)
    remove_document(session, SEARCH.code, rung_id)
    session.flush()


def get_rung(session: Session, owner: Owner, rung_id: int) -> LadderRung:
    """One rung; :class:`NotFound` if it is missing or someone else's."""
    return get_owned(session, LadderRung, owner, rung_id)


# -- attempts -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AttemptInput:
    """An attempt as a form or a command gives it (numbers may still be text)."""

    predicted: int | str | None
    peak: int | str | None
    at_end: int | str | None
    attempted_on: date | str | None = None  # None or "": today
    feared: str = ""
    happened: str = ""
    learned: str = ""

    def texts(self) -> tuple[str, str, str]:
        return (self.feared, self.happened, self.learned)


@dataclass(frozen=True, slots=True)
class _Attempt:
    attempted_on: date
    predicted: int
    peak: int
    at_end: int
    feared: str
    happened: str
    learned: str


def _clean_attempt(given: AttemptInput, now: datetime) -> _Attempt:
    errors: dict[str, str] = {}
    today = rules.local_day(now)
    try:
        day = rules.parse_day(given.attempted_on, "Use a date like 2026-11-23 (year-month-day).")
    except ValueError as exc:
        errors["attempted_on"] = str(exc)
        day = today
    if day is None:
        day = today
    elif day > today:
        errors["attempted_on"] = NOT_YET
    levels = {f: _level(errors, f, getattr(given, f)) for f in ("predicted", "peak", "at_end")}
    texts = tuple(text.strip() for text in given.texts())
    for field, text in zip(TEXT_FIELDS, texts, strict=True):
        check_length(errors, field, text, TEXT_MAX, "This box")
    if errors:
        raise InvalidInput(errors)
    return _Attempt(
        day,
        levels["predicted"] or 0,
        levels["peak"] or 0,
        levels["at_end"] or 0,
        *texts,
    )


def add_attempt(
    session: Session, owner: Owner, rung_id: int, given: AttemptInput, *, now: datetime
) -> Saved:
    """Record an attempt at one of the owner's rungs (:class:`NotFound` if it is not theirs)."""
    rung = get_rung(session, owner, rung_id)
    cleaned = _clean_attempt(given, now)
    attempt = LadderAttempt(owner_id=owner.id, rung_id=rung.id, created_at=now)
    _fill(attempt, cleaned)
    session.add(attempt)
    session.flush()
    _index(session, rung)
    return saved(session, owner, SOURCE, attempt.id, *_words(attempt))


def update_attempt(
    session: Session, owner: Owner, attempt_id: int, given: AttemptInput, *, now: datetime
) -> Saved:
    """Change an attempt (it stays on its rung)."""
    attempt = get_attempt(session, owner, attempt_id)
    _fill(attempt, _clean_attempt(given, now))
    session.flush()
    _index(session, get_rung(session, owner, attempt.rung_id))
    return saved(session, owner, SOURCE, attempt.id, *_words(attempt))


def delete_attempt(session: Session, owner: Owner, attempt_id: int) -> int:
    """Delete an attempt; returns the id of its rung."""
    attempt = get_attempt(session, owner, attempt_id)
    rung_id = attempt.rung_id
    session.delete(attempt)
    session.flush()
    _index(session, get_rung(session, owner, rung_id))
    return rung_id


def get_attempt(session: Session, owner: Owner, attempt_id: int) -> LadderAttempt:
    """One attempt; :class:`NotFound` if it is missing or someone else's."""
    return get_owned(session, LadderAttempt, owner, attempt_id)


def _fill(attempt: LadderAttempt, cleaned: _Attempt) -> None:
    attempt.attempted_on = cleaned.attempted_on
    attempt.predicted, attempt.peak, attempt.at_end = (
        cleaned.predicted,
        cleaned.peak,
        cleaned.at_end,
    )
    attempt.feared, attempt.happened, attempt.learned = (
        cleaned.feared,
        cleaned.happened,
        cleaned.learned,
    )


def _words(attempt: LadderAttempt) -> tuple[str, str, str]:
    return (attempt.feared, attempt.happened, attempt.learned)


def _attempts(session: Session, owner: Owner, rung_id: int) -> Sequence[LadderAttempt]:
    """A rung's attempts, oldest first (by day, then in the order they were written down)."""
    query = (
        select(LadderAttempt)
        .where(LadderAttempt.owner_id == owner.id, LadderAttempt.rung_id == rung_id)
        .order_by(LadderAttempt.attempted_on, LadderAttempt.id)
    )
    return session.scalars(query).all()


def _index(session: Session, rung: LadderRung) -> None:
    """The rung's situation and its attempts' words in the search index, as one document."""
    texts = [rung.situation]
    for attempt in _attempts(session, Owner(rung.owner_id), rung.id):
        texts += [text for text in _words(attempt) if text]
    index_document(session, rung.owner_id, SEARCH.code, rung.id, rung.situation, "\n".join(texts))


# -- the ladder as a person sees it -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RungView:
    rung: LadderRung
    attempts: int
    easier: bool
    is_next: bool

    @property
    def id(self) -> int:
        return self.rung.id


@dataclass(frozen=True, slots=True)
class Ladder:
    rungs: tuple[RungView, ...]  # easiest first
    next: RungView | None  # None when empty, or every rung is getting easier

    @property
    def all_easier(self) -> bool:
        return bool(self.rungs) and self.next is None


def _peaks(session: Session, owner: Owner) -> dict[int, list[int]]:
    query = (
        select(LadderAttempt.rung_id, LadderAttempt.peak)
        .where(LadderAttempt.owner_id == owner.id)
        .order_by(LadderAttempt.attempted_on, LadderAttempt.id)
    )
    found: dict[int, list[int]] = {}
    for rung_id, peak in session.execute(query):
        found.setdefault(rung_id, []).append(peak)
    return found


def ladder(session: Session, owner: Owner) -> Ladder:
    """The owner's rungs, easiest first, each with how it is going, and the one to try next."""
    rows = {
        r.id: r for r in session.scalars(select(LadderRung).where(LadderRung.owner_id == owner.id))
    }
    peaks = _peaks(session, owner)
    shapes = rules.ordered(
        rules.Rung(r.id, r.rating, tuple(peaks.get(r.id, ()))) for r in rows.values()
    )
    suggested = rules.next_rung(shapes)
    views = tuple(
        RungView(
            rows[shape.id],
            len(shape.peaks),
            shape.easier,
            suggested is not None and shape.id == suggested.id,
        )
        for shape in shapes
    )
    return Ladder(views, next((v for v in views if v.is_next), None))


@dataclass(frozen=True, slots=True)
class RungDetail:
    rung: LadderRung
    attempts: tuple[LadderAttempt, ...]  # oldest first
    easier: bool
    is_next: bool


def rung_detail(session: Session, owner: Owner, rung_id: int) -> RungDetail:
    """One rung with its attempts (oldest first), whether it is getting easier, and whether
    it is the one to try next."""
    rung = get_rung(session, owner, rung_id)
    attempts = tuple(_attempts(session, owner, rung.id))
    suggested = ladder(session, owner).next
    return RungDetail(
        rung,
        attempts,
        rules.getting_easier([a.peak for a in attempts]),
        suggested is not None and suggested.id == rung.id,
    )


def count_rungs(session: Session, owner: Owner) -> int:
    query = select(func.count()).select_from(LadderRung).where(LadderRung.owner_id == owner.id)
    return session.scalar(query) or 0


@dataclass(frozen=True, slots=True)
class AttemptPoint:
    """One attempt, as a chart of predicted against actual anxiety needs it."""

    attempted_on: date
    rung_id: int
    rung: str  # the rung's situation
    predicted: int
    peak: int


def predicted_vs_actual(
    session: Session, owner: Owner, *, first: date | None = None, last: date | None = None
) -> list[AttemptPoint]:
    """Every attempt of the owner's (on days from ``first`` to ``last`` when given), oldest
    first: the day, the rung, the anxiety predicted and the peak it actually reached (for the
    progress page)."""
    query = (
        select(
            LadderAttempt.attempted_on,
            LadderRung.id,
            LadderRung.situation,
            LadderAttempt.predicted,
            LadderAttempt.peak,
        )
        .join(LadderRung, LadderRung.id == LadderAttempt.rung_id)
        .where(LadderAttempt.owner_id == owner.id, LadderRung.owner_id == owner.id)
        .order_by(LadderAttempt.attempted_on, LadderAttempt.id)
    )
    if first is not None:
        query = query.where(LadderAttempt.attempted_on >= first)
    if last is not None:
        query = query.where(LadderAttempt.attempted_on <= last)
    return [AttemptPoint(*row) for row in session.execute(query)]


# -- what other parts of the app show (named in the manifest) -----------------------------------


def step_items(session: Session, owner: Owner, step: int) -> list[StepItem]:
    """Step 9's page lists the owner's rungs, easiest first."""
    if step != 9:
        return []
    return [
        StepItem(
            title=view.rung.situation,
            path=f"/ladder/{view.id}",
            created_at=view.rung.created_at,
            detail=f"Rated {view.rung.rating}" + (" · getting easier" if view.easier else ""),
        )
        for view in ladder(session, owner).rungs
    ]


def search_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    """How search shows a rung: its situation."""
    query = select(LadderRung.id, LadderRung.created_at, LadderRung.situation).where(
        LadderRung.owner_id == owner.id, LadderRung.id.in_(list(ids))
    )
    return {
        rung_id: Shown(created_at, first_words(situation), f"/ladder/{rung_id}")
        for rung_id, created_at, situation in session.execute(query)
    }


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each free-text field, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card). A rung that calls for
    the help card is refused rather than saved, and shows the card all the same."""
    try:
        rung = add_rung(session, owner, text[:SITUATION_MAX], 30, now=now)
    except RungRefused as refused:
        yield "ladder_rungs.situation", refused.needs_help
        rung = add_rung(session, owner, "Leave my phone in a drawer for an hour", 30, now=now)
    else:
        yield "ladder_rungs.situation", rung.needs_help
    for field in TEXT_FIELDS:
        given = AttemptInput(predicted=60, peak=45, at_end=20, **{field: text})
        done = add_attempt(session, owner, rung.id, given, now=now)
        yield f"ladder_attempts.{field}", done.needs_help


def reindex(session: Session, owner: Owner) -> None:
    """Write the search text of ``owner``'s ladder rungs again (after an import)."""
    rows = session.scalars(select(LadderRung).where(LadderRung.owner_id == owner.id)).all()
    for row in rows:
        _index(session, row)
