"""Weeks in the person's own time zone: what the progress page and the weekly review count by.

A week runs Monday to Sunday on the person's calendar. ``zone=None`` means the machine's own
time zone (the server runs on the person's machine); tests pass a ``ZoneInfo``. Nothing here
reads the clock: ``now`` is always given.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

WEEK = timedelta(days=7)
# How many weeks /progress may show: about three months, six months or a year.
PERIODS = (12, 26, 52)
DEFAULT_WEEKS = 12


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("naive datetimes are ambiguous; pass an aware one")
    return at


def local_date(at: datetime, zone: tzinfo | None = None) -> date:
    """The calendar day ``at`` falls on where the person is."""
    return _aware(at).astimezone(zone).date()


def week_start(day: date) -> date:
    """The Monday of the week holding ``day``."""
    return day - timedelta(days=day.weekday())


def local_midnight(day: date, zone: tzinfo | None = None) -> datetime:
    """The moment ``day`` begins where the person is, as an aware UTC datetime."""
    naive = datetime.combine(day, time())
    aware = naive.astimezone() if zone is None else naive.replace(tzinfo=zone)
    return aware.astimezone(UTC)


def short_day(day: date) -> str:
    """'3 Nov' (the year only when it is needed is the caller's choice)."""
    return f"{day.day} {day:%b}"


@dataclass(frozen=True, slots=True)
class Period:
    """Whole weeks, oldest first, ending with the week that holds ``now``.

    ``since``/``until`` bound the period in UTC (``until`` is the Monday after the last week,
    possibly later than now), so a query can filter rows to it with plain comparisons.

    ``strict``: nothing before ``first`` may count (what a person shares from a day on), so a
    chart by calendar month starts its first month on ``first`` instead of the 1st.
    """

    starts: tuple[date, ...]
    zone: tzinfo | None = None
    strict: bool = False

    def __post_init__(self) -> None:
        if not self.starts:
            raise ValueError("a period holds at least one week")
        if any(
            later - earlier != WEEK
            for earlier, later in zip(self.starts, self.starts[1:], strict=False)
        ):
            raise ValueError("a period's weeks follow each other")

    @property
    def first(self) -> date:
        return self.starts[0]

    @property
    def last(self) -> date:
        """The Sunday that ends the period."""
        return self.starts[-1] + timedelta(days=6)

    @property
    def since(self) -> datetime:
        return local_midnight(self.first, self.zone)

    @property
    def until(self) -> datetime:
        return local_midnight(self.starts[-1] + WEEK, self.zone)

    @property
    def labels(self) -> tuple[str, ...]:
        """Each week as the day it starts: '3 Nov'."""
        return tuple(short_day(start) for start in self.starts)

    def week_of(self, at: datetime) -> int | None:
        """The index of the week ``at`` falls in, or None outside the period."""
        day = local_date(at, self.zone)
        if day < self.first or day > self.last:
            return None
        return bisect_right(self.starts, day) - 1

    def bounds(self) -> list[datetime]:
        """The moment each week begins (UTC), then the moment after the last one ends: a
        moment in ``[bounds[i], bounds[i + 1])`` falls in week ``i`` (as :meth:`week_of` says,
        without a time-zone conversion for each moment)."""
        return [local_midnight(start, self.zone) for start in self.starts] + [self.until]

    def per_week(self, moments: Iterable[datetime]) -> list[int]:
        """How many of ``moments`` fall in each week."""
        weeks = len(self.starts)
        counts = [0] * weeks
        bounds = self.bounds()
        for at in moments:
            index = bisect_right(bounds, _aware(at)) - 1
            if 0 <= index < weeks:
                counts[index] += 1
        return counts

    def averages(self, values: Iterable[tuple[datetime, float]]) -> list[float | None]:
        """The mean of the values in each week (None for a week without any), to 1 decimal."""
        weeks = len(self.starts)
        sums = [0.0] * weeks
        counts = [0] * weeks
        bounds = self.bounds()
        for at, value in values:
            index = bisect_right(bounds, _aware(at)) - 1
            if 0 <= index < weeks:
                sums[index] += value
                counts[index] += 1
        return [round(s / n, 1) if n else None for s, n in zip(sums, counts, strict=True)]


def period_ending(now: datetime, weeks: int, zone: tzinfo | None = None) -> Period:
    """The ``weeks`` whole weeks up to and including the one holding ``now``."""
    if weeks < 1:
        raise ValueError("a period holds at least one week")
    this = week_start(local_date(now, zone))
    return Period(tuple(this - WEEK * back for back in range(weeks - 1, -1, -1)), zone)


def week_holding(day: date, zone: tzinfo | None = None) -> Period:
    """The one week holding ``day`` (the weekly review)."""
    return Period((week_start(day),), zone)


def weeks_from(first: date, now: datetime, zone: tzinfo | None = None) -> Period | None:
    """Weeks of seven days starting on ``first`` (any day of the week), up to the one holding
    ``now``: a period that begins exactly at ``first``'s midnight, for what was shared from
    that day on (``strict``). None when ``first`` is after today."""
    today = local_date(now, zone)
    if first > today:
        return None
    count = (today - first).days // 7 + 1
    return Period(tuple(first + WEEK * n for n in range(count)), zone, strict=True)
