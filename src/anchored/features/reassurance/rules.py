"""Pure rules for the reassurance tracker: local days, daily counts, the goal, the chart.

Days are the person's local days: ``zone=None`` means the machine's own time zone (the server
runs on the person's machine), any ``tzinfo`` is used as given (tests pass a ``ZoneInfo``).
Nothing here reads the clock: ``now`` is always passed in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal

URGE = "urge"
ACT = "act"
KINDS = (URGE, ACT)
Kind = Literal["urge", "act"]
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# A goal is "at most N acts a day"; 0 is allowed (a day without any).
GOAL_MIN = 0
GOAL_MAX = 99
# Kept on at least this many days of last week: a gentle next step is one fewer.
KEPT_DAYS_FOR_STEP_DOWN = 5


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


def week_days(start: date) -> tuple[date, ...]:
    """The seven days of the week starting ``start``."""
    return tuple(start + timedelta(days=offset) for offset in range(7))


def local_midnight(day: date, zone: tzinfo | None = None) -> datetime:
    """The moment ``day`` begins where the person is, as an aware UTC datetime."""
    naive = datetime.combine(day, time())
    aware = naive.astimezone() if zone is None else naive.replace(tzinfo=zone)
    return aware.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class DayCount:
    day: date
    urges: int = 0
    acts: int = 0
    future: bool = False  # after today: nothing can be counted yet

    @property
    def name(self) -> str:
        return DAY_NAMES[self.day.weekday()]


def daily_counts(
    events: Iterable[tuple[str, datetime]],
    days: Sequence[date],
    now: datetime,
    zone: tzinfo | None = None,
) -> tuple[DayCount, ...]:
    """Urges and acts per local day in ``days``, from ``(kind, at)`` pairs.

    Events after ``now`` and days after today are never counted (a clock that was wrong, or a
    time-zone change, must not put taps on a day that has not happened).
    """
    today = local_date(now, zone)
    tallies = {day: {URGE: 0, ACT: 0} for day in days}
    for kind, at in events:
        if kind not in KINDS or _aware(at) > now:
            continue
        day = local_date(at, zone)
        if day in tallies and day <= today:
            tallies[day][kind] += 1
    return tuple(
        DayCount(day, tallies[day][URGE], tallies[day][ACT], future=day > today) for day in days
    )


# -- the goal --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoalProgress:
    """How today compares with "at most ``goal`` acts a day". Words are the template's job."""

    goal: int
    acts: int

    @property
    def state(self) -> Literal["under", "reached", "over"]:
        if self.acts > self.goal:
            return "over"
        return "reached" if self.acts == self.goal else "under"

    @property
    def left(self) -> int:
        return max(self.goal - self.acts, 0)


def suggest_goal(last_week: Sequence[DayCount], last_goal: int | None) -> int | None:
    """A gentle step down for this week, from last week's days and goal (None: no basis yet).

    With a goal kept on most days, one fewer; otherwise the same goal again. Without a goal,
    one fewer than last week's typical day (its average, rounded up).
    """
    counted = [day for day in last_week if not day.future]
    if last_goal is not None:
        kept = sum(day.acts <= last_goal for day in counted)
        if kept >= KEPT_DAYS_FOR_STEP_DOWN:
            return max(last_goal - 1, GOAL_MIN)
        return last_goal
    if not counted:
        return None
    typical = math.ceil(sum(day.acts for day in counted) / len(counted))
    if typical == 0:
        return None
    return min(typical - 1, GOAL_MAX)


# -- the weekly chart ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bar:
    kind: str
    value: int
    x: float
    y: float
    width: float
    height: float

    @property
    def label_x(self) -> float:
        return self.x + self.width / 2

    @property
    def label_y(self) -> float:
        return self.y - 3


@dataclass(frozen=True, slots=True)
class DaySlot:
    count: DayCount
    label_x: float
    bars: tuple[Bar, ...]  # empty for a future day


@dataclass(frozen=True, slots=True)
class Gridline:
    value: int
    y: float


@dataclass(frozen=True, slots=True)
class Chart:
    width: float
    height: float
    left: float
    right: float
    top: float
    baseline: float
    label_y: float
    scale_max: int
    slots: tuple[DaySlot, ...]
    gridlines: tuple[Gridline, ...]


def week_chart(
    days: Sequence[DayCount],
    *,
    width: float = 336,
    height: float = 190,
    margin_left: float = 26,
    margin_right: float = 4,
    margin_top: float = 16,
    margin_bottom: float = 22,
) -> Chart:
    """Bar geometry for urges beside acts per day, in SVG user units (y grows downwards).

    The tallest bar fills the plot; a zero is a bar of height 0 (its number still shows); a
    future day has no bars. Every bar stays inside ``width`` x ``height``.
    """
    plot_width = max(width - margin_left - margin_right, 0)
    plot_height = max(height - margin_top - margin_bottom, 0)
    baseline = margin_top + plot_height
    largest = max((max(d.urges, d.acts) for d in days if not d.future), default=0)
    scale_max = max(largest, 1)
    slot_width = plot_width / len(days) if days else 0
    bar_width = slot_width * 0.34
    gap = slot_width * 0.06

    def bar(kind: str, value: int, x: float) -> Bar:
        value = max(value, 0)
        bar_height = min(value / scale_max, 1.0) * plot_height
        return Bar(kind, value, x, baseline - bar_height, bar_width, bar_height)

    slots = []
    for index, count in enumerate(days):
        centre = margin_left + slot_width * (index + 0.5)
        bars: tuple[Bar, ...] = ()
        if not count.future:
            bars = (
                bar(URGE, count.urges, centre - gap / 2 - bar_width),
                bar(ACT, count.acts, centre + gap / 2),
            )
        slots.append(DaySlot(count, centre, bars))
    values = sorted({0, math.ceil(scale_max / 2), scale_max})
    gridlines = tuple(Gridline(v, baseline - v / scale_max * plot_height) for v in values)
    return Chart(
        width=width,
        height=height,
        left=margin_left,
        right=width - margin_right,
        top=margin_top,
        baseline=baseline,
        label_y=min(baseline + 16, height - 2),
        scale_max=scale_max,
        slots=tuple(slots),
        gridlines=gridlines,
    )
