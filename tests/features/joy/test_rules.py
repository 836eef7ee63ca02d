"""Joy list rules: picking one not done lately, moving one up or down, how a day reads."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.features.joy.rules import (
    LATELY_DAYS,
    Candidate,
    check_day,
    done_lately,
    last_done_text,
    move,
    pick,
    staler_half,
)

TODAY = date(2026, 12, 1)
DAYS = st.one_of(st.none(), st.integers(-2, 60).map(lambda ago: TODAY - timedelta(days=ago)))
CANDIDATES = st.lists(
    st.tuples(st.integers(1, 10_000), DAYS), max_size=12, unique_by=lambda c: c[0]
)
SEEDS = st.integers(0, 2**32)


def seeded(seed: int) -> random.Random:
    """A repeatable generator: the tests choose the seed."""
    return random.Random(seed)  # noqa: S311 (picks a suggestion, not a secret)


@given(CANDIDATES, SEEDS, st.one_of(st.none(), st.integers(1, 10_000)))
def test_a_pick_is_on_the_list_and_prefers_one_not_done_lately(
    candidates: list[Candidate], seed: int, avoid: int | None
) -> None:
    chosen = pick(candidates, TODAY, seeded(seed), avoid)
    if not candidates:
        assert chosen is None
        return
    by_id = dict(candidates)
    assert chosen in by_id
    others = [c for c in candidates if c[0] != avoid]
    if len(others) >= 1:
        assert chosen != avoid, "asking for another never gives the same one while there is one"
    pool = others or candidates  # the one picked before only when it is the only one
    if any(not done_lately(day, TODAY) for _id, day in pool):
        assert not done_lately(by_id[chosen], TODAY)
    else:
        oldest = min(day for _id, day in pool if day is not None)
        assert by_id[chosen] == oldest


@given(CANDIDATES, SEEDS)
def test_the_same_seed_picks_the_same_one(candidates: list[Candidate], seed: int) -> None:
    shuffled = seeded(seed).sample(candidates, len(candidates))
    one = pick(candidates, TODAY, seeded(seed))
    assert pick(shuffled, TODAY, seeded(seed)) == one


def test_done_within_the_last_week_counts_as_lately() -> None:
    assert done_lately(TODAY, TODAY)
    assert done_lately(TODAY - timedelta(days=LATELY_DAYS - 1), TODAY)
    assert not done_lately(TODAY - timedelta(days=LATELY_DAYS), TODAY)
    assert not done_lately(None, TODAY)
    assert done_lately(TODAY + timedelta(days=1), TODAY)  # a clock a little ahead


def test_every_pick_of_many_is_one_not_done_lately() -> None:
    candidates = [(1, TODAY), (2, None), (3, TODAY - timedelta(days=30)), (4, TODAY)]
    picks = {pick(candidates, TODAY, seeded(seed)) for seed in range(50)}
    assert picks == {2, 3}


@given(CANDIDATES, SEEDS)
def test_the_kit_takes_one_from_the_staler_half(candidates: list[Candidate], seed: int) -> None:
    chosen = staler_half(candidates, seeded(seed))
    if not candidates:
        assert chosen is None
        return
    by_id = dict(candidates)

    def staleness(day: date | None) -> tuple[bool, date]:
        return (day is not None, day or date.min)

    staler = [c for c in candidates if staleness(c[1]) < staleness(by_id[chosen])]
    assert len(staler) < (len(candidates) + 1) // 2


@given(
    st.lists(st.integers(1, 1000), unique=True, max_size=10),
    st.integers(1, 1000),
    st.sampled_from(["up", "down"]),
)
def test_moving_keeps_every_item_and_shifts_one_place(
    order: list[int], item: int, direction: str
) -> None:
    moved = move(order, item, direction)  # type: ignore[arg-type]
    assert sorted(moved) == sorted(order)
    if item not in order:
        assert moved == order
        return
    before, after = order.index(item), moved.index(item)
    step = -1 if direction == "up" else 1
    at_edge = not 0 <= before + step < len(order)
    assert after == (before if at_edge else before + step)
    if not at_edge:
        back = move(moved, item, "down" if direction == "up" else "up")
        assert back == order


@pytest.mark.parametrize(
    ("ago", "text"),
    [
        (None, "Not noted yet"),
        (0, "Last done today"),
        (1, "Last done yesterday"),
        (5, "Last done 5 days ago"),
        (40, "Last done on 22 Oct 2026"),
    ],
)
def test_when_it_was_last_done_reads_as_words(ago: int | None, text: str) -> None:
    day = None if ago is None else TODAY - timedelta(days=ago)
    assert last_done_text(day, TODAY) == text


def test_a_day_still_to_come_is_refused() -> None:
    assert check_day(TODAY, TODAY) is None
    assert check_day(TODAY - timedelta(days=400), TODAY) is None
    assert "hasn't come yet" in (check_day(TODAY + timedelta(days=1), TODAY) or "")
