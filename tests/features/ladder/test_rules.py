"""Exposure ladder rules: the 0-100 scale, "getting easier", the next rung, and the chart's
geometry (all pure: no database, no clock)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.features.ladder.chart import predicted_vs_peak
from anchored.features.ladder.rules import (
    LOWER_SHARE,
    MIN_ATTEMPTS_TO_COMPARE,
    Rung,
    getting_easier,
    local_day,
    lower_than_predicted,
    next_rung,
    ordered,
    parse_day,
    parse_level,
)

LEVELS = st.integers(min_value=0, max_value=100)
PEAKS = st.lists(LEVELS, max_size=12)
RUNGS = st.lists(
    st.builds(Rung, id=st.integers(1, 10_000), rating=LEVELS, peaks=PEAKS.map(tuple)),
    max_size=10,
    unique_by=lambda rung: rung.id,
)


# -- the scale ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("given_", "expected"), [("0", 0), (" 100 ", 100), (42, 42), ("", None)])
def test_levels_from_0_to_100(given_: int | str, expected: int | None) -> None:
    assert parse_level(given_, "no") == expected


@pytest.mark.parametrize("bad", ["101", "-1", "4.5", "forty", "1e2", True, 1000])
def test_anything_else_is_refused_with_the_callers_words(bad: object) -> None:
    with pytest.raises(ValueError, match=r"^a number, please$"):
        parse_level(bad, "a number, please")  # type: ignore[arg-type]


def test_days_from_a_date_box() -> None:
    assert parse_day("2026-11-23", "no") == date(2026, 11, 23)
    assert parse_day("  ", "no") is None
    for bad in ("23/11/2026", "2026-02-30", "yesterday"):
        with pytest.raises(ValueError, match=r"^no$"):
            parse_day(bad, "no")


def test_the_day_is_the_persons_own() -> None:
    late_evening_in_auckland = datetime(2026, 12, 1, 11, 30, tzinfo=UTC)
    assert local_day(late_evening_in_auckland, ZoneInfo("Pacific/Auckland")) == date(2026, 12, 2)
    assert local_day(late_evening_in_auckland, ZoneInfo("Europe/London")) == date(2026, 12, 1)


# -- getting easier -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("peaks", "easier"),
    [
        ((), False),
        ((70,), False),
        ((70, 50), False),  # one fall is a start, not yet a pattern
        ((70, 50, 40), True),  # down twice in a row
        ((90, 70, 50, 40), True),
        ((70, 50, 50), False),  # the same peak is not lower
        ((70, 40, 60), False),  # a harder day
        ((70, 40, 60, 50, 30), True),  # and down twice again since
        ((40, 60, 50), False),
    ],
)
def test_a_rung_gets_easier_once_the_peak_falls_twice_in_a_row(
    peaks: tuple[int, ...], easier: bool
) -> None:
    assert getting_easier(peaks) is easier


@given(PEAKS, LEVELS)
def test_an_attempt_with_a_higher_peak_never_makes_a_rung_easier(
    peaks: list[int], peak: int
) -> None:
    if peaks and peak >= peaks[-1]:
        assert not getting_easier([*peaks, peak])


@given(PEAKS, st.lists(LEVELS, min_size=3, max_size=6))
def test_only_the_latest_attempts_count(earlier: list[int], latest: list[int]) -> None:
    """Whatever came before, the answer is the latest attempts' (a hard start is no burden,
    and a good start no promise)."""
    assert getting_easier([*earlier, *latest]) == getting_easier(latest)


# -- the next rung ------------------------------------------------------------------------------


def test_rungs_go_from_easiest_to_hardest_then_in_the_order_added() -> None:
    rungs = [Rung(3, 60), Rung(1, 20), Rung(2, 60), Rung(4, 5)]
    assert [r.id for r in ordered(rungs)] == [4, 1, 2, 3]


def test_the_next_rung_is_the_easiest_not_yet_getting_easier() -> None:
    done = (70, 50, 30)
    rungs = [Rung(1, 10, done), Rung(2, 30, (60,)), Rung(3, 50), Rung(4, 20, done)]
    found = next_rung(rungs)
    assert found is not None
    assert found.id == 2
    assert next_rung([Rung(1, 10, done)]) is None  # every rung is getting easier
    assert next_rung([]) is None


@given(RUNGS)
def test_the_next_rung_is_never_harder_than_the_persons_hardest(rungs: list[Rung]) -> None:
    found = next_rung(rungs)
    if found is None:
        assert all(rung.easier for rung in rungs)
        return
    assert found in rungs  # always one the person chose
    assert found.rating <= max(rung.rating for rung in rungs)
    assert not found.easier
    # never pushes past an easier rung that still needs practice
    assert all(rung.easier for rung in ordered(rungs)[: ordered(rungs).index(found)])


# -- the chart ----------------------------------------------------------------------------------


@given(st.lists(st.tuples(LEVELS, LEVELS), max_size=40))
def test_every_point_stays_inside_the_chart(attempts: list[tuple[int, int]]) -> None:
    chart = predicted_vs_peak(attempts)
    for series in chart.series:
        assert len(series.points) == len(attempts)
        for point in series.points:
            assert chart.left <= point.x <= chart.right
            assert 0 <= point.y <= chart.height
    assert len(chart.labels) <= 10


def test_higher_anxiety_is_drawn_higher_and_each_line_keeps_its_numbers() -> None:
    chart = predicted_vs_peak([(80, 60), (70, 30)])
    predicted, peak = chart.series
    assert (predicted.kind, peak.kind) == ("predicted", "peak")
    assert [p.value for p in predicted.points] == [80, 70]
    assert [p.value for p in peak.points] == [60, 30]
    assert peak.points[1].y > peak.points[0].y  # 30 sits lower on the page than 60
    assert predicted.points[0].x < predicted.points[1].x
    assert [g.value for g in chart.gridlines] == [0, 50, 100]
    assert predicted.polyline.count(",") == 2
    assert [label.text for label in chart.labels] == ["1", "2"]


# -- what the progress page may say about predictions ------------------------------------------


def test_lower_than_predicted_needs_five_attempts_and_a_clear_share() -> None:
    assert lower_than_predicted(4, 4) is None  # too few to say anything
    assert lower_than_predicted(2, 5) is None  # not often enough
    assert lower_than_predicted(3, 5) == (
        "In 3 of your 5 ladder attempts, the fear peaked lower than you predicted. "
        "Worth remembering the next time you predict."
    )


@given(st.integers(0, 200), st.integers(0, 200))
def test_lower_than_predicted_speaks_only_with_enough_and_most(lower: int, attempts: int) -> None:
    said = lower_than_predicted(lower, attempts)
    enough = attempts >= MIN_ATTEMPTS_TO_COMPARE and lower <= attempts
    assert (said is not None) == (enough and lower / attempts >= LOWER_SHARE)
    if said is not None:
        assert f"In {lower} of your {attempts} " in said
