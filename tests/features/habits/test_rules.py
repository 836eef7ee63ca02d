"""The habit rules: days done counted kindly, never a day still to come, never a day twice,
and local days that stay right across time zones and summer time."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.features.habits import rules
from anchored.features.habits.rules import Often

DAILY = Often(rules.DAILY)
WEEKLY = Often(rules.WEEKLY)
THREE = Often(rules.SOME_DAYS, 3)
HOW = st.sampled_from([DAILY, WEEKLY, THREE, Often(rules.SOME_DAYS, 6)])
TODAY = date(2026, 11, 25)  # a Wednesday
LONDON = ZoneInfo("Europe/London")
# Zones with summer time in either half of the year, one with a 30-minute shift, and one far
# ahead of UTC, so "today" there is often "tomorrow" in UTC.
ZONES = [
    ZoneInfo(name)
    for name in (
        "Europe/London",
        "America/New_York",
        "Australia/Sydney",
        "Australia/Lord_Howe",
        "Pacific/Auckland",
        "Pacific/Kiritimati",
    )
]

days_near = st.dates(min_value=date(2026, 8, 1), max_value=date(2027, 2, 28))
todays = st.dates(min_value=date(2026, 9, 1), max_value=date(2027, 1, 31))
day_sets = st.frozensets(days_near, max_size=60)


def _since(days: frozenset[date], today: date) -> date:
    return min([today - timedelta(days=60), *days])


# -- properties ------------------------------------------------------------------------------


@given(day_sets, day_sets, todays, HOW)
def test_a_day_still_to_come_never_counts(
    done: frozenset[date], more: frozenset[date], today: date, how: Often
) -> None:
    future = frozenset(day for day in more if day > today)
    since = _since(done, today)
    assert rules.summary(done | future, how, today, since) == rules.summary(done, how, today, since)
    assert rules.done_by_week([(1, d) for d in done | future], today, 8) == rules.done_by_week(
        [(1, d) for d in done], today, 8
    )
    for day in future:  # and it cannot be marked
        assert rules.marked(done, day, True, today) == done
        assert rules.day_problem(day, today) == rules.NOT_YET


@given(day_sets, st.lists(st.tuples(days_near, st.booleans()), max_size=20), todays, HOW)
def test_marking_a_day_twice_changes_the_counts_once(
    done: frozenset[date], edits: list[tuple[date, bool]], today: date, how: Often
) -> None:
    since = _since(done, today)
    state = done
    for day, want in edits:
        once = rules.marked(state, day, want, today)
        twice = rules.marked(once, day, want, today)
        assert twice == once
        assert rules.summary(twice, how, today, since) == rules.summary(once, how, today, since)
        state = once
    # Whatever the order of edits, the counts are those of the days finally marked.
    final = {day for day in done if day <= today}
    for day, want in edits:
        if day <= today:
            final = final | {day} if want else final - {day}
    assert rules.counted(state, today) == final


@given(st.lists(days_near, max_size=60), todays, HOW)
def test_a_day_listed_twice_is_one_day(days: list[date], today: date, how: Often) -> None:
    since = _since(frozenset(days), today)
    doubled = days + days
    assert rules.summary(doubled, how, today, since) == rules.summary(set(days), how, today, since)
    assert rules.done_by_week([(7, d) for d in doubled], today, 12) == rules.done_by_week(
        [(7, d) for d in days], today, 12
    )


@given(day_sets, todays, HOW)
def test_counts_stay_within_the_days_there_were(
    done: frozenset[date], today: date, how: Often
) -> None:
    summary = rules.summary(done, how, today, _since(done, today))
    assert 0 <= summary.this_week <= today.weekday() + 1
    assert 0 <= summary.this_month <= today.day
    assert summary.this_week <= len(rules.counted(done, today))
    if how.in_days:
        assert summary.longest_run <= len(rules.counted(done, today))
    else:
        assert summary.longest_run <= len(rules.weeks_met(done, how.per_week, today))
    assert summary.today_done == (today in done)


@given(day_sets, todays, st.integers(min_value=0, max_value=200))
def test_a_missed_day_never_lowers_the_longest_run(
    done: frozenset[date], today: date, back: int
) -> None:
    """Taking a day back can shorten a run; adding any day never makes the longest shorter,
    so the number on screen only grows while days are added."""
    day = today - timedelta(days=back)
    before = rules.longest_daily_run(done, today)
    assert rules.longest_daily_run(done | {day}, today) >= before


@given(
    st.sampled_from(ZONES),
    st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)),
)
def test_today_is_the_local_calendar_day_in_any_zone(zone: ZoneInfo, naive: datetime) -> None:
    """A day marked at any moment of the person's local day is today's, all day long, on
    the days the clocks change as on any other; the next local day is still to come."""
    moment = naive.replace(tzinfo=UTC)
    today = rules.local_date(moment, zone)
    assert today == moment.astimezone(zone).date()
    for other in (
        moment.astimezone(zone).replace(hour=0, minute=0),
        moment.astimezone(zone).replace(hour=23, minute=59),
    ):
        # Folded or skipped wall times still name the same local day.
        assert rules.local_date(other, zone) == today
    summary = rules.summary({today}, DAILY, today, today)
    assert summary.today_done
    assert rules.day_problem(today + timedelta(days=1), today) == rules.NOT_YET
    assert rules.day_problem(today, today) is None


@given(todays)
def test_a_week_is_seven_days_from_monday_even_when_the_clocks_change(today: date) -> None:
    start = rules.week_start(today)
    days = rules.week_days(start)
    assert start.weekday() == 0
    assert today in days
    assert len(set(days)) == 7
    assert all(later - earlier == timedelta(days=1) for earlier, later in itertools.pairwise(days))


@given(day_sets, todays, st.integers(min_value=1, max_value=8))
def test_the_weeks_shown_end_this_week_at_the_latest(
    done: frozenset[date], today: date, weeks: int
) -> None:
    shown = rules.weeks_shown(done, today, today + timedelta(days=400), weeks)
    assert len(shown) == weeks
    assert shown[-1].start == rules.week_start(today)
    cells = [cell for week in shown for cell in week.cells]
    assert [c.day for c in cells] == sorted(c.day for c in cells)
    assert all(cell.future == (cell.day > today) for cell in cells)
    assert all(not cell.done for cell in cells if cell.future)
    assert sum(cell.is_today for cell in cells) == 1


# -- examples --------------------------------------------------------------------------------


def test_the_night_the_clocks_go_back_is_one_day() -> None:
    """25 October 2026 in London lasts 25 hours: a walk marked at 00:30 and at 23:30 is the
    same day done once; the Monday after is a new week."""
    early = datetime(2026, 10, 25, 0, 30, tzinfo=LONDON)
    late = datetime(2026, 10, 25, 23, 30, tzinfo=LONDON)
    assert early.astimezone(UTC).date() == date(2026, 10, 24)  # in UTC, still the day before
    day = rules.local_date(early, LONDON)
    assert rules.local_date(late, LONDON) == day == date(2026, 10, 25)
    done = rules.marked(
        rules.marked(set(), day, True, day), rules.local_date(late, LONDON), True, day
    )
    assert rules.summary(done, DAILY, day, day).this_week == 1
    assert rules.week_start(date(2026, 10, 26)) == date(2026, 10, 26)


def test_late_evening_in_auckland_is_the_next_day_in_utc() -> None:
    moment = datetime(2026, 11, 25, 11, 30, tzinfo=UTC)  # 00:30 on the 26th in Auckland
    assert rules.local_date(moment, ZoneInfo("Pacific/Auckland")) == date(2026, 11, 26)
    assert rules.local_date(moment, LONDON) == date(2026, 11, 25)


def test_a_moment_without_a_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        rules.local_date(datetime(2026, 11, 25, 12, 0))


def test_counts_for_a_daily_habit() -> None:
    done = {date(2026, 11, d) for d in (2, 3, 4, 5, 20, 23, 25)} | {date(2026, 10, 31)}
    summary = rules.summary(done, DAILY, TODAY, date(2026, 10, 1))
    assert summary.today_done
    assert summary.this_week == 2  # Mon 23 and Wed 25
    assert summary.this_month == 7
    assert summary.longest_run == 4  # 2 to 5 November
    assert summary.run_in_days
    assert summary.note is None  # done today: nothing to say


def test_counts_for_some_days_a_week_run_in_weeks() -> None:
    # Three days in each of the weeks of 2, 9 and 16 November; two in the week of 23rd so far.
    done = {date(2026, 11, d) for d in (2, 4, 6, 9, 10, 11, 16, 18, 19, 23, 24)}
    summary = rules.summary(done, THREE, TODAY, date(2026, 11, 1))
    assert summary.this_week == 2
    assert not summary.week_met
    assert summary.longest_run == 3
    assert not summary.run_in_days
    assert summary.note is None  # last week was met


def test_a_gentle_note_after_a_missed_day_only() -> None:
    since = date(2026, 11, 1)
    assert rules.gentle_note({date(2026, 11, 23)}, DAILY, TODAY, since) == "day"
    assert rules.gentle_note({date(2026, 11, 24)}, DAILY, TODAY, since) is None
    assert rules.gentle_note({TODAY}, DAILY, TODAY, since) is None
    # Never about a day before the habit began.
    assert rules.gentle_note(set(), DAILY, TODAY, TODAY) is None


def test_a_gentle_note_for_a_week_that_fell_short() -> None:
    last_week = {date(2026, 11, 17)}
    assert rules.gentle_note(last_week, THREE, TODAY, date(2026, 11, 1)) == "week"
    assert rules.gentle_note(last_week, WEEKLY, TODAY, date(2026, 11, 1)) is None
    assert rules.gentle_note(set(), WEEKLY, TODAY, date(2026, 11, 24)) is None  # began this week
    this_week = last_week | {date(2026, 11, d) for d in (23, 24, 25)}
    assert rules.gentle_note(this_week, THREE, TODAY, date(2026, 11, 1)) is None


def test_how_often_is_read_kindly() -> None:
    assert rules.often("some_days", 7) == DAILY
    assert rules.often("some_days", 1) == WEEKLY
    assert rules.often("some_days", 4) == Often(rules.SOME_DAYS, 4)
    assert rules.often("weekly", 5) == WEEKLY  # the number only matters for "some days"
    assert THREE.words() == "3 days a week"
    for kind, days in (("some_days", None), ("some_days", 0), ("hourly", None)):
        with pytest.raises(ValueError, match=r"how often|how many days"):
            rules.often(kind, days)


@pytest.mark.parametrize("text", ["2026-13-01", "25/11/2026", "", "2026-2-3", "tomorrow"])
def test_days_are_written_year_month_day(text: str) -> None:
    with pytest.raises(ValueError, match="2026-11-23"):
        rules.parse_day(text)


def test_days_before_1900_are_refused() -> None:
    assert rules.day_problem(date(1899, 12, 31), TODAY) == rules.TOO_EARLY
    assert rules.marked(set(), date(1899, 12, 31), True, TODAY) == frozenset()


def test_done_by_week_counts_each_habit_once_a_day() -> None:
    marks = [(1, date(2026, 11, 23)), (2, date(2026, 11, 23)), (1, date(2026, 11, 23))]
    marks += [(1, date(2026, 11, 16)), (1, date(2026, 11, 27))]  # the 27th is still to come
    weeks = rules.done_by_week(marks, TODAY, 3)
    assert [(w.start, w.done) for w in weeks] == [
        (date(2026, 11, 9), 0),
        (date(2026, 11, 16), 1),
        (date(2026, 11, 23), 2),
    ]


def test_a_habit_written_as_lines() -> None:
    text = "A short walk\nWhy: the worry settles.\nIt is good for me.\nSmallest: shoes on.\n"
    assert rules.parse_habit_text(text) == rules.HabitText(
        "A short walk", "the worry settles.\nIt is good for me.", "shoes on."
    )
    assert rules.parse_habit_text("\n  Name: Stretch\n") == rules.HabitText("Stretch", "", "")
    assert rules.parse_habit_text("") == rules.HabitText("", "", "")
