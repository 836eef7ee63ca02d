"""The therapy-format decision aid: points add up, ties prefer the simpler start, safety wins."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.features.therapy.decision_aid import load_decision_aid
from anchored.features.therapy.rules import FORMATS, UNSAFE_ANSWERS, suggest

AID = load_decision_aid()
POINTS = {(q.slug, o.slug): dict(o.points) for q in AID.questions for o in q.options}
UNSAFE = sorted(o for q, o in UNSAFE_ANSWERS if q == "feel-safe")

# The answers that lean hardest towards couples work, one per question.
MOST_COUPLES = {
    q.slug: max(q.options, key=lambda o: o.points["couples"] - o.points["individual"]).slug
    for q in AID.questions
}


def _sum(answers: dict[str, str]) -> dict[str, int]:
    return {f: sum(POINTS[(q, o)][f] for q, o in answers.items()) for f in FORMATS}


def test_the_real_questions_include_the_safety_question() -> None:
    assert UNSAFE == ["not-always", "not-safe"]
    options = {o.slug for q in AID.questions if q.slug == "feel-safe" for o in q.options}
    assert set(UNSAFE) <= options


def test_totals_add_up() -> None:
    answers = {q.slug: q.options[0].slug for q in AID.questions}
    result = suggest(answers, POINTS)
    assert result.totals == _sum(answers)
    assert set(result.totals) == set(FORMATS)


def test_no_answers_gives_zero_totals_and_individual() -> None:
    result = suggest({}, POINTS)
    assert result.totals == dict.fromkeys(FORMATS, 0)
    assert result.format == "individual"
    assert not result.safety_first


def test_unknown_answers_add_nothing() -> None:
    result = suggest({"no-such-question": "whatever", "feel-safe": "nope"}, POINTS)
    assert result.totals == dict.fromkeys(FORMATS, 0)


def test_highest_total_wins() -> None:
    points = {("q", "a"): {"individual": 0, "couples": 3, "both": 1}}
    result = suggest({"q": "a"}, points)
    assert result.format == "couples"
    assert result.totals == {"individual": 0, "couples": 3, "both": 1}


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ({"individual": 2, "couples": 2, "both": 2}, "individual"),
        ({"individual": 2, "couples": 2, "both": 0}, "individual"),
        ({"individual": 2, "couples": 0, "both": 2}, "individual"),
        ({"individual": 0, "couples": 2, "both": 2}, "both"),
    ],
)
def test_ties_prefer_individual_then_both(points: dict[str, int], expected: str) -> None:
    assert suggest({"q": "a"}, {("q", "a"): points}).format == expected


def test_couples_leaning_answers_suggest_couples_when_safe() -> None:
    answers = {**MOST_COUPLES, "feel-safe": "safe"}
    result = suggest(answers, POINTS)
    assert result.totals["couples"] > result.totals["individual"]
    assert result.format in {"couples", "both"}
    assert not result.safety_first


@pytest.mark.parametrize("unsafe", UNSAFE)
def test_feeling_unsafe_puts_individual_first_whatever_else(unsafe: str) -> None:
    answers = {**MOST_COUPLES, "feel-safe": unsafe}
    result = suggest(answers, POINTS)
    assert result.format == "individual"
    assert result.safety_first
    assert result.totals == _sum(answers)


@pytest.mark.parametrize("unsafe", UNSAFE)
def test_feeling_unsafe_overrides_even_overwhelming_points(unsafe: str) -> None:
    points = {**POINTS, ("q", "a"): {"individual": 0, "couples": 100, "both": 100}}
    result = suggest({"q": "a", "feel-safe": unsafe}, points)
    assert (result.format, result.safety_first) == ("individual", True)


def _answers(require_unsafe: bool) -> st.SearchStrategy[dict[str, str]]:
    """Any combination from the real questions: each answered or skipped."""
    parts = {
        q.slug: st.sampled_from(UNSAFE)
        if require_unsafe and q.slug == "feel-safe"
        else st.none() | st.sampled_from([o.slug for o in q.options])
        for q in AID.questions
    }
    return st.fixed_dictionaries(parts).map(lambda d: {k: v for k, v in d.items() if v})


@given(_answers(require_unsafe=True))
def test_unsafe_answer_never_suggests_couples_or_both(answers: dict[str, str]) -> None:
    result = suggest(answers, POINTS)
    assert result.format not in {"couples", "both"}
    assert result.format == "individual"
    assert result.safety_first


@given(_answers(require_unsafe=False))
def test_any_answers_give_a_known_format_and_matching_totals(answers: dict[str, str]) -> None:
    result = suggest(answers, POINTS)
    assert result.format in FORMATS
    assert result.totals == _sum(answers)
    assert result.safety_first == (answers.get("feel-safe") in UNSAFE)
    if not result.safety_first:
        assert result.totals[result.format] == max(result.totals.values())
