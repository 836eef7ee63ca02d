"""What small steps and habits contribute to the progress pages (the manifest's ``progress``
hooks): habit-days done by week, and the week's days done per habit. Counted without guilt:
a week with fewer days is just a week."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.core.weeks import Period, local_date
from anchored.features.habits import service as habits
from anchored.features.habits.models import Habit, HabitDay, HabitReview
from anchored.features.habits.rules import WeekDone
from anchored.manifest import ProgressPart, Series, WeekLine

HREF = "/habits"
LAST_MOMENT = timedelta(microseconds=1)


def done_in(session: Session, owner: Owner, period: Period, now: datetime) -> tuple[WeekDone, ...]:
    """Habit-days done in each week of ``period`` (up to today), through
    :func:`habits.days_done_by_week`, counted up to the period's last day; weeks that do not
    start on a Monday are counted day by day."""
    until = min(now, period.until - LAST_MOMENT)
    if period.first.weekday() != 0:  # weeks from a chosen day (what a person shares from it)
        tally = [0] * len(period.starts)
        for day, done in habits.days_done_each_day(
            session, owner, period.first, local_date(until, period.zone)
        ):
            tally[(day - period.first).days // 7] += done
        return tuple(WeekDone(start, n) for start, n in zip(period.starts, tally, strict=True))
    found = habits.days_done_by_week(
        session, owner, until, weeks=len(period.starts), zone=period.zone
    )
    if tuple(week.start for week in found) != period.starts:  # a period ending after now
        counts = {week.start: week.done for week in found}
        return tuple(WeekDone(start, counts.get(start, 0)) for start in period.starts)
    return found


def progress_parts(
    session: Session,
    owner: Owner,
    *,
    period: Period,
    asked: Mapping[str, tuple[str, ...]],
    now: datetime,
) -> list[ProgressPart]:
    weeks = done_in(session, owner, period, now)
    seen = any(week.done for week in weeks)
    points = tuple(
        (label, float(week.done)) for label, week in zip(period.labels, weeks, strict=True)
    )
    return [
        ProgressPart(
            key="habits",
            title="Habit days done, by week",
            kind="bar",
            series=(Series("Days done", points if seen else ()),),
            labels=period.labels,
            unit="days a habit was done each week, all habits together",
            text="Every day you did one of your habits counts once. Fewer days is still a week.",
            href=HREF,
            empty="Mark the days you do one of your small habits to see them by week.",
            start=HREF,
            order=65,
        )
    ]


def progress_week(
    session: Session, owner: Owner, *, period: Period, now: datetime
) -> list[WeekLine]:
    """Days done per habit during the week, and whether the week was looked back on."""
    query = (
        select(Habit.name, func.count(HabitDay.id))
        .join(HabitDay, HabitDay.habit_id == Habit.id)
        .where(
            Habit.owner_id == owner.id,
            HabitDay.owner_id == owner.id,
            HabitDay.day >= period.first,
            HabitDay.day <= period.last,
        )
        .group_by(Habit.id, Habit.name)
        .order_by(Habit.id)
    )
    done = [(name, int(count)) for name, count in session.execute(query)]
    if not done:
        return [WeekLine("No habit days marked this week.", HREF, order=60)]
    total = sum(count for _name, count in done)
    each = "; ".join(f"{name}: {count} {'day' if count == 1 else 'days'}" for name, count in done)
    lines = [
        WeekLine(f"Habit days done: {total} ({each}).", HREF, order=60),
    ]
    reviewed = session.scalar(
        select(func.count())
        .select_from(HabitReview)
        .where(HabitReview.owner_id == owner.id, HabitReview.week_start == period.starts[0])
    )
    if reviewed:
        lines.append(WeekLine("You looked back on the week's habits.", "/habits/reviews", order=61))
    return lines
