"""Wins rules on plain values: the day of a win, the months of "look how far you've come",
and a random handful of past wins. No database, files or clock: the caller gives ``today``."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, TypeVar

WIN_MAX: Final = 500
TOOK_MAX: Final = 2_000
AFFIRMATION_MAX: Final = 300
RECENT_DAYS: Final = 60  # a "recent" win, for the secure-base kit
HANDFUL: Final = 5
EARLIEST: Final = date(1900, 1, 1)
DAY_FORMAT_MESSAGE: Final = "Use a date like 2026-11-23 (year-month-day)."
DAY_LATER_MESSAGE: Final = "That day hasn't come yet. Choose today or a day before."
MONTH_NAMES: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

T = TypeVar("T")


def parse_day(text: str | None, today: date) -> date:
    """The day a win happened, from a form's date box: empty means ``today``; ValueError with
    a plain message for something that is not a date, or a day still to come."""
    text = (text or "").strip()
    if not text:
        return today
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(DAY_FORMAT_MESSAGE) from None
    if day < EARLIEST:
        raise ValueError(DAY_FORMAT_MESSAGE)
    if day > today:
        raise ValueError(DAY_LATER_MESSAGE)
    return day


@dataclass(frozen=True, slots=True)
class Month:
    """How many wins one calendar month holds."""

    year: int
    month: int
    count: int

    @property
    def label(self) -> str:
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def _next(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def by_month(days: Iterable[date]) -> list[Month]:
    """Each month from the first win's to the last win's, oldest first, with its number of
    wins; months without any are kept (with 0), so the list shows the whole stretch of time."""
    counts: dict[tuple[int, int], int] = {}
    for day in days:
        counts[(day.year, day.month)] = counts.get((day.year, day.month), 0) + 1
    return fill_months(counts)


def fill_months(counts: Mapping[tuple[int, int], int]) -> list[Month]:
    """``counts`` by (year, month), oldest first, with the months between filled with 0."""
    if not counts:
        return []
    year, month = min(counts)
    last = max(counts)
    months = []
    while (year, month) <= last:
        months.append(Month(year, month, counts.get((year, month), 0)))
        year, month = _next(year, month)
    return months


def bar_percent(count: int, months: Sequence[Month]) -> int:
    """A month's bar, as a share (0-100) of the busiest month's."""
    most = max((m.count for m in months), default=0)
    return round(100 * count / most) if most else 0


def handful(items: Sequence[T], rng: random.Random, size: int = HANDFUL) -> list[T]:
    """Up to ``size`` of ``items``, chosen by ``rng``, in the order they were given."""
    if len(items) <= size:
        return list(items)
    chosen = sorted(rng.sample(range(len(items)), size))
    return [items[i] for i in chosen]


def recent_since(newest: date, today: date | None = None) -> date:
    """The first day counted as recent: ``RECENT_DAYS`` back from today (or, without a today,
    from the newest win, so the kit still offers the latest stretch of wins)."""
    return (today or newest) - timedelta(days=RECENT_DAYS)
