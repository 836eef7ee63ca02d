"""Small steps and habits: keep a few habits, mark the days done (today or any past day), and
look back once a week on what worked and what to make smaller.

A habit's name, why it matters and its smallest version are the person's words, as are the
weekly review's answers: every save of them ends in the crisis check, and keeps them in the
vault's search index in the same transaction. Days are the person's local days
(``zone=None``: this machine's time zone), from the ``now`` the caller passes in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput
from anchored.core.limits import check_length
from anchored.core.owner import Owner
from anchored.features.habits import SEARCH, rules
from anchored.features.habits.models import (
    NAME_MAX,
    REVIEW_MAX,
    SMALLEST_MAX,
    WHY_MAX,
    Habit,
    HabitDay,
    HabitReview,
)
from anchored.features.habits.rules import Often, Summary, WeekDone, WeekRow
from anchored.features.habits.texts import load_texts
from anchored.manifest import StepItem
from anchored.services.owned import get_owned, insert_missing
from anchored.services.search_results import Shown, first_words
from anchored.services.support import Saved, own_words, saved
from anchored.storage.search import index_document, remove_document

__all__ = ["Habit", "HabitDay", "HabitReview"]

HABITS_MAX = 30  # each is a button on home; a handful is what works
WEEKS_SHOWN = 5  # on a habit's page: this week and the four before
REVIEW_STEP = 10  # the weekly review belongs to step 10, "Small steps"
REVIEW_TITLE = "Weekly review"

# One search code serves both kinds of record: the index's ref id is the record's id times
# two, plus 0 for a habit and 1 for a weekly review.
_HABIT, _REVIEW = 0, 1


def _search_ref(tag: int, record_id: int) -> int:
    return record_id * 2 + tag


# -- habits ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HabitInput:
    """A habit as a form or command gives it (the words as typed)."""

    name: str
    why: str = ""
    smallest: str = ""
    often: str = rules.DAILY
    days_a_week: int | None = None


def parse_days_a_week(text: str) -> int | None:
    """The number typed into "how many days a week" ('' is none); :class:`InvalidInput` if it
    is not a whole number."""
    text = text.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 2:
        raise InvalidInput({"days_a_week": "Use a whole number of days, from 2 to 6."})
    return int(text)


def _clean(given: HabitInput) -> tuple[str, str | None, str | None, Often]:
    errors: dict[str, str] = {}
    name = " ".join(given.name.split())
    why = given.why.strip() or None
    smallest = " ".join(given.smallest.split()) or None
    if not name:
        errors["name"] = "Give the habit a short name first, like “A walk after lunch”."
    check_length(errors, "name", name, NAME_MAX, "A name")
    check_length(errors, "why", why or "", WHY_MAX, "This box")
    check_length(errors, "smallest", smallest or "", SMALLEST_MAX, "This box")
    how = Often(rules.DAILY)
    try:
        how = rules.often(given.often, given.days_a_week)
    except ValueError as exc:
        errors["days_a_week" if given.often == rules.SOME_DAYS else "often"] = str(exc)
    if errors:
        raise InvalidInput(errors)
    return name, why, smallest, how


def _index_habit(session: Session, habit: Habit) -> None:
    body = "\n".join(text for text in (habit.why, habit.smallest) if text)
    ref = _search_ref(_HABIT, habit.id)
    index_document(session, habit.owner_id, SEARCH.code, ref, habit.name, body)


def _saved_habit(session: Session, owner: Owner, habit: Habit) -> Saved:
    _index_habit(session, habit)
    # A starter idea fills the form in: the app's words are left out of the check.
    starters = load_texts().starter_words
    texts = (own_words(text, starters) for text in (habit.name, habit.why, habit.smallest))
    return saved(session, owner, "habits", habit.id, *texts)


def add_habit(
    session: Session, owner: Owner, given: HabitInput, *, now: datetime, step: int | None = None
) -> Saved:
    """Keep a new habit (``step``: the programme step it was written for)."""
    name, why, smallest, how = _clean(given)
    if count_habits(session, owner) >= HABITS_MAX:
        raise InvalidInput(
            {"name": f"You keep {HABITS_MAX} habits already. Remove one to add another."}
        )
    habit = Habit(
        owner_id=owner.id,
        name=name,
        why=why,
        smallest=smallest,
        often=how.kind,
        days_a_week=how.days_a_week,
        step=step,
        created_at=now,
        updated_at=now,
    )
    session.add(habit)
    session.flush()
    return _saved_habit(session, owner, habit)


def update_habit(
    session: Session, owner: Owner, habit_id: int, given: HabitInput, *, now: datetime
) -> Saved:
    """Change a habit's words or how often; the days done stay as they are."""
    habit = get_habit(session, owner, habit_id)
    habit.name, habit.why, habit.smallest, how = _clean(given)
    habit.often, habit.days_a_week = how.kind, how.days_a_week
    habit.updated_at = now
    session.flush()
    return _saved_habit(session, owner, habit)


def delete_habit(session: Session, owner: Owner, habit_id: int) -> None:
    """Stop keeping a habit; its days done go with it."""
    habit = get_habit(session, owner, habit_id)
    session.execute(delete(HabitDay).where(HabitDay.habit_id == habit.id))
    session.delete(habit)
    remove_document(session, SEARCH.code, _search_ref(_HABIT, habit_id))
    session.flush()


def get_habit(session: Session, owner: Owner, habit_id: int) -> Habit:
    """One habit; :class:`NotFound` if it is missing or someone else's."""
    return get_owned(session, Habit, owner, habit_id)


# Built once: home asks on every visit (see journal.service's note).
_HABITS = select(Habit).where(Habit.owner_id == bindparam("owner")).order_by(Habit.id)


def list_habits(session: Session, owner: Owner) -> Sequence[Habit]:
    """The owner's habits, in the order they were added."""
    return session.scalars(_HABITS, {"owner": owner.id}).all()


def count_habits(session: Session, owner: Owner) -> int:
    query = select(func.count()).select_from(Habit).where(Habit.owner_id == owner.id)
    return session.scalar(query) or 0


def often_of(habit: Habit) -> Often:
    try:
        return rules.often(habit.often, habit.days_a_week)
    except ValueError:  # a row written by hand or by a newer version: read it as daily
        return Often(rules.DAILY)


# -- days done -------------------------------------------------------------------------------


def mark_day(
    session: Session,
    owner: Owner,
    habit_id: int,
    day: date,
    *,
    done: bool,
    now: datetime,
    zone: tzinfo | None = None,
) -> None:
    """Say whether the habit was done on ``day`` (today or any earlier day, never a day still
    to come). A setting, not a toggle: saying it twice changes nothing the second time."""
    habit = get_habit(session, owner, habit_id)
    problem = rules.day_problem(day, rules.local_date(now, zone))
    if problem is not None:
        raise InvalidInput({"day": problem})
    if done:
        row = {"owner_id": owner.id, "habit_id": habit.id, "day": day}
        insert_missing(session, HabitDay, [row])  # safe when the same tap arrives twice
    else:
        session.execute(delete(HabitDay).where(HabitDay.habit_id == habit.id, HabitDay.day == day))
        session.flush()


def _days(session: Session, owner: Owner, habit_ids: Iterable[int]) -> dict[int, set[date]]:
    ids = list(habit_ids)
    found: dict[int, set[date]] = {habit_id: set() for habit_id in ids}
    if not ids:
        return found  # no habit, no days: nothing to ask the database
    query = select(HabitDay.habit_id, HabitDay.day).where(
        HabitDay.owner_id == owner.id, HabitDay.habit_id.in_(ids)
    )
    for habit_id, day in session.execute(query):
        found[habit_id].add(day)
    return found


def days_done(session: Session, owner: Owner, habit_id: int) -> set[date]:
    """Every day the habit was done (someone else's habit has none)."""
    return _days(session, owner, [habit_id])[habit_id]


def _since(habit: Habit, days: set[date], zone: tzinfo | None) -> date:
    """When the habit began: the day it was added, or an earlier day marked done."""
    return min([rules.local_date(habit.created_at, zone), *days])


@dataclass(frozen=True, slots=True)
class HabitToday:
    habit: Habit
    often: Often
    summary: Summary


@dataclass(frozen=True, slots=True)
class Today:
    day: date
    rows: tuple[HabitToday, ...]


def today(session: Session, owner: Owner, *, now: datetime, zone: tzinfo | None = None) -> Today:
    """Every habit with today's numbers (home and the habits page)."""
    day = rules.local_date(now, zone)
    habits = list_habits(session, owner)
    days = _days(session, owner, (h.id for h in habits))
    rows = []
    for habit in habits:
        how = often_of(habit)
        done = days[habit.id]
        summary = rules.summary(done, how, day, _since(habit, done, zone))
        rows.append(HabitToday(habit, how, summary))
    return Today(day, tuple(rows))


@dataclass(frozen=True, slots=True)
class HabitView:
    habit: Habit
    often: Often
    summary: Summary
    today: date
    weeks: tuple[WeekRow, ...]
    has_earlier: bool

    @property
    def is_current(self) -> bool:
        return self.weeks[-1].start == rules.week_start(self.today)

    @property
    def earlier(self) -> date:
        return self.weeks[0].start - timedelta(days=1)

    @property
    def later(self) -> date:
        return self.weeks[-1].start + timedelta(days=7 * len(self.weeks))


def habit_view(
    session: Session,
    owner: Owner,
    habit_id: int,
    *,
    now: datetime,
    until: date | None = None,
    zone: tzinfo | None = None,
) -> HabitView:
    """A habit with its numbers and the weeks up to the one holding ``until`` (default: this
    week; never later)."""
    habit = get_habit(session, owner, habit_id)
    day = rules.local_date(now, zone)
    done = days_done(session, owner, habit.id)
    how = often_of(habit)
    last = max(until or day, rules.EARLIEST_DAY + timedelta(days=7 * WEEKS_SHOWN))
    weeks = rules.weeks_shown(done, day, last, WEEKS_SHOWN)
    since = _since(habit, done, zone)
    return HabitView(
        habit=habit,
        often=how,
        summary=rules.summary(done, how, day, since),
        today=day,
        weeks=weeks,
        has_earlier=since < weeks[0].start,
    )


def days_done_by_week(
    session: Session, owner: Owner, now: datetime, *, weeks: int = 12, zone: tzinfo | None = None
) -> tuple[WeekDone, ...]:
    """For a progress chart: habit-days done in each of the last ``weeks`` weeks (Monday to
    Sunday, this week so far included), oldest first. A habit done on three days is three."""
    day = rules.local_date(now, zone)
    first = rules.week_start(day) - timedelta(days=7 * (weeks - 1))
    # Counted by the database, a row a day (a year holds thousands of habit-days); each
    # habit is done at most once a day (the table's unique constraint).
    params = {"owner": owner.id, "first": first, "last": day}
    counted = session.connection().execute(_DONE_EACH_DAY, params)
    return rules.done_by_week_counted(((done, n) for done, n in counted), day, weeks)


def days_done_each_day(
    session: Session, owner: Owner, first: date, last: date
) -> list[tuple[date, int]]:
    """How many habits were done on each day from ``first`` to ``last`` (days with none left
    out), counted by the database."""
    params = {"owner": owner.id, "first": first, "last": last}
    return [(day, int(n)) for day, n in session.connection().execute(_DONE_EACH_DAY, params)]


_DAYS = HabitDay.__table__
_DONE_EACH_DAY = (
    select(_DAYS.c.day, func.count())
    .where(
        _DAYS.c.owner_id == bindparam("owner"),
        _DAYS.c.day >= bindparam("first"),
        _DAYS.c.day <= bindparam("last"),
    )
    .group_by(_DAYS.c.day)
)


# -- the weekly review -----------------------------------------------------------------------


def _clean_review(worked: str, smaller: str) -> tuple[str | None, str | None]:
    errors: dict[str, str] = {}
    worked, smaller = worked.strip(), smaller.strip()
    if not worked and not smaller:
        errors["worked"] = "Write a line in either box first; an empty review is not saved."
    check_length(errors, "worked", worked, REVIEW_MAX, "This box")
    check_length(errors, "smaller", smaller, REVIEW_MAX, "This box")
    if errors:
        raise InvalidInput(errors)
    return worked or None, smaller or None


def _index_review(session: Session, review: HabitReview) -> None:
    body = "\n".join(text for text in (review.worked, review.smaller) if text)
    ref = _search_ref(_REVIEW, review.id)
    index_document(session, review.owner_id, SEARCH.code, ref, REVIEW_TITLE, body)


def _saved_review(session: Session, owner: Owner, review: HabitReview) -> Saved:
    _index_review(session, review)
    return saved(session, owner, "habits", review.id, review.worked, review.smaller)


def add_review(
    session: Session,
    owner: Owner,
    worked: str,
    smaller: str,
    *,
    now: datetime,
    zone: tzinfo | None = None,
) -> Saved:
    """Look back on this week: what worked, and what to make smaller (either may be empty,
    not both)."""
    worked_text, smaller_text = _clean_review(worked, smaller)
    review = HabitReview(
        owner_id=owner.id,
        week_start=rules.week_start(rules.local_date(now, zone)),
        worked=worked_text,
        smaller=smaller_text,
        created_at=now,
        updated_at=now,
    )
    session.add(review)
    session.flush()
    return _saved_review(session, owner, review)


def update_review(
    session: Session, owner: Owner, review_id: int, worked: str, smaller: str, *, now: datetime
) -> Saved:
    review = get_review(session, owner, review_id)
    review.worked, review.smaller = _clean_review(worked, smaller)
    review.updated_at = now
    session.flush()
    return _saved_review(session, owner, review)


def delete_review(session: Session, owner: Owner, review_id: int) -> None:
    session.delete(get_review(session, owner, review_id))
    remove_document(session, SEARCH.code, _search_ref(_REVIEW, review_id))
    session.flush()


def get_review(session: Session, owner: Owner, review_id: int) -> HabitReview:
    """One review; :class:`NotFound` if it is missing or someone else's."""
    return get_owned(session, HabitReview, owner, review_id)


def list_reviews(
    session: Session, owner: Owner, *, limit: int = 50, offset: int = 0
) -> Sequence[HabitReview]:
    """The owner's reviews, newest first."""
    query = (
        select(HabitReview)
        .where(HabitReview.owner_id == owner.id)
        .order_by(HabitReview.created_at.desc(), HabitReview.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return session.scalars(query).all()


def count_reviews(session: Session, owner: Owner) -> int:
    query = select(func.count()).select_from(HabitReview).where(HabitReview.owner_id == owner.id)
    return session.scalar(query) or 0


def review_this_week(
    session: Session, owner: Owner, *, now: datetime, zone: tzinfo | None = None
) -> HabitReview | None:
    """The latest review written this week, if any."""
    start = rules.week_start(rules.local_date(now, zone))
    query = (
        select(HabitReview)
        .where(HabitReview.owner_id == owner.id, HabitReview.week_start == start)
        .order_by(HabitReview.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()


# -- what the manifest names -----------------------------------------------------------------


def step_items(session: Session, owner: Owner, step: int) -> list[StepItem]:
    """The habits written for ``step`` (step 10 also holds those written from the habits page)
    and, for step 10, the weekly reviews; newest first."""
    found: list[StepItem] = []
    if step in (7, REVIEW_STEP):
        query = select(Habit).where(Habit.owner_id == owner.id)
        for habit in session.scalars(query):
            if habit.step == step or (habit.step is None and step == REVIEW_STEP):
                detail = f"A habit, {often_of(habit).words()}"
                found.append(StepItem(habit.name, f"/habits/{habit.id}", habit.created_at, detail))
    if step == REVIEW_STEP:
        for review in list_reviews(session, owner, limit=20):
            title = f"{REVIEW_TITLE}, week of {review.week_start:%-d %B}"
            found.append(StepItem(title, f"/habits/reviews/{review.id}", review.created_at))
    return sorted(found, key=lambda item: item.created_at, reverse=True)


def search_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    """How search shows habits (their name) and weekly reviews (their first words)."""
    refs = list(ids)
    habits = [ref // 2 for ref in refs if ref % 2 == _HABIT]
    reviews = [ref // 2 for ref in refs if ref % 2 == _REVIEW]
    shown: dict[int, Shown] = {}
    habit_query = select(Habit.id, Habit.created_at, Habit.name).where(
        Habit.owner_id == owner.id, Habit.id.in_(habits)
    )
    for habit_id, created_at, name in session.execute(habit_query):
        shown[_search_ref(_HABIT, habit_id)] = Shown(created_at, name, f"/habits/{habit_id}")
    review_query = select(HabitReview).where(
        HabitReview.owner_id == owner.id, HabitReview.id.in_(reviews)
    )
    for review in session.scalars(review_query):
        opening = first_words(review.worked or review.smaller or "")
        shown[_search_ref(_REVIEW, review.id)] = Shown(
            review.created_at, f"{REVIEW_TITLE}: {opening}", f"/habits/reviews/{review.id}"
        )
    return shown


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each free-text field, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card)."""
    yield "habits.name", add_habit(session, owner, HabitInput(text), now=now).needs_help
    walk = HabitInput("A short walk", why=text)
    yield "habits.why", add_habit(session, owner, walk, now=now).needs_help
    walk = HabitInput("A short walk", smallest=text)
    yield "habits.smallest", add_habit(session, owner, walk, now=now).needs_help
    yield "habit_reviews.worked", add_review(session, owner, text, "", now=now).needs_help
    yield "habit_reviews.smaller", add_review(session, owner, "", text, now=now).needs_help


def reindex(session: Session, owner: Owner) -> None:
    """Write the search text of every one of ``owner``'s habits and weekly reviews again
    (after an import)."""
    for habit in session.scalars(select(Habit).where(Habit.owner_id == owner.id)).all():
        _index_habit(session, habit)
    reviews = session.scalars(select(HabitReview).where(HabitReview.owner_id == owner.id))
    for review in reviews.all():
        _index_review(session, review)
