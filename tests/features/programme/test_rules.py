"""Which step to suggest today: the pinned one, else the first not marked 'feels solid'."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from anchored.features.programme.rules import STATUS_LABELS, STATUSES, suggest_step

STEPS = tuple(range(1, 14))


def test_statuses_are_the_persons_own_words_not_grades() -> None:
    assert STATUSES == ("not_started", "exploring", "practising", "solid")
    assert set(STATUS_LABELS) == set(STATUSES)
    assert STATUS_LABELS["solid"] == "Feels solid"


def test_nothing_touched_suggests_step_one() -> None:
    assert suggest_step(STEPS, {}, None) == 1


def test_first_step_not_solid_is_suggested() -> None:
    statuses = {1: "solid", 2: "solid", 3: "exploring", 4: "not_started"}
    assert suggest_step(STEPS, statuses, None) == 3


def test_a_gap_is_found_even_after_later_steps() -> None:
    statuses = dict.fromkeys(STEPS, "solid") | {7: "practising"}
    assert suggest_step(STEPS, statuses, None) == 7


def test_pinned_step_wins() -> None:
    assert suggest_step(STEPS, {1: "exploring"}, 5) == 5


def test_pinned_step_wins_even_when_solid() -> None:
    assert suggest_step(STEPS, dict.fromkeys(STEPS, "solid"), 9) == 9


def test_all_solid_suggests_nothing() -> None:
    assert suggest_step(STEPS, dict.fromkeys(STEPS, "solid"), None) is None


def test_pin_outside_the_steps_is_ignored() -> None:
    assert suggest_step(STEPS, {1: "solid"}, 99) == 2


@given(
    st.dictionaries(st.sampled_from(STEPS), st.sampled_from(STATUSES)),
    st.none() | st.integers(min_value=-2, max_value=16),
)
def test_never_a_solid_step_unless_pinned(statuses: dict[int, str], pinned: int | None) -> None:
    result = suggest_step(STEPS, statuses, pinned)
    if pinned in STEPS:
        assert result == pinned
        return
    if result is None:
        assert all(statuses.get(n) == "solid" for n in STEPS)
    else:
        assert result in STEPS
        assert statuses.get(result, "not_started") != "solid"
        assert all(statuses.get(n) == "solid" for n in STEPS if n < result)
