"""Patterns in a person's moments: said only with enough data, gently, never as a score."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from anchored.core import patterns

SUNDAY_EVENING = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)


def evenings(count: int, start: datetime = SUNDAY_EVENING) -> list[datetime]:
    return [start - timedelta(days=7 * i, minutes=i) for i in range(count)]


def test_moments_that_cluster_are_named_with_how_many() -> None:
    moments = [*evenings(8), datetime(2026, 11, 25, 9, tzinfo=UTC)]
    sentence = patterns.timing_sentence("Your pauses", moments, UTC)
    assert sentence == (
        "Your pauses came most often in the evening (8 of 9 in the last 12 weeks), "
        "and on Sundays more than other days."
    )


def test_too_few_moments_say_nothing() -> None:
    assert patterns.timing_sentence("Your pauses", evenings(patterns.MIN_MOMENTS - 1)) is None


def test_the_time_of_day_is_the_persons_own() -> None:
    # 20:00 UTC is 09:00 the next day in Auckland (summer time): mornings there.
    part = patterns.busiest_part(evenings(8), ZoneInfo("Pacific/Auckland"))
    assert part is not None
    assert part.key == "morning"


@given(st.lists(st.datetimes(timezones=st.just(UTC)), max_size=40))
def test_a_cluster_always_holds_most_of_the_moments(moments: list[datetime]) -> None:
    part = patterns.busiest_part(moments, UTC)
    if part is not None:
        assert part.total == len(moments) >= patterns.MIN_MOMENTS
        assert part.count / part.total >= patterns.PART_SHARE
    day = patterns.busiest_day(moments, UTC)
    if day is not None:
        assert day.count >= patterns.MIN_DAY_COUNT


def test_months_are_compared_only_when_each_holds_enough() -> None:
    said = patterns.month_sentence("pauses", (4, 6), (2, 5), "ended without sending")
    assert said == "This month, 4 of 6 pauses ended without sending; last month, 2 of 5."
    assert patterns.month_sentence("pauses", (2, 2), (2, 5), "ended") is None


def test_a_fall_is_said_plainly_and_a_rise_gently() -> None:
    assert patterns.trend_sentence("acted", 3, 10) == (
        "You acted less often lately: 3 times in the last four weeks, "
        "10 times in the four weeks before."
    )
    rising = patterns.trend_sentence("acted", 9, 1)
    assert rising is not None
    assert "Healing is not linear" in rising
    assert patterns.trend_sentence("acted", 2, 1) is None


@given(st.integers(0, 100), st.integers(0, 100))
def test_a_trend_never_calls_a_rise_a_fall(recent: int, before: int) -> None:
    said = patterns.trend_sentence("acted", recent, before)
    if said is not None:
        assert ("less often" in said) == (recent < before)


def test_something_recurs_only_in_enough_records_without_a_tie() -> None:
    assert patterns.recurring([("Mind reading", 4), ("Labelling", 1)], 9) == ("Mind reading", 4)
    assert patterns.recurring([("Mind reading", 4), ("Labelling", 4)], 9) is None
    assert patterns.recurring([("Mind reading", 4)], 4) is None  # too few records
    assert patterns.recurring([("Mind reading", 3)], 20) is None  # not a third of them


def test_a_tag_stands_out_only_when_clearly_above_the_rest() -> None:
    groups = [("Texting", 5, 7.5), ("Work", 6, 5.2), ("Rare", 2, 9.0)]
    assert patterns.standout(groups, 5.5, 20) == ("Texting", 5, 7.5)
    assert patterns.standout(groups, 7.0, 20) is None
    assert patterns.standout(groups, 5.5, 9) is None


def test_months_start_on_the_first_in_the_persons_zone() -> None:
    now = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    assert patterns.month_start(now, UTC) == datetime(2026, 12, 1, tzinfo=UTC)
    assert patterns.previous_month_start(now, UTC) == datetime(2026, 11, 1, tzinfo=UTC)
