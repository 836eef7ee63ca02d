"""Self-compassion rules: the 0-10 rating, the screens in order, moving a phrase."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.features.self_compassion import rules


def test_the_screens_lead_from_noticing_to_kindness() -> None:
    assert rules.next_screen("notice") == "together"
    assert rules.next_screen("together") == "kindness"
    assert rules.next_screen("kindness") is None
    assert rules.previous_screen("notice") is None
    assert rules.previous_screen("kindness") == "together"


@pytest.mark.parametrize(("value", "expected"), [("", None), (" 0 ", 0), ("10", 10), (7, 7)])
def test_a_rating_is_0_to_10_or_nothing(value: str | int, expected: int | None) -> None:
    assert rules.parse_feeling(value) == expected


@pytest.mark.parametrize("value", ["11", "-1", "seven", "3.5"])
def test_anything_else_is_explained(value: str) -> None:
    with pytest.raises(ValueError, match="from 0"):
        rules.parse_feeling(value)


def test_moving_up_and_down_stops_at_the_ends() -> None:
    assert rules.moved([1, 2, 3], 2, "up") == [2, 1, 3]
    assert rules.moved([1, 2, 3], 2, "down") == [1, 3, 2]
    assert rules.moved([1, 2, 3], 1, "up") == [1, 2, 3]
    assert rules.moved([1, 2, 3], 3, "down") == [1, 2, 3]
    assert rules.moved([1, 2, 3], 9, "up") == [1, 2, 3]


@given(
    st.lists(st.integers(), unique=True, min_size=1, max_size=20),
    st.data(),
    st.sampled_from(["up", "down"]),
)
def test_a_move_keeps_every_phrase_and_shifts_one_by_one_place(
    items: list[int], data: st.DataObject, direction: rules.Direction
) -> None:
    item = data.draw(st.sampled_from(items))
    after = rules.moved(items, item, direction)
    assert sorted(after) == sorted(items)
    shift = after.index(item) - items.index(item)
    assert shift in ({0, -1} if direction == "up" else {0, 1})
    assert rules.moved(after, item, "down" if direction == "up" else "up") == items or shift == 0


def test_the_change_is_said_without_judging() -> None:
    assert rules.change_text(7, 4).startswith("A little lighter")
    assert "still counts" in rules.change_text(4, 7)
    assert "still counts" in rules.change_text(5, 5)
    assert rules.change_text(None, 3) == ""


def test_direction_is_up_or_down() -> None:
    with pytest.raises(ValueError, match="up or down"):
        rules.check_direction("sideways")
