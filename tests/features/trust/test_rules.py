"""The trust log's counts: per person, over a window of days, without scores."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.features.trust.rules import Moment, PersonCount, counts, parse_day

TODAY = date(2026, 12, 1)


def test_counts_per_person_over_the_last_90_days() -> None:
    moments = [
        Moment(None, "Sam", True, TODAY),
        Moment(None, " sam ", False, TODAY - timedelta(days=89)),  # the window's first day
        Moment(None, "Sam", True, TODAY - timedelta(days=90)),  # just outside
        Moment(4, "Maya", True, TODAY - timedelta(days=3)),
        Moment(4, "Maya R.", True, TODAY - timedelta(days=1)),  # renamed: the newest name
        Moment(None, "Maya", False, TODAY),  # a typed Maya is someone else
        Moment(None, "Jo", True, TODAY + timedelta(days=1)),  # not yet
    ]
    assert counts(moments, TODAY) == [
        PersonCount("Maya", 0, 1),
        PersonCount("Maya R.", 2, 0),
        PersonCount("Sam", 1, 1),  # the name as last written
    ]


moment = st.builds(
    Moment,
    st.one_of(st.none(), st.integers(1, 3)),
    st.sampled_from(["Sam", "sam", "Maya", "Jo "]),
    st.booleans(),
    st.dates(TODAY - timedelta(days=200), TODAY),
)


@given(st.lists(moment, max_size=30), st.integers(1, 120))
def test_every_moment_in_the_window_is_counted_once(moments: list[Moment], days: int) -> None:
    found = counts(moments, TODAY, days)
    inside = [m for m in moments if m.day > TODAY - timedelta(days=days)]
    assert sum(c.kept for c in found) == sum(m.kept for m in inside)
    assert sum(c.missed for c in found) == sum(not m.kept for m in inside)
    assert all(c.kept + c.missed > 0 for c in found)


@pytest.mark.parametrize(
    ("text", "expected"), [("", TODAY), (" 2026-11-23 ", date(2026, 11, 23)), ("2026-12-01", TODAY)]
)
def test_a_day_typed_or_left_empty(text: str, expected: date) -> None:
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-12-02", "hasn't come yet"),
        ("23/11/2026", "year-month-day"),
        ("1899-12-31", "from 1900"),
        ("2026-02-30", "year-month-day"),
    ],
)
def test_a_day_that_cannot_be_used_says_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_day(text, TODAY)
