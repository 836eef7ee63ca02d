import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.core.passphrase import MIN_LENGTH, check_passphrase


def test_short_passphrase_is_refused_and_says_the_minimum() -> None:
    check = check_passphrase("abc123")
    assert not check.acceptable
    assert check.strength == "too short"
    assert str(MIN_LENGTH) in check.hint


@pytest.mark.parametrize("common", ["Passphrase", "PASSWORD!!", "qwertyuiop", "Abandonment"])
def test_common_choice_is_refused_even_when_long_enough(common: str) -> None:
    assert len(common) >= MIN_LENGTH  # so it is refused for being common, not for length
    check = check_passphrase(common)
    assert not check.acceptable
    assert check.strength == "weak"
    assert "first things someone would try" in check.hint
    check = check_passphrase("1234567890")
    assert not check.acceptable
    assert check.strength == "weak"


def test_repeated_character_is_refused() -> None:
    assert not check_passphrase("aaaaaaaaaaaaaaaa").acceptable


def test_several_ordinary_words_are_strong() -> None:
    check = check_passphrase("purple kettle sings at dawn")
    assert check.acceptable
    assert check.strength == "strong"


def test_longer_is_never_judged_weaker_than_its_prefix() -> None:
    order = ["too short", "weak", "fair", "strong"]
    base = "tulip ferry 19"
    longer = base + " lantern orchard"
    assert order.index(check_passphrase(longer).strength) >= order.index(
        check_passphrase(base).strength
    )


@given(st.text(max_size=2000))
def test_every_input_gets_a_plain_hint(text: str) -> None:
    check = check_passphrase(text)
    assert check.hint
    assert check.strength in {"too short", "weak", "fair", "strong"}
    if len(text) < MIN_LENGTH:
        assert not check.acceptable


def test_new_passphrase_pair_errors_name_the_field() -> None:
    from anchored.core.passphrase import new_passphrase_errors

    assert new_passphrase_errors("short", "short", "new") == {"new": check_passphrase("short").hint}
    mismatch = new_passphrase_errors("purple kettle sings", "purple kettle sang", "new")
    assert set(mismatch) == {"new_again"}
    assert new_passphrase_errors("purple kettle sings", "purple kettle sings", "new") == {}


def test_a_weak_but_long_enough_passphrase_is_asked_about_first() -> None:
    from anchored.core.passphrase import new_passphrase_errors

    check = check_passphrase("password123")
    assert check.acceptable
    assert check.strength == "weak"
    assert check.needs_confirming
    errors = new_passphrase_errors("password123", "password123", "new")
    assert set(errors) == {"new_weak"}
    assert "Use it anyway" in errors["new_weak"]
    assert "password123" not in errors["new_weak"]
    assert new_passphrase_errors("password123", "password123", "new", weak_ok=True) == {}
    # A mismatch is said first; a refused one is refused whatever the tick says.
    assert set(new_passphrase_errors("password123", "password124", "new")) == {"new_again"}
    assert set(new_passphrase_errors("password", "password", "new", weak_ok=True)) == {"new"}


def test_only_weak_passphrases_need_confirming() -> None:
    for text in ["purple kettle sings at dawn", "lanterns over the harbour", "tulip ferry 19"]:
        check = check_passphrase(text)
        assert check.strength in {"fair", "strong"}, text
        assert not check.needs_confirming, text
    assert not check_passphrase("short").needs_confirming
    assert not check_passphrase("1234567890").needs_confirming  # refused, not asked about
