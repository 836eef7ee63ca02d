"""The shared 0-10 rating parser behind feelings and urges."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.core.rating import parse_rating
from anchored.features.check_in import rules as checkin
from anchored.features.pause import rules as pause
from anchored.features.thought_record import rules as thought_record

MESSAGE = "Choose a whole number from 0 to 10."


@pytest.mark.parametrize(("typed", "value"), [("0", 0), (" 7 ", 7), ("10", 10), (4, 4)])
def test_whole_numbers_on_the_scale_are_kept(typed: str | int, value: int) -> None:
    assert parse_rating(typed, MESSAGE) == value


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_blank_is_none(typed: str | None) -> None:
    assert parse_rating(typed, MESSAGE) is None


@pytest.mark.parametrize(
    "typed", ["11", "-1", "--5", "5-", "7.5", "½", "٣", "0010", "seven", True, 11]
)
def test_anything_else_gets_the_callers_message(typed: str | int) -> None:
    with pytest.raises(ValueError, match=f"^{MESSAGE}$"):
        parse_rating(typed, MESSAGE)


@given(st.text(max_size=6))
def test_a_refusal_is_always_the_tools_own_wording(typed: str) -> None:
    """Never Python's "invalid literal for int()" text, which would repeat what was typed."""
    fixed = {
        checkin.INTENSITY_MESSAGE,
        pause.URGE_MESSAGE,
        "This emotion needs a whole number from 0 to 10.",
        "This emotion needs a number from 0 to 10.",
    }
    for parse in (checkin.parse_intensity, pause.parse_urge, thought_record.check_intensity):
        message = None
        try:
            parse(typed)
        except ValueError as exc:
            message = str(exc)
        assert message is None or message in fixed
