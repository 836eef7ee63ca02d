"""Weeks in the person's own time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.core.weeks import Period, period_ending, week_holding

AUCKLAND = ZoneInfo("Pacific/Auckland")
NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)  # a Tuesday


def test_a_period_ends_with_the_week_holding_now() -> None:
    period = period_ending(NOW, 12, UTC)
    assert len(period.starts) == 12
    assert period.starts[-1] == date(2026, 11, 30)
    assert all(start.weekday() == 0 for start in period.starts)
    assert period.labels[-1] == "30 Nov"
    assert period.since == datetime(2026, 9, 14, tzinfo=UTC)


def test_the_week_is_the_persons_own() -> None:
    # Sunday 23:30 in UTC is already Monday in Auckland: a new week there.
    late_sunday = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)
    assert week_holding(date(2026, 11, 29), UTC).week_of(late_sunday) == 0
    period = period_ending(NOW, 2, AUCKLAND)
    assert period.week_of(late_sunday) == 1


def test_counts_and_averages_per_week_leave_out_what_is_outside() -> None:
    period = period_ending(NOW, 2, UTC)
    inside = datetime(2026, 11, 24, 12, tzinfo=UTC)
    before = datetime(2026, 11, 1, tzinfo=UTC)
    assert period.per_week([inside, inside, before, NOW]) == [2, 1]
    assert period.averages([(inside, 4), (inside, 5), (before, 9)]) == [4.5, None]


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 1, 1)))
def test_any_moment_in_a_period_falls_in_exactly_its_week(moment: datetime) -> None:
    at = moment.replace(tzinfo=UTC)
    period = period_ending(at, 3, AUCKLAND)
    index = period.week_of(at)
    assert index == 2
    assert period.since <= at < period.until
    assert period.week_of(period.since - timedelta(seconds=1)) is None


def test_a_period_must_be_whole_following_weeks() -> None:
    with pytest.raises(ValueError, match="at least one"):
        Period(())
    with pytest.raises(ValueError, match="follow"):
        Period((date(2026, 11, 2), date(2026, 11, 23)))
    with pytest.raises(ValueError, match="at least one"):
        period_ending(NOW, 0)


ZONES = st.sampled_from(
    [
        UTC,
        AUCKLAND,
        ZoneInfo("America/Santiago"),
        ZoneInfo("Europe/London"),
        ZoneInfo("Asia/Kolkata"),
    ]
)


@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1)),
    st.lists(st.integers(min_value=-60 * 24 * 7 * 6, max_value=60 * 24 * 7 * 2), max_size=30),
    ZONES,
    st.integers(min_value=1, max_value=5),
)
def test_counts_and_averages_put_each_moment_in_the_week_its_calendar_says(
    moment: datetime, minutes: list[int], zone: ZoneInfo, weeks: int
) -> None:
    # Counted by the week's first moment, never one conversion per moment: the same weeks
    # the calendar day gives, across daylight-saving changes (Santiago's fall at midnight).
    now = moment.replace(tzinfo=UTC)
    period = period_ending(now, weeks, zone)
    moments = [now + timedelta(minutes=m) for m in minutes]
    by_day = [0] * weeks
    for at in moments:
        if (index := period.week_of(at)) is not None:
            by_day[index] += 1
    assert period.per_week(moments) == by_day
    assert period.averages([(at, 1.0) for at in moments]) == [1.0 if n else None for n in by_day]
