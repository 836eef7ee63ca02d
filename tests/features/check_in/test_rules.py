"""Check-in rules: intensities, tag names, notes, days of history, typed dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.content import emotions as emotion_content
from anchored.core.own_names import clean_name, name_problem
from anchored.features.check_in import factors as factor_content
from anchored.features.check_in import rules

LONDON = ZoneInfo("Europe/London")
AUCKLAND = ZoneInfo("Pacific/Auckland")
ZONES = st.sampled_from(["UTC", "Europe/London", "Pacific/Auckland", "America/Los_Angeles"]).map(
    ZoneInfo
)
MOMENTS = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
)


def test_the_limits_match_the_content() -> None:
    assert (rules.INTENSITY_MIN, rules.INTENSITY_MAX) == (
        emotion_content.INTENSITY_MIN,
        emotion_content.INTENSITY_MAX,
    )
    assert rules.FACTOR_NAME_MAX == factor_content.FACTOR_NAME_MAX
    assert rules.INTENSITY_MIN <= rules.DEFAULT_INTENSITY <= rules.INTENSITY_MAX


@pytest.mark.parametrize(("text", "value"), [("0", 0), ("7", 7), (" 10 ", 10), ("05", 5)])
def test_typed_intensities(text: str, value: int) -> None:
    assert rules.parse_intensity(text) == value


@pytest.mark.parametrize("text", ["", "   ", None])
def test_no_number_means_the_middle_of_the_scale(text: str | None) -> None:
    assert rules.parse_intensity(text) == 5


@pytest.mark.parametrize("text", ["11", "-1", "7.5", "seven", "1e1", "+3", "100000", "٣"])
def test_other_intensities_are_refused_plainly(text: str) -> None:
    with pytest.raises(ValueError, match=r"whole number from 0 .* to 10") as caught:
        rules.parse_intensity(text)
    assert str(caught.value) == rules.INTENSITY_MESSAGE  # the same words, never the input


@given(st.integers())
def test_only_0_to_10_is_on_the_scale(value: int) -> None:
    if 0 <= value <= 10:
        assert rules.check_intensity(value) == value
    else:
        with pytest.raises(ValueError, match="whole number"):
            rules.check_intensity(value)


def test_true_is_not_an_intensity() -> None:
    with pytest.raises(ValueError, match="whole number"):
        rules.check_intensity(True)


def test_tag_names_are_tidied_and_limited() -> None:
    assert clean_name("  late   night\tscrolling \n") == "late night scrolling"
    assert name_problem(rules.OWN_TAGS, "") is not None
    assert name_problem(rules.OWN_TAGS, "x" * 60) is None
    problem = name_problem(rules.OWN_TAGS, "x" * 61)
    assert problem is not None
    assert "60" in problem
    assert "61" in problem
    assert "xxx" not in problem


def test_note_limit() -> None:
    assert rules.note_problem("x" * 5_000) is None
    problem = rules.note_problem("x" * 5_001)
    assert problem is not None
    assert "5,000" in problem
    assert "xxx" not in problem


def test_a_late_evening_in_auckland_is_the_next_day_there() -> None:
    moment = datetime(2026, 11, 23, 11, 30, tzinfo=UTC)  # 00:30 on the 24th in Auckland
    assert rules.local_date(moment, LONDON) == date(2026, 11, 23)
    assert rules.local_date(moment, AUCKLAND) == date(2026, 11, 24)


def test_grouping_by_day_keeps_order() -> None:
    times = [
        datetime(2026, 11, 24, 9, tzinfo=UTC),
        datetime(2026, 11, 23, 22, tzinfo=UTC),
        datetime(2026, 11, 23, 7, tzinfo=UTC),
        datetime(2026, 11, 20, 12, tzinfo=UTC),
    ]
    days = rules.group_by_day(times, lambda t: t, LONDON)
    assert [(d, len(items)) for d, items in days] == [
        (date(2026, 11, 24), 1),
        (date(2026, 11, 23), 2),
        (date(2026, 11, 20), 1),
    ]


@given(st.lists(MOMENTS, max_size=40), ZONES)
def test_grouping_newest_first_gives_newest_days_first(
    moments: list[datetime], zone: ZoneInfo
) -> None:
    moments.sort(reverse=True)
    days = rules.group_by_day(moments, lambda t: t, zone)
    assert [m for _day, items in days for m in items] == moments
    headings = [day for day, _items in days]
    assert headings == sorted(set(headings), reverse=True)
    for day, items in days:
        assert items
        assert all(rules.local_date(m, zone) == day for m in items)


def test_day_headings() -> None:
    today = date(2026, 11, 25)
    assert rules.day_heading(today, today) == "Today, Wednesday 25 November 2026"
    assert rules.day_heading(today - timedelta(days=1), today) == (
        "Yesterday, Tuesday 24 November 2026"
    )
    assert rules.day_heading(date(2026, 1, 3), today) == "Saturday 3 January 2026"


def test_typed_dates() -> None:
    assert rules.parse_local_datetime("  ") is None
    parsed = rules.parse_local_datetime("2026-11-23T21:30", LONDON)
    assert parsed == datetime(2026, 11, 23, 21, 30, tzinfo=LONDON)
    assert rules.parse_local_datetime("2026-11-23T21:30").tzinfo is not None  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="year-month-day"):
        rules.parse_local_datetime("last tuesday")
    with pytest.raises(ValueError, match="between the years 1900 and 2100"):
        rules.parse_local_datetime("1850-01-01T10:00")


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        ("lonely=7", ("lonely", "7")),
        (" Lonely = 11 ", ("Lonely", "11")),
        ("lonely: 3", ("lonely", "3")),
        ("lonely 7", ("lonely", "7")),
        ("lonely -1", ("lonely", "-1")),
        ("lonely", ("lonely", None)),
        ("lonely=", ("lonely", "")),
        ("time alone 4", ("time alone", "4")),
    ],
)
def test_a_feeling_as_typed_in_the_terminal(typed: str, parts: tuple[str, str | None]) -> None:
    assert rules.split_emotion_answer(typed) == parts
