"""The life-story timeline's rules: reading an age or a year, the order, the pacing."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.features.life_story.rules import (
    When,
    birth_year,
    enough_for_today,
    parse_when,
    timeline,
    when_label,
)


@dataclass(frozen=True)
class Event:
    id: int
    age: int | None
    year: int | None


def test_ages_and_years_share_one_line_once_an_event_has_both() -> None:
    events = [Event(1, None, 2001), Event(2, 7, None), Event(3, 10, 1994), Event(4, 30, None)]
    assert birth_year(events) == 1984
    assert [e.id for e in timeline(events)] == [2, 3, 1, 4]  # 7, 10, 17, 30


def test_without_a_birth_year_ages_come_before_years() -> None:
    events = [Event(1, None, 1990), Event(2, 12, None), Event(3, None, 1985), Event(4, 3, None)]
    assert birth_year(events) is None
    assert [e.id for e in timeline(events)] == [4, 2, 3, 1]


placed = st.builds(
    Event,
    st.integers(1, 10_000),
    st.one_of(st.none(), st.integers(0, 120)),
    st.one_of(st.none(), st.integers(1900, 2026)),
).filter(lambda e: e.age is not None or e.year is not None)


@given(st.lists(placed, max_size=20, unique_by=lambda e: e.id))
def test_the_timeline_keeps_every_event_and_the_order_of_ages_and_of_years(
    events: list[Event],
) -> None:
    ordered = timeline(events)
    assert sorted(e.id for e in ordered) == sorted(e.id for e in events)
    ages = [e.age for e in ordered if e.age is not None and e.year is None]
    years = [e.year for e in ordered if e.year is not None and e.age is None]
    assert ages == sorted(ages)
    assert years == sorted(years)


@pytest.mark.parametrize(
    ("age", "year", "expected"),
    [("7", "", When(7, None)), ("", " 1994 ", When(None, 1994)), ("0", "2026", When(0, 2026))],
)
def test_an_age_or_a_year_or_both(age: str, year: str, expected: When) -> None:
    assert parse_when(age, year, 2026) == expected


@pytest.mark.parametrize(
    ("age", "year", "field"),
    [
        ("", "", "age"),
        ("121", "", "age"),
        ("seven", "", "age"),
        ("", "2027", "year"),
        ("", "1899", "year"),
        ("-1", "", "age"),
        ("", "٢٠٠٠", "year"),
    ],
)
def test_what_cannot_be_placed_says_where(age: str, year: str, field: str) -> None:
    with pytest.raises(ValueError, match=field) as caught:
        parse_when(age, year, 2026)
    assert list(caught.value.args[0]) == [field]


def test_labels() -> None:
    assert when_label(7, None) == "Age 7"
    assert when_label(None, 1994) == "1994"
    assert when_label(10, 1994) == "1994, age 10"


def test_enough_for_today_after_three_unless_set_aside() -> None:
    assert [enough_for_today(n, False) for n in range(5)] == [False, False, False, True, True]
    assert not enough_for_today(7, True)
