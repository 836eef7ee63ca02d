"""The kit's pure rules: a choice that stays the same all day, and the "another" turn."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from anchored.features.secure_base import rules

DAY = date(2026, 12, 1)


def test_the_same_day_owner_part_and_turn_choose_the_same() -> None:
    choices = list(range(100))
    first = rules.rng_for(DAY, 1, "people").choice(choices)
    assert all(rules.rng_for(DAY, 1, "people").choice(choices) == first for _ in range(5))


def test_another_day_owner_part_or_turn_can_choose_differently() -> None:
    def picks(**changed: object) -> list[int]:
        args: dict[str, object] = {"day": DAY, "owner_id": 1, "part": "people", "turn": 0}
        args.update(changed)
        rng = rules.rng_for(**args)  # type: ignore[arg-type]
        return [rng.randrange(1_000_000) for _ in range(3)]

    base = picks()
    assert picks(day=date(2026, 12, 2)) != base
    assert picks(owner_id=2) != base
    assert picks(part="joy") != base
    assert picks(turn=1) != base


@given(st.text(max_size=8))
def test_any_another_value_becomes_a_turn_in_range(text: str) -> None:
    assert rules.turn_from(text) in rules.TURNS


def test_ordinary_turns_are_read_and_junk_is_turn_zero() -> None:
    assert rules.turn_from("3") == 3
    assert [rules.turn_from(t) for t in ("", "-1", "abc", "99999", "٣", None)] == [0] * 6
