"""Thought record rules: stage order, what each stage needs, resuming, ratings, before → after."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.features.thought_record import rules
from anchored.features.thought_record.rules import Progress

NOTHING = Progress()
THROUGH_EMOTIONS = Progress(has_situation=True, has_thought=True, emotion_count=2)
COMPLETE = Progress(
    has_situation=True, has_thought=True, emotion_count=2, has_balanced=True, all_rerated=True
)


@dataclass(frozen=True)
class Row:
    emotion: str
    before: int
    after: int | None


# -- order ------------------------------------------------------------------------------------


def test_the_seven_stages_in_order() -> None:
    assert rules.STAGES == (
        "situation",
        "thought",
        "emotions",
        "traps",
        "evidence",
        "balanced",
        "rerate",
    )
    assert set(rules.STAGE_TITLES) == set(rules.STAGES)
    assert [rules.stage_number(s) for s in rules.STAGES] == [1, 2, 3, 4, 5, 6, 7]


def test_next_and_back() -> None:
    assert rules.next_stage("situation") == "thought"
    assert rules.next_stage("traps") == "evidence"
    assert rules.next_stage("rerate") is None
    assert rules.previous_stage("situation") is None
    assert rules.previous_stage("evidence") == "traps"


@given(st.sampled_from(rules.STAGES))
def test_back_undoes_next(stage: rules.Stage) -> None:
    following = rules.next_stage(stage)
    if following is not None:
        assert rules.previous_stage(following) == stage


@pytest.mark.parametrize("text", ["traps", "rerate"])
def test_known_stage_names_from_an_address(text: str) -> None:
    assert rules.as_stage(text) == text


@pytest.mark.parametrize("text", ["", "Traps", "finished", "delete", "../traps"])
def test_other_names_are_not_stages(text: str) -> None:
    assert rules.as_stage(text) is None


# -- what each stage needs --------------------------------------------------------------------


def test_later_stages_wait_for_the_automatic_thought() -> None:
    only_situation = Progress(has_situation=True)
    assert rules.missing_before("thought", only_situation) is None
    for stage in ("emotions", "traps", "evidence", "balanced", "rerate"):
        assert rules.missing_before(stage, only_situation) == "thought"


def test_nothing_comes_before_the_situation() -> None:
    assert rules.missing_before("situation", NOTHING) is None
    assert rules.missing_before("thought", NOTHING) == "situation"


def test_traps_and_evidence_may_stay_empty() -> None:
    assert rules.missing_before("balanced", THROUGH_EMOTIONS) is None
    assert rules.missing_before("rerate", THROUGH_EMOTIONS) == "balanced"


def test_at_least_one_emotion_before_traps() -> None:
    no_emotions = Progress(has_situation=True, has_thought=True)
    assert rules.missing_before("traps", no_emotions) == "emotions"


def test_complete_needs_every_emotion_re_rated() -> None:
    assert rules.is_complete(COMPLETE)
    assert not rules.is_complete(
        Progress(has_situation=True, has_thought=True, emotion_count=2, has_balanced=True)
    )
    assert not rules.is_complete(NOTHING)


# -- where a draft resumes ---------------------------------------------------------------------


def test_the_furthest_stage_is_remembered() -> None:
    assert rules.furthest("situation", "situation") == "thought"
    assert rules.furthest("thought", "thought") == "emotions"
    # Going back and saving an earlier stage does not forget how far the record got.
    assert rules.furthest("balanced", "situation") == "balanced"
    assert rules.furthest("rerate", "rerate") == "rerate"
    assert rules.furthest(rules.FINISHED, "traps") == rules.FINISHED


def test_resume_where_stopped_unless_something_earlier_is_missing() -> None:
    assert rules.resume_stage("evidence", THROUGH_EMOTIONS) == "evidence"
    assert rules.resume_stage("evidence", Progress(has_situation=True)) == "thought"
    assert rules.resume_stage("unknown", COMPLETE) == "rerate"


# -- intensities ------------------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=10))
def test_every_whole_number_from_0_to_10_is_accepted(value: int) -> None:
    assert rules.check_intensity(value) == value
    assert rules.check_intensity(f" {value} ") == value


@pytest.mark.parametrize(
    "value", [11, -1, "11", "-1", "7.5", "seven", "1e1", "\uff10", True, "100"]
)
def test_anything_else_is_refused_with_the_range_named(value: int | str) -> None:
    with pytest.raises(ValueError, match=r"^Abandoned needs a whole number from 0 to 10\.$"):
        rules.check_intensity(value, "Abandoned")


def test_an_empty_intensity_asks_for_a_number() -> None:
    with pytest.raises(ValueError, match=r"^Calm needs a number from 0 to 10\.$"):
        rules.check_intensity("  ", "Calm")


def test_over_long_text_is_named_with_the_limit_but_not_quoted() -> None:
    assert rules.text_too_long("x" * 5_000) is None
    message = rules.text_too_long("secret " * 800)
    assert message == "This box can be up to 5,000 characters; this one has 5,600."
    assert "secret" not in message


# -- before → after ---------------------------------------------------------------------------


def test_changes_in_the_order_picked_with_names() -> None:
    rows = [Row("abandoned", 8, 4), Row("calm", 2, 6), Row("anxious", 5, 5)]
    changes = rules.emotion_changes(rows, {"abandoned": "Abandoned", "calm": "Calm"})
    assert [c.short for c in changes] == ["Abandoned 8 → 4", "Calm 2 → 6", "anxious 5 → 5"]
    assert [c.difference for c in changes] == [-4, 4, 0]
    assert changes[0].spoken == "Abandoned: 8 out of 10 before, 4 after (4 lower)"
    assert changes[1].spoken == "Calm: 2 out of 10 before, 6 after (4 higher)"
    assert changes[2].spoken == "anxious: 5 out of 10 before, 5 after (the same)"


def test_a_change_not_re_rated_yet_says_so() -> None:
    [change] = rules.emotion_changes([Row("lonely", 7, None)], {"lonely": "Lonely"})
    assert change.short == "Lonely 7 → ?"
    assert change.difference is None
    assert change.spoken == "Lonely: 7 out of 10 before, not re-rated yet"


@given(st.integers(0, 10), st.integers(0, 10))
def test_the_spoken_change_never_judges(before: int, after: int) -> None:
    [change] = rules.emotion_changes([Row("sad", before, after)], {"sad": "Sad"})
    for word in ("better", "worse", "good", "bad", "improv"):
        assert word not in change.spoken.lower()
    assert change.difference == after - before
