"""What habits give the progress pages: habit-days done by week, and the week per habit."""

from __future__ import annotations

from datetime import UTC, timedelta

from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.core.weeks import period_ending, week_holding
from anchored.features.habits import progress
from anchored.features.habits import service as habits
from anchored.features.habits.service import HabitInput
from anchored.services.vault import OpenVault
from tests.support import NOW, People

PERIOD = period_ending(NOW, 12, UTC)
TODAY = NOW.date()  # Tuesday 1 December 2026


def _habit(session: Session, owner: Owner, name: str, *days_ago: int) -> int:
    habit_id = habits.add_habit(session, owner, HabitInput(name), now=NOW - timedelta(days=90)).id
    for back in days_ago:
        habits.mark_day(
            session, owner, habit_id, TODAY - timedelta(days=back), done=True, now=NOW, zone=UTC
        )
    return habit_id


def test_habit_days_by_week_count_every_habit_and_day_once(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        (empty,) = progress.progress_parts(session, people.me, period=PERIOD, asked={}, now=NOW)
        _habit(session, people.me, "A walk", 0, 1, 7)
        _habit(session, people.me, "Call a friend", 1)
        _habit(session, people.stranger, "Theirs", 0, 1, 2, 3)
        (part,) = progress.progress_parts(session, people.me, period=PERIOD, asked={}, now=NOW)
    assert not empty.has_data
    assert empty.empty.startswith("Mark the days")
    (days,) = part.series
    assert part.kind == "bar"
    assert part.values(days)[-3:] == (0.0, 1.0, 3.0)  # this week: a walk Mon, Tue; a call Mon
    assert sum(v or 0 for v in part.values(days)) == 4  # not the stranger's days


def test_a_past_week_counts_its_own_days(open_vault: OpenVault, people: People) -> None:
    earlier = week_holding(TODAY - timedelta(days=14), UTC)
    with open_vault.session() as session:
        _habit(session, people.me, "A walk", 0, 14, 15)
        (part,) = progress.progress_parts(session, people.me, period=earlier, asked={}, now=NOW)
        (line,) = progress.progress_week(session, people.me, period=earlier, now=NOW)
    assert part.values(part.series[0]) == (2.0,)
    assert line.text == "Habit days done: 2 (A walk: 2 days)."


def test_the_week_per_habit_and_the_look_back(open_vault: OpenVault, people: People) -> None:
    week = week_holding(TODAY, UTC)
    with open_vault.session() as session:
        (none,) = progress.progress_week(session, people.me, period=week, now=NOW)
        _habit(session, people.me, "A walk", 0, 1)
        _habit(session, people.me, "Call a friend", 1, 9)
        _habit(session, people.stranger, "Theirs", 0)
        habits.add_review(session, people.me, "Walking after lunch.", "", now=NOW, zone=UTC)
        lines = progress.progress_week(session, people.me, period=week, now=NOW)
    assert none.text == "No habit days marked this week."
    assert [line.text for line in lines] == [
        "Habit days done: 3 (A walk: 2 days; Call a friend: 1 day).",
        "You looked back on the week's habits.",
    ]
