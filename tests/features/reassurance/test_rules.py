"""Reassurance tracker rules: local days, weeks, daily counts, the goal, the chart geometry."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.features.reassurance.rules import (
    ACT,
    URGE,
    DayCount,
    GoalProgress,
    daily_counts,
    local_date,
    local_midnight,
    suggest_goal,
    week_chart,
    week_days,
    week_start,
)

LONDON = ZoneInfo("Europe/London")
AUCKLAND = ZoneInfo("Pacific/Auckland")
ZONES = st.sampled_from(
    sorted(
        {"UTC", "Europe/London", "Pacific/Auckland", "America/Los_Angeles", "Asia/Kolkata"}
        | {z for z in available_timezones() if z.startswith(("America/Santiago", "Asia/Tehran"))}
    )
).map(ZoneInfo)
MOMENTS = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
)
EVENTS = st.lists(st.tuples(st.sampled_from([URGE, ACT]), MOMENTS), max_size=60)
COUNTS = st.builds(
    DayCount,
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
    urges=st.integers(0, 10_000),
    acts=st.integers(0, 10_000),
    future=st.booleans(),
)


def at(text: str, zone: ZoneInfo = LONDON) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=zone)


# -- days and weeks ----------------------------------------------------------------------------


def test_local_date_follows_the_persons_zone() -> None:
    moment = datetime(2026, 11, 23, 11, 30, tzinfo=UTC)  # 00:30 on the 24th in Auckland
    assert local_date(moment, LONDON) == date(2026, 11, 23)
    assert local_date(moment, AUCKLAND) == date(2026, 11, 24)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        local_date(datetime(2026, 11, 23, 12, 0))


def test_weeks_start_on_monday() -> None:
    assert week_start(date(2026, 11, 23)) == date(2026, 11, 23)  # a Monday
    assert week_start(date(2026, 11, 29)) == date(2026, 11, 23)  # Sunday
    days = week_days(date(2026, 11, 23))
    assert days[0] == date(2026, 11, 23)
    assert days[-1] == date(2026, 11, 29)
    assert len(days) == 7


def test_local_midnight_across_a_clock_change() -> None:
    # London moved to summer time on 29 March 2026: that day has 23 hours.
    start = local_midnight(date(2026, 3, 29), LONDON)
    end = local_midnight(date(2026, 3, 30), LONDON)
    assert start == datetime(2026, 3, 29, 0, 0, tzinfo=UTC)
    assert end - start == timedelta(hours=23)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)))
def test_week_start_is_a_monday_within_six_days(day: date) -> None:
    start = week_start(day)
    assert start.weekday() == 0
    assert timedelta(0) <= day - start <= timedelta(days=6)
    assert day in week_days(start)


@given(MOMENTS, ZONES)
def test_local_midnight_starts_the_local_day(moment: datetime, zone: ZoneInfo) -> None:
    day = local_date(moment, zone)
    assert local_midnight(day, zone) <= moment
    assert local_midnight(day + timedelta(days=1), zone) > moment


# -- daily counts ------------------------------------------------------------------------------


def test_counts_per_local_day() -> None:
    now = at("2026-11-25T20:00")
    events = [
        (URGE, at("2026-11-23T00:05")),
        (ACT, at("2026-11-23T23:55")),
        (URGE, at("2026-11-22T23:59")),  # the Sunday before: another week
        (URGE, at("2026-11-25T08:00")),
        (URGE, at("2026-11-25T09:00")),
        (ACT, at("2026-11-25T21:00")),  # later than now: not counted
        (URGE, at("2026-11-26T09:00")),  # tomorrow
    ]
    counts = daily_counts(events, week_days(date(2026, 11, 23)), now, LONDON)
    assert [(c.urges, c.acts) for c in counts] == [(1, 1), (0, 0), (2, 0)] + [(0, 0)] * 4
    assert [c.future for c in counts] == [False, False, False, True, True, True, True]
    assert counts[0].name == "Mon"


def test_the_same_tap_falls_on_different_days_in_different_zones() -> None:
    tap = datetime(2026, 11, 23, 11, 30, tzinfo=UTC)
    now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    days = [date(2026, 11, 23), date(2026, 11, 24)]
    assert [c.urges for c in daily_counts([(URGE, tap)], days, now, LONDON)] == [1, 0]
    assert [c.urges for c in daily_counts([(URGE, tap)], days, now, AUCKLAND)] == [0, 1]


@given(EVENTS, MOMENTS, ZONES)
def test_counts_sum_to_the_events_on_the_days_shown(
    events: list[tuple[str, datetime]], now: datetime, zone: ZoneInfo
) -> None:
    days = week_days(week_start(local_date(now, zone)))
    counts = daily_counts(events, days, now, zone)
    today = local_date(now, zone)
    expected = [
        (kind, when)
        for kind, when in events
        if when <= now and local_date(when, zone) in days and local_date(when, zone) <= today
    ]
    assert sum(c.urges + c.acts for c in counts) == len(expected)
    assert sum(c.urges for c in counts) == sum(kind == URGE for kind, _ in expected)


@given(EVENTS, MOMENTS, ZONES)
def test_a_future_day_is_never_counted(
    events: list[tuple[str, datetime]], now: datetime, zone: ZoneInfo
) -> None:
    days = [local_date(now, zone) + timedelta(days=offset) for offset in range(-3, 4)]
    # Even taps stamped "in the future" (a clock put right afterwards) stay uncounted.
    events = [*events, (ACT, now + timedelta(hours=30)), (URGE, now + timedelta(days=2))]
    for count in daily_counts(events, days, now, zone):
        if count.day > local_date(now, zone):
            assert count.future
            assert count.urges == count.acts == 0
        else:
            assert not count.future


@given(EVENTS, MOMENTS)
def test_counting_everything_at_once_equals_counting_day_by_day(
    events: list[tuple[str, datetime]], now: datetime
) -> None:
    days = week_days(week_start(local_date(now, LONDON)))
    together = daily_counts(events, days, now, LONDON)
    one_by_one = tuple(daily_counts(events, [day], now, LONDON)[0] for day in days)
    assert together == one_by_one


def test_unknown_kinds_are_ignored() -> None:
    now = at("2026-11-23T12:00")
    (count,) = daily_counts([("maybe", at("2026-11-23T10:00"))], [date(2026, 11, 23)], now, LONDON)
    assert (count.urges, count.acts) == (0, 0)


# -- the goal ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("acts", "goal", "state", "left"),
    [(0, 3, "under", 3), (2, 3, "under", 1), (3, 3, "reached", 0), (5, 3, "over", 0)],
)
def test_goal_progress(acts: int, goal: int, state: str, left: int) -> None:
    progress = GoalProgress(goal=goal, acts=acts)
    assert progress.state == state
    assert progress.left == left


def _week(acts: list[int]) -> list[DayCount]:
    start = date(2026, 11, 16)
    return [DayCount(start + timedelta(days=i), acts=a) for i, a in enumerate(acts)]


def test_a_goal_kept_on_most_days_steps_down_by_one() -> None:
    assert suggest_goal(_week([3, 2, 4, 3, 1, 3, 5]), 3) == 2


def test_a_goal_often_passed_is_offered_again_not_lowered() -> None:
    assert suggest_goal(_week([5, 6, 4, 3, 5, 6, 2]), 3) == 3


def test_a_goal_of_zero_stays_zero() -> None:
    assert suggest_goal(_week([0] * 7), 0) == 0


def test_without_a_goal_one_fewer_than_a_typical_day() -> None:
    assert suggest_goal(_week([4, 5, 3, 4, 4, 6, 2]), None) == 3  # average 4
    assert suggest_goal(_week([4, 5, 3, 4, 4, 6, 3]), None) == 4  # average 4.1, rounded up 5
    assert suggest_goal(_week([1, 0, 0, 0, 0, 0, 0]), None) == 0
    assert suggest_goal(_week([0] * 7), None) is None
    assert suggest_goal([], None) is None


@given(st.lists(COUNTS, max_size=7), st.one_of(st.none(), st.integers(0, 99)))
def test_a_suggestion_never_asks_for_more(days: list[DayCount], goal: int | None) -> None:
    suggestion = suggest_goal(days, goal)
    if suggestion is None:
        return
    assert 0 <= suggestion <= 99
    if goal is not None:
        assert suggestion <= goal


# -- the chart ---------------------------------------------------------------------------------


def test_the_largest_day_fills_the_plot_and_zero_days_render() -> None:
    days = [DayCount(date(2026, 11, 23) + timedelta(days=i)) for i in range(7)]
    days[1] = DayCount(days[1].day, urges=4, acts=2)
    days[5] = DayCount(days[5].day, future=True)
    chart = week_chart(days)
    plot = chart.baseline - chart.top
    urge, act = chart.slots[1].bars
    assert urge.height == pytest.approx(plot)
    assert act.height == pytest.approx(plot / 2)
    zero_urge, zero_act = chart.slots[0].bars
    assert zero_urge.height == zero_act.height == 0
    assert zero_urge.y == chart.baseline
    assert chart.slots[5].bars == ()
    assert [g.value for g in chart.gridlines] == [0, 2, 4]


def test_an_empty_week_still_has_a_scale() -> None:
    chart = week_chart([DayCount(date(2026, 11, 23) + timedelta(days=i)) for i in range(7)])
    assert chart.scale_max == 1
    assert all(bar.height == 0 for slot in chart.slots for bar in slot.bars)


@given(
    st.lists(COUNTS, min_size=1, max_size=14),
    st.floats(min_value=60, max_value=2_000),
    st.floats(min_value=60, max_value=2_000),
)
def test_bars_stay_inside_the_chart(days: list[DayCount], width: float, height: float) -> None:
    chart = week_chart(days, width=width, height=height)
    tolerance = 1e-6
    for slot in chart.slots:
        assert 0 <= slot.label_x <= width
        for bar in slot.bars:
            assert bar.height >= 0
            assert bar.width >= 0
            assert bar.x >= -tolerance
            assert bar.x + bar.width <= width + tolerance
            assert chart.top - tolerance <= bar.y
            assert bar.y + bar.height <= chart.baseline + tolerance <= height + tolerance
            assert bar.label_y >= 0
    assert 0 <= chart.label_y <= height


@given(st.lists(COUNTS, min_size=1, max_size=7))
def test_taller_bars_mean_bigger_numbers(days: list[DayCount]) -> None:
    bars = [bar for slot in week_chart(days).slots for bar in slot.bars]
    for first in bars:
        for second in bars:
            if first.value < second.value:
                assert first.height <= second.height
    if bars and max(bar.value for bar in bars) > 0:
        chart = week_chart(days)
        tallest = max(bar.height for bar in bars)
        assert tallest == pytest.approx(chart.baseline - chart.top)
