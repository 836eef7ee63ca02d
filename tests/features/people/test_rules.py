"""Pure rules of support people: phone and email checks, links, order, message, the CLI card."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.core.errors import InvalidInput
from anchored.features.people import rules


@pytest.mark.parametrize(
    "phone", ["07700 900123", "+44 7700 900123", "(020) 7946-0958", "112", "555.123.4567"]
)
def test_ordinary_phone_numbers_are_accepted(phone: str) -> None:
    assert rules.phone_problem(phone) is None


@pytest.mark.parametrize(
    ("phone", "says"),
    [
        ("call me maybe", "digits, spaces and +"),
        ("0770O 900123", "digits, spaces and +"),  # a letter O
        ("12", "3 to 17 digits"),
        ("1" * 18, "3 to 17 digits"),
        ("+44 7700 900123 ext", "digits, spaces and +"),
    ],
)
def test_wrong_phone_numbers_say_what_to_use_without_repeating_them(phone: str, says: str) -> None:
    problem = rules.phone_problem(phone)
    assert problem is not None
    assert says in problem
    assert phone not in problem


def test_the_dial_string_keeps_only_digits_and_a_leading_plus() -> None:
    assert rules.dial_string("+44 (0)7700 900-123") == "+4407700900123"
    assert rules.dial_string("07700 900123") == "07700900123"


@pytest.mark.parametrize("email", ["sam@example.com", "maya.k+anchored@mail.example.org"])
def test_ordinary_email_addresses_are_accepted(email: str) -> None:
    assert rules.email_problem(email) is None


@pytest.mark.parametrize(
    "email",
    ["sam", "sam@", "sam@example", "sam @example.com", "a@b.c?subject=x", "x@y.com,z@w.com"],
)
def test_wrong_email_addresses_are_refused_plainly(email: str) -> None:
    assert rules.email_problem(email) == rules.EMAIL_HELP


def test_links_call_text_and_email_with_the_number_in_the_label() -> None:
    assert rules.contact_links("07700 900123", "sam@example.com") == (
        ("Call 07700 900123", "tel:07700900123"),
        ("Text 07700 900123", "sms:07700900123"),
        ("Email sam@example.com", "mailto:sam@example.com"),
    )
    assert rules.contact_links("", "") == ()
    assert rules.contact_links("not a number", "") == ()


def test_good_for_keeps_the_content_order_and_notices_unknown_codes() -> None:
    known = ("listening", "distraction", "partner")
    chosen = rules.good_for_codes(["partner", "listening"], known)
    assert chosen == (("listening", "partner"), False)
    assert rules.good_for_codes(["listening", "hugs"], known) == (("listening",), True)


@given(st.lists(st.integers(1, 50), unique=True, min_size=1), st.data())
def test_moving_keeps_everyone_and_moves_one_place(order: list[int], data: st.DataObject) -> None:
    target = data.draw(st.sampled_from(order))
    direction = data.draw(st.sampled_from(["up", "down"]))
    result = rules.moved(order, target, direction)
    assert sorted(result) == sorted(order)
    before, after = order.index(target), result.index(target)
    step = -1 if direction == "up" else 1
    expected = before + step if 0 <= before + step < len(order) else before
    assert after == expected
    others = [i for i in result if i != target]
    assert others == [i for i in order if i != target]


def test_the_message_greets_shares_and_asks() -> None:
    text = rules.compose_message("Maya", "person", "  Rough day.  ", "Call later?")
    assert text == "Hi Maya,\n\nRough day.\n\nCall later?"
    assert rules.compose_message(None, "person", "Rough day.", "") == "Hi,\n\nRough day."
    group = rules.compose_message("Tuesday group", "group", "I'll come.", "")
    assert group.startswith("Hi everyone at Tuesday group,")


def test_the_card_reads_keys_in_any_case_and_a_bare_first_line_as_the_name() -> None:
    card = (
        "Maya\nphone: 07700 900123\nGOOD FOR: listening, partner\n# a comment\n"
        "Note: Text first\nworks nights"
    )
    assert rules.parse_card(card) == {
        "name": "Maya",
        "phone": "07700 900123",
        "good_for": "listening, partner",
        "note": "Text first\nworks nights",
    }
    assert rules.parse_card(rules.CARD_FORMAT)["name"] == "Sam"


def test_the_card_refuses_unknown_keys() -> None:
    with pytest.raises(InvalidInput) as caught:
        rules.parse_card("Name: Sam\nBirthday: May")
    assert "Name:" in caught.value.errors["card"]
    assert "May" not in caught.value.errors["card"]
