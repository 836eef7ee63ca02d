"""The signs ratings' pure rules: what a rating accepts, how the chart and changes are read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.features.progress import rules
from anchored.features.progress.signs import load_signs

SLUGS = load_signs().slugs
DAY = datetime(2026, 11, 2, 20, 0, tzinfo=UTC)


def test_the_six_signs_of_progress_are_offered() -> None:
    assert len(SLUGS) == 6
    assert "not a test" in load_signs().intro


@pytest.mark.parametrize(("text", "value"), [("", None), (" 0 ", 0), ("10", 10), (7, 7)])
def test_a_score_is_0_to_10_or_left_out(text: str | int, value: int | None) -> None:
    assert rules.parse_score(text) == value


@pytest.mark.parametrize("text", ["11", "-1", "5.5", "five", "٣", "100"])
def test_anything_else_is_refused_in_plain_words(text: str) -> None:
    with pytest.raises(ValueError, match="0 to 10"):
        rules.parse_score(text)


def test_check_scores_keeps_the_given_ones_and_names_each_problem() -> None:
    scores, errors = rules.check_scores({"calmer": "4", "openness": "", "inner-worth": "x"}, SLUGS)
    assert scores == {"calmer": 4}
    assert set(errors) == {"inner-worth"}
    _scores, errors = rules.check_scores({"made-up": "3"}, SLUGS)
    assert "signs" in errors


def rated(days: int, **scores: int) -> rules.Rated:
    return rules.Rated(days, DAY + timedelta(days=days), scores)


def test_each_sign_is_a_line_with_a_gap_where_it_was_not_rated() -> None:
    points = rules.sign_points([rated(7, calmer=6), rated(0, calmer=3, openness=5)], SLUGS, UTC)
    assert points["calmer"] == [("2 Nov 2026", 3.0), ("9 Nov 2026", 6.0)]
    assert points["openness"] == [("2 Nov 2026", 5.0), ("9 Nov 2026", None)]


def test_two_ratings_on_one_day_get_their_own_labels() -> None:
    labels = rules.dated_labels([rated(0), rated(0)], UTC)
    assert labels == ["2 Nov 2026", "2 Nov 2026 (2)"]


def test_a_change_is_noted_once_ratings_are_weeks_apart_and_rises_come_first() -> None:
    ratings = [rated(0, calmer=3, openness=7), rated(35, calmer=6, openness=4)]
    changes = rules.notable_changes(ratings, SLUGS)
    assert [(c.slug, c.rose) for c in changes] == [("calmer", True), ("openness", False)]
    assert rules.notable_changes([rated(0, calmer=3), rated(7, calmer=9)], SLUGS) == []
    dip = rules.change_sentence(changes[1], "Openness", "2 Nov 2026")
    assert "Healing is not linear" in dip


@given(st.lists(st.tuples(st.integers(0, 400), st.integers(0, 10)), max_size=12))
def test_a_noted_change_is_always_at_least_two_points(entries: list[tuple[int, int]]) -> None:
    ratings = [rated(days, calmer=value) for days, value in entries]
    for change in rules.notable_changes(ratings, SLUGS):
        assert abs(change.latest - change.first) >= rules.NOTABLE_CHANGE
