"""Pure rules for small steps and habits: local days, how often, and counts without guilt.

A habit is done on a *day*: the person's local calendar date, kept as a date, never as a
moment, so a day done stays that day whatever the clock does later (summer time, travel).
``zone=None`` means the machine's own time zone (the server runs on the person's machine);
any ``tzinfo`` is used as given (tests pass a ``ZoneInfo``). Nothing here reads the clock.

The counts are kind on purpose: days done this week and this month, and the longest run
ever, which a missed day can never take away. There is no "current streak" to break. A day
after today never counts, and a day marked done twice is one day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Final, Literal

DAILY: Final = "daily"
SOME_DAYS: Final = "some_days"
WEEKLY: Final = "weekly"
FREQUENCIES = (DAILY, SOME_DAYS, WEEKLY)
Frequency = Literal["daily", "some_days", "weekly"]
# "Some days a week": from 2 to 6 (1 is once a week, 7 is every day).
SOME_DAYS_MIN = 2
SOME_DAYS_MAX = 6
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EARLIEST_DAY = date(1900, 1, 1)
NOT_YET = "That day hasn't come yet. Choose today or an earlier day."
TOO_EARLY = "Choose a day from the year 1900 on."
DAY_FORMAT = "Use a date like 2026-11-23 (year-month-day)."


# -- days ------------------------------------------------------------------------------------


def local_date(at: datetime, zone: tzinfo | None = None) -> date:
    """The calendar day ``at`` falls on where the person is."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("naive datetimes are ambiguous; pass an aware one")
    return at.astimezone(zone).date()


def week_start(day: date) -> date:
    """The Monday of the week holding ``day``."""
    return day - timedelta(days=day.weekday())


def week_days(start: date) -> tuple[date, ...]:
    return tuple(start + timedelta(days=offset) for offset in range(7))


def parse_day(text: str) -> date:
    """A day written as YYYY-MM-DD; :class:`ValueError` (with :data:`DAY_FORMAT`) otherwise."""
    text = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(DAY_FORMAT)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(DAY_FORMAT) from None


def day_problem(day: date, today: date) -> str | None:
    """Why ``day`` cannot be marked (a day still to come, or before 1900), or None."""
    if day > today:
        return NOT_YET
    if day < EARLIEST_DAY:
        return TOO_EARLY
    return None


def counted(days: Iterable[date], today: date) -> frozenset[date]:
    """The days that count: each once, none after today."""
    return frozenset(day for day in days if day <= today)


def marked(days: Iterable[date], day: date, done: bool, today: date) -> frozenset[date]:
    """The days done after marking ``day`` done (or not done). Marking is a setting, not a
    toggle: doing it twice is doing it once. A day after today is left as it was."""
    current = frozenset(days)
    if day_problem(day, today) is not None:
        return current
    return current | {day} if done else current - {day}


# -- how often -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Often:
    """How often a habit is meant: every day, some days a week, or once a week."""

    kind: Frequency
    days_a_week: int | None = None  # only for SOME_DAYS

    @property
    def per_week(self) -> int:
        if self.kind == DAILY:
            return 7
        if self.kind == WEEKLY:
            return 1
        return self.days_a_week or SOME_DAYS_MIN

    @property
    def in_days(self) -> bool:
        """Runs of a daily habit are counted in days; the others in weeks."""
        return self.kind == DAILY

    def words(self) -> str:
        if self.kind == DAILY:
            return "every day"
        if self.kind == WEEKLY:
            return "once a week"
        return f"{self.per_week} days a week"


def often(kind: str, days_a_week: int | None = None) -> Often:
    """An :class:`Often` from what a form or command gave; :class:`ValueError` with a message
    to show if it makes no sense. Some days a week with 7 is every day, with 1 once a week."""
    if kind not in FREQUENCIES:
        raise ValueError("Choose how often: every day, some days a week, or once a week.")
    if kind == DAILY:
        return Often(DAILY)
    if kind == WEEKLY:
        return Often(WEEKLY)
    if days_a_week is None:
        raise ValueError("Say how many days a week, from 2 to 6.")
    if days_a_week == 7:
        return Often(DAILY)
    if days_a_week == 1:
        return Often(WEEKLY)
    if not SOME_DAYS_MIN <= days_a_week <= SOME_DAYS_MAX:
        raise ValueError("Say how many days a week, from 2 to 6.")
    return Often(SOME_DAYS, days_a_week)


# -- counts ----------------------------------------------------------------------------------


def days_between(days: Iterable[date], first: date, last: date, today: date) -> int:
    """How many days done from ``first`` to ``last`` (both included), none after today."""
    return sum(1 for day in counted(days, today) if first <= day <= last)


def longest_daily_run(days: Iterable[date], today: date) -> int:
    """The most days done one after another."""
    done = sorted(counted(days, today))
    best = run = 0
    previous: date | None = None
    for day in done:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        best = max(best, run)
        previous = day
    return best


def weeks_met(days: Iterable[date], per_week: int, today: date) -> frozenset[date]:
    """The Mondays of the weeks in which the habit was done at least ``per_week`` days."""
    tally: dict[date, int] = {}
    for day in counted(days, today):
        start = week_start(day)
        tally[start] = tally.get(start, 0) + 1
    return frozenset(start for start, n in tally.items() if n >= per_week)


def longest_weekly_run(days: Iterable[date], per_week: int, today: date) -> int:
    """The most weeks one after another with the habit done ``per_week`` days or more."""
    best = run = 0
    previous: date | None = None
    for start in sorted(weeks_met(days, per_week, today)):
        run = run + 1 if previous is not None and start - previous == timedelta(days=7) else 1
        best = max(best, run)
        previous = start
    return best


Note = Literal["day", "week"]


def gentle_note(days: Iterable[date], how: Often, today: date, since: date) -> Note | None:
    """ "Never miss twice", as a gentle note: ``"day"`` when a daily habit rested yesterday and
    is not done yet today; ``"week"`` when another habit fell short last week and has not yet
    this week. Never about a day or week before the habit began (``since``)."""
    done = counted(days, today)
    if how.in_days:
        yesterday = today - timedelta(days=1)
        if yesterday >= since and yesterday not in done and today not in done:
            return "day"
        return None
    this_week = week_start(today)
    last_week = this_week - timedelta(days=7)
    if last_week < week_start(since):
        return None
    met = weeks_met(done, how.per_week, today)
    if last_week not in met and this_week not in met:
        return "week"
    return None


@dataclass(frozen=True, slots=True)
class Summary:
    """What a habit's numbers say today. Words are the templates' job."""

    today_done: bool
    this_week: int
    this_month: int
    per_week: int
    longest_run: int
    run_in_days: bool
    note: Note | None

    @property
    def week_met(self) -> bool:
        return self.this_week >= self.per_week


def summary(days: Iterable[date], how: Often, today: date, since: date) -> Summary:
    done = counted(days, today)
    longest = (
        longest_daily_run(done, today)
        if how.in_days
        else longest_weekly_run(done, how.per_week, today)
    )
    return Summary(
        today_done=today in done,
        this_week=days_between(done, week_start(today), today, today),
        this_month=days_between(done, today.replace(day=1), today, today),
        per_week=how.per_week,
        longest_run=longest,
        run_in_days=how.in_days,
        note=gentle_note(done, how, today, since),
    )


# -- the weeks a habit's page shows ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    day: date
    done: bool
    future: bool
    is_today: bool

    @property
    def name(self) -> str:
        return DAY_NAMES[self.day.weekday()]


@dataclass(frozen=True, slots=True)
class WeekRow:
    start: date
    cells: tuple[Cell, ...]

    @property
    def done(self) -> int:
        return sum(cell.done for cell in self.cells)


def weeks_shown(days: Iterable[date], today: date, last: date, weeks: int) -> tuple[WeekRow, ...]:
    """``weeks`` weeks ending with the week holding ``last`` (never later than this week),
    oldest first, as a calendar shows them."""
    done = counted(days, today)
    final = min(week_start(last), week_start(today))
    rows = []
    for back in range(weeks - 1, -1, -1):
        start = final - timedelta(days=7 * back)
        cells = tuple(Cell(day, day in done, day > today, day == today) for day in week_days(start))
        rows.append(WeekRow(start, cells))
    return tuple(rows)


@dataclass(frozen=True, slots=True)
class WeekDone:
    """For the progress page: habit-days done in the week starting ``start`` (one per habit
    and day), up to today."""

    start: date
    done: int


def done_by_week(
    marks: Iterable[tuple[int, date]], today: date, weeks: int
) -> tuple[WeekDone, ...]:
    """Habit-days done in each of the last ``weeks`` weeks (this one included), oldest first,
    from ``(habit_id, day)`` pairs; each pair counts once, none after today."""
    days: dict[date, int] = {}
    for _habit, day in set(marks):
        days[day] = days.get(day, 0) + 1
    return done_by_week_counted(days.items(), today, weeks)


def done_by_week_counted(
    days: Iterable[tuple[date, int]], today: date, weeks: int
) -> tuple[WeekDone, ...]:
    """:func:`done_by_week` from how many habits were done on each day (``(day, count)``,
    each day once): what the database counts for a progress chart."""
    current = week_start(today)
    starts = [current - timedelta(days=7 * back) for back in range(weeks - 1, -1, -1)]
    tally = dict.fromkeys(starts, 0)
    for day, count in days:
        start = week_start(day)
        if day <= today and start in tally:
            tally[start] += count
    return tuple(WeekDone(start, tally[start]) for start in starts)


# -- a habit written in one go (the command line) --------------------------------------------


@dataclass(frozen=True, slots=True)
class HabitText:
    name: str
    why: str
    smallest: str


def parse_habit_text(text: str) -> HabitText:
    """A habit written as lines: the first is its name; a line starting "Smallest:" gives the
    smallest version, one starting "Why:" why it matters, and any other line adds to why."""
    name = ""
    why: list[str] = []
    smallest: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        label, colon, rest = line.partition(":")
        key = label.strip().casefold()
        if colon and key in {"smallest", "smallest version"}:
            smallest.append(rest.strip())
        elif colon and key in {"why", "why it matters"}:
            why.append(rest.strip())
        elif colon and key == "name" and not name:
            name = rest.strip()
        elif not name:
            name = line
        else:
            why.append(line)
    return HabitText(name, "\n".join(w for w in why if w), " ".join(s for s in smallest if s))
