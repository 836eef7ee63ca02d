"""Self-checks: take a questionnaire, read results and how they changed, and the gentle
reminder schedule.

Results keep only the answers, by item number; every score, score range and change is worked
out from the questionnaire's file when shown (``rules``), so a result never disagrees with
the file. A result holds no words the person wrote, so there is nothing for the crisis check
or the search index; the safety rule of a questionnaire (PHQ-9 item 9) is the file's own and
is reported with every score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from fractions import Fraction

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.owner import Owner
from anchored.features.self_checks import rules
from anchored.features.self_checks.catalogue import About, load_catalogue
from anchored.features.self_checks.instrument import Instrument
from anchored.features.self_checks.models import (
    SelfCheckReminder,
    SelfCheckResult,
    SelfCheckSettings,
)
from anchored.features.self_checks.rules import Change, Score
from anchored.services.owned import get_owned, insert_missing

__all__ = ["SelfCheckResult", "load_catalogue"]

RECENT = 5  # results shown under a result


def get_instrument(instrument_id: str) -> Instrument:
    """A questionnaire that can be taken; :class:`NotFound` for an unknown or incomplete one
    (an incomplete file is never administered)."""
    found = load_catalogue().get(instrument_id)
    if found is None:
        raise NotFound
    return found


def about(instrument: Instrument) -> About:
    return load_catalogue().about(instrument.id)


# -- answers -----------------------------------------------------------------------------------


def item_field(number: int) -> str:
    """The form field (and error key) of item ``number``."""
    return f"item-{number}"


def read_answers(instrument: Instrument, given: Mapping[int, str | None]) -> dict[int, int]:
    """The answers in ``given`` (item number -> the value as sent) that are on the scale;
    anything else (left out, empty, not a number, not on the scale) is simply not an answer."""
    answers = {}
    for number in instrument.numbers:
        text = (given.get(number) or "").strip()
        if text.lstrip("-").isascii() and text.lstrip("-").isdigit() and len(text) < 4:
            value = int(text)
            if value in instrument.values:
                answers[number] = value
    return answers


def unanswered_errors(instrument: Instrument, answers: Mapping[int, int]) -> dict[str, str]:
    """A note for each item without an answer, keyed by its field."""
    return {
        item_field(n): f"Question {n} has no answer yet."
        for n in instrument.numbers
        if n not in answers
    }


def safety_fires(instrument: Instrument, answers: Mapping[int, int]) -> bool:
    """The file's safety rule, on any answers so far (also an unfinished form)."""
    return rules.safety_fires(instrument, answers)


def _unscored(instrument: Instrument, given: Mapping[str, str | None]) -> dict[str, int]:
    kept = {}
    for question in instrument.unscored_items:
        text = (given.get(question.id) or "").strip()
        values = {str(option.value): option.value for option in question.options}
        if text in values:
            kept[question.id] = values[text]
    return kept


@dataclass(frozen=True, slots=True)
class Taken:
    """A saved result: its id, its score, and whether the questionnaire's safety rule fired
    (then the help card comes first, wherever the result is shown)."""

    id: int
    score: Score

    @property
    def safety(self) -> bool:
        return self.score.safety


def take(
    session: Session,
    owner: Owner,
    instrument_id: str,
    answers: Mapping[int, int],
    *,
    now: datetime,
    unscored: Mapping[str, str | None] | None = None,
) -> Taken:
    """Save a complete answer set. :class:`InvalidInput` names each item without a valid
    answer (nothing is prorated, nothing saved); ``unscored`` are the form's optional
    questions that never count (a value not offered is left out)."""
    instrument = get_instrument(instrument_id)
    problem = rules.problems(instrument, answers)
    if problem is not None:
        errors = unanswered_errors(instrument, answers)
        bad = [n for n in problem.invalid if n in instrument.numbers]
        errors.update(
            {item_field(n): f"Question {n} needs one of the answers offered." for n in bad}
        )
        raise InvalidInput(errors)
    found = rules.score(instrument, answers)
    target = instrument.primary_target
    result = SelfCheckResult(
        owner_id=owner.id,
        instrument_id=instrument.id,
        target=target.id if target else None,
        taken_at=now,
        answers={str(n): answers[n] for n in instrument.numbers},
        unscored=_unscored(instrument, unscored or {}) or None,
    )
    session.add(result)
    session.flush()
    return Taken(result.id, found)


# -- results -----------------------------------------------------------------------------------


def answers_of(result: SelfCheckResult) -> dict[int, int]:
    return {int(number): value for number, value in result.answers.items()}


def score_of(result: SelfCheckResult) -> Score:
    return rules.score(get_instrument(result.instrument_id), answers_of(result))


def get_result(session: Session, owner: Owner, result_id: int) -> SelfCheckResult:
    """One result; :class:`NotFound` if it is missing, someone else's, or of a questionnaire
    that is no longer offered."""
    result = get_owned(session, SelfCheckResult, owner, result_id)
    get_instrument(result.instrument_id)
    return result


def delete_result(session: Session, owner: Owner, result_id: int) -> str:
    """Delete one result; returns its questionnaire's id."""
    result = get_owned(session, SelfCheckResult, owner, result_id)
    instrument_id = result.instrument_id
    session.delete(result)
    session.flush()
    return instrument_id


def results(
    session: Session, owner: Owner, instrument_id: str, *, limit: int | None = None
) -> Sequence[SelfCheckResult]:
    """The owner's results of one questionnaire, newest first."""
    query = (
        select(SelfCheckResult)
        .where(SelfCheckResult.owner_id == owner.id, SelfCheckResult.instrument_id == instrument_id)
        .order_by(SelfCheckResult.taken_at.desc(), SelfCheckResult.id.desc())
        .limit(limit)
    )
    return session.scalars(query).all()


def _number(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)


@dataclass(frozen=True, slots=True)
class HistoryPoint:
    """One result as the progress page charts it."""

    date: datetime
    total: int | float | None
    band: str | None
    subscales: dict[str, int | float]


def score_history(
    session: Session,
    owner: Owner,
    instrument_id: str,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[HistoryPoint]:
    """Every result of one questionnaire (taken in [since, until) when given), oldest first:
    when, the main score, its score range (as the file names it) and the other scores (for
    ECR-RS: anxiety and avoidance)."""
    query = select(SelfCheckResult).where(
        SelfCheckResult.owner_id == owner.id, SelfCheckResult.instrument_id == instrument_id
    )
    if since is not None:
        query = query.where(SelfCheckResult.taken_at >= since)
    if until is not None:
        query = query.where(SelfCheckResult.taken_at < until)
    query = query.order_by(SelfCheckResult.taken_at, SelfCheckResult.id)
    points = []
    for result in session.scalars(query):
        found = score_of(result)
        points.append(
            HistoryPoint(
                date=result.taken_at,
                total=_number(found.total) if found.total is not None else None,
                band=found.band.label if found.band else None,
                subscales={name: _number(v) for name, v in found.subscales.items()},
            )
        )
    return points


@dataclass(frozen=True, slots=True)
class Comparison:
    """How one result compares with an earlier one, for each main score."""

    earlier: datetime
    later: datetime
    changes: dict[str, Change]


def compare(instrument: Instrument, earlier: SelfCheckResult, later: SelfCheckResult) -> Comparison:
    """Reliable change (or, without a published figure, the raw change) per main score."""
    before, after = score_of(earlier).main_scores(), score_of(later).main_scores()
    direction = about(instrument).higher_is_better
    changes = {
        name: rules.reliable_change(
            instrument, before[name], after[name], higher_is_better=bool(direction)
        )
        for name in after
    }
    return Comparison(earlier.taken_at, later.taken_at, changes)


@dataclass(frozen=True, slots=True)
class Changes:
    since_first: Comparison | None  # first and latest (None with fewer than two results)
    since_last: Comparison | None  # the last two (None with fewer than three: same as above)


def changes(instrument: Instrument, newest_first: Sequence[SelfCheckResult]) -> Changes:
    """First vs latest, and the last two, from results newest first (all of them)."""
    if len(newest_first) < 2:
        return Changes(None, None)
    latest = newest_first[0]
    since_first = compare(instrument, newest_first[-1], latest)
    since_last = compare(instrument, newest_first[1], latest) if len(newest_first) > 2 else None
    return Changes(since_first, since_last)


# -- the overview and the gentle schedule ------------------------------------------------------


def local_date(at: datetime, zone: tzinfo | None = None) -> date:
    return at.astimezone(zone).date()


# Built once: home asks on every visit (see journal.service's note).
_REMINDERS_ON = select(SelfCheckSettings.reminders).where(
    SelfCheckSettings.owner_id == bindparam("owner")
)
_REMINDER_DAYS = select(SelfCheckReminder.instrument_id, SelfCheckReminder.every_days).where(
    SelfCheckReminder.owner_id == bindparam("owner")
)
_LAST_TAKEN = (
    select(
        SelfCheckResult.instrument_id,
        func.max(SelfCheckResult.taken_at),
        func.count(SelfCheckResult.id),
    )
    .where(SelfCheckResult.owner_id == bindparam("owner"))
    .group_by(SelfCheckResult.instrument_id)
)


def reminders_on(session: Session, owner: Owner) -> bool:
    """Whether home may mention a due self-check at all (on unless turned off)."""
    found = session.scalar(_REMINDERS_ON, {"owner": owner.id})
    return True if found is None else bool(found)


def reminder_days(session: Session, owner: Owner) -> dict[str, int | None]:
    """Days between reminders per questionnaire (None: off); the suggestion until changed."""
    rows = session.execute(_REMINDER_DAYS, {"owner": owner.id})
    chosen = {instrument_id: days for instrument_id, days in rows}
    return {
        i.id: chosen[i.id] if i.id in chosen else about(i).every_days
        for i in load_catalogue().instruments
    }


def set_reminders(
    session: Session, owner: Owner, *, on: bool, every: Mapping[str, int | None]
) -> None:
    """Reminders on or off as a whole, and how often for each questionnaire (None: never).
    :class:`InvalidInput` for a gap not offered; unknown questionnaires are refused."""
    errors = {}
    for instrument_id, days in every.items():
        if load_catalogue().get(instrument_id) is None:
            raise NotFound
        if days is not None and days not in rules.INTERVALS:
            errors[f"every-{instrument_id}"] = "Choose one of the options offered."
    if errors:
        raise InvalidInput(errors)
    insert_missing(session, SelfCheckSettings, [{"owner_id": owner.id, "reminders": on}])
    settings = session.scalars(
        select(SelfCheckSettings).where(SelfCheckSettings.owner_id == owner.id)
    ).one()
    settings.reminders = on
    if every:
        session.execute(
            delete(SelfCheckReminder).where(
                SelfCheckReminder.owner_id == owner.id,
                SelfCheckReminder.instrument_id.in_(list(every)),
            )
        )
        session.flush()
        insert_missing(
            session,
            SelfCheckReminder,
            [
                {"owner_id": owner.id, "instrument_id": i, "every_days": days}
                for i, days in every.items()
            ],
        )
    session.flush()


def _last_taken(session: Session, owner: Owner) -> dict[str, tuple[datetime, int]]:
    rows = session.execute(_LAST_TAKEN, {"owner": owner.id})
    return {i: (latest, count) for i, latest, count in rows}


@dataclass(frozen=True, slots=True)
class Status:
    """One questionnaire on the overview: how often taken, when last, when next due."""

    instrument: Instrument
    count: int
    last_taken: datetime | None
    every_days: int | None
    next_due: date | None
    due: bool


def statuses(
    session: Session, owner: Owner, *, now: datetime, zone: tzinfo | None = None
) -> list[Status]:
    """Every questionnaire that can be taken, with the person's own history and schedule.
    Nothing is due while reminders are off as a whole, or before a first result."""
    return _statuses(session, owner, _last_taken(session, owner), now=now, zone=zone)


def _statuses(
    session: Session,
    owner: Owner,
    taken: dict[str, tuple[datetime, int]],
    *,
    now: datetime,
    zone: tzinfo | None,
) -> list[Status]:
    every = reminder_days(session, owner)
    on = reminders_on(session, owner)
    today = local_date(now, zone)
    found = []
    for instrument in load_catalogue().instruments:
        last, count = taken.get(instrument.id, (None, 0))
        last_day = local_date(last, zone) if last is not None else None
        days = every[instrument.id] if on else None
        found.append(
            Status(
                instrument=instrument,
                count=count,
                last_taken=last,
                every_days=every[instrument.id],
                next_due=rules.next_due(last_day, days),
                due=rules.is_due(last_day, days, today),
            )
        )
    return found


def due(
    session: Session, owner: Owner, *, now: datetime, zone: tzinfo | None = None
) -> list[Status]:
    """The questionnaires due now (home mentions them, once, quietly)."""
    taken = _last_taken(session, owner)
    if not taken:
        return []  # nothing is due before a first result: no schedule to read
    return [s for s in _statuses(session, owner, taken, now=now, zone=zone) if s.due]


def suggested_for_step(step: int) -> tuple[Instrument, ...]:
    return load_catalogue().for_step(step)
