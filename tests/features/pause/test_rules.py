"""Pause rules: timer choices, time left, duration, urge ratings, decisions, thoughts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.features.pause import rules

START = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


# -- timer ------------------------------------------------------------------------------------


def test_default_and_choices() -> None:
    assert rules.DEFAULT_MINUTES == 20
    assert rules.MINUTE_CHOICES == (5, 10, 20, 30)
    assert rules.DEFAULT_MINUTES in rules.MINUTE_CHOICES


@pytest.mark.parametrize("minutes", [5, 10, 20, 30])
def test_allowed_minutes(minutes: int) -> None:
    assert rules.check_minutes(minutes) == minutes


@pytest.mark.parametrize("minutes", [0, 1, 15, 31, -5, 10_000])
def test_other_minutes_are_refused_with_the_choices_named(minutes: int) -> None:
    with pytest.raises(ValueError, match=r"Choose 5, 10, 20 or 30 minutes\."):
        rules.check_minutes(minutes)


def test_remaining_seconds_counts_down_and_stops_at_zero() -> None:
    ends = at(20)
    assert rules.remaining_seconds(ends, at(0)) == 20 * 60
    assert rules.remaining_seconds(ends, at(7)) == 13 * 60
    assert rules.remaining_seconds(ends, at(19.999)) == 1  # rounded up: not yet over
    assert rules.remaining_seconds(ends, at(20)) == 0
    assert rules.remaining_seconds(ends, at(300)) == 0
    assert not rules.is_time_up(ends, at(19.99))
    assert rules.is_time_up(ends, at(20))


@given(
    planned=st.sampled_from(rules.MINUTE_CHOICES),
    elapsed=st.floats(min_value=-10, max_value=10_000, allow_nan=False),
)
def test_remaining_is_never_negative_nor_more_than_planned(planned: int, elapsed: float) -> None:
    now = START + timedelta(seconds=max(elapsed, 0))
    left = rules.remaining_seconds(at(planned), now)
    assert 0 <= left <= planned * 60


def test_stale_only_long_after_the_end() -> None:
    ends = at(20)
    assert not rules.is_stale(ends, at(20))
    assert not rules.is_stale(ends, ends + rules.ABANDON_AFTER - timedelta(seconds=1))
    assert rules.is_stale(ends, ends + rules.ABANDON_AFTER)


def test_more_time_counts_from_the_end_or_from_now_if_it_passed() -> None:
    assert rules.extended_end(at(20), at(5), 5) == at(25)
    assert rules.extended_end(at(20), at(45), 10) == at(55)
    with pytest.raises(ValueError, match="5 or 10"):
        rules.extended_end(at(20), at(5), 20)


def test_planned_minutes_round_up() -> None:
    assert rules.planned_minutes(START, at(20)) == 20
    assert rules.planned_minutes(START, at(20.1)) == 21
    assert rules.planned_minutes(START, START) == 0


def test_duration_is_until_the_timer_stopped_or_the_person_did() -> None:
    # Ended early at 8 minutes (the timer's end moved), finished at 10.
    assert rules.duration_seconds(START, at(8), at(10)) == 8 * 60
    # Let the 20-minute timer run out, finished at 25.
    assert rules.duration_seconds(START, at(20), at(25)) == 20 * 60
    # Stopped without finishing at 5 minutes.
    assert rules.duration_seconds(START, at(20), at(5)) == 5 * 60
    # Never finished: counts the whole timer.
    assert rules.duration_seconds(START, at(20), None) == 20 * 60


@given(
    ends=st.integers(min_value=0, max_value=200 * 60),
    ended=st.integers(min_value=-60, max_value=500 * 60),
)
def test_duration_stays_within_the_timer(ends: int, ended: int) -> None:
    ends_at = START + timedelta(seconds=ends)
    seconds = rules.duration_seconds(START, ends_at, START + timedelta(seconds=ended))
    assert 0 <= seconds <= ends


@pytest.mark.parametrize(
    ("seconds", "clock", "words"),
    [
        (20 * 60, "20:00", "20 minutes left"),
        (13 * 60, "13:00", "13 minutes left"),
        (12 * 60 + 1, "12:01", "13 minutes left"),
        (61, "1:01", "2 minutes left"),
        (60, "1:00", "1 minute left"),
        (59, "0:59", "Less than a minute left"),
        (0, "0:00", "Time's up"),
    ],
)
def test_time_left_in_figures_and_words(seconds: int, clock: str, words: str) -> None:
    assert rules.clock_text(seconds) == clock
    assert rules.minutes_left_text(seconds) == words


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "less than a minute"),
        (59, "less than a minute"),
        (60, "1 minute"),
        (20 * 60 + 30, "20 minutes"),
        (60 * 60, "1 hour"),
        (65 * 60, "1 hour 5 minutes"),
        (125 * 60, "2 hours 5 minutes"),
    ],
)
def test_duration_text(seconds: int, text: str) -> None:
    assert rules.duration_text(seconds) == text


# -- urge ratings -----------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [("0", 0), (" 7 ", 7), ("10", 10), (3, 3)])
def test_urge_in_range(value: str | int, expected: int) -> None:
    assert rules.parse_urge(value) == expected


@pytest.mark.parametrize("value", [None, "", "   "])
def test_urge_left_empty_is_none(value: str | None) -> None:
    assert rules.parse_urge(value) is None


@pytest.mark.parametrize("value", ["11", "-1", "7.5", "seven", "٣", "1e1", "0010", 11, -1, True])
def test_urge_out_of_range_or_not_a_number_is_refused_plainly(value: str | int) -> None:
    with pytest.raises(ValueError, match=r"from 0 \(no urge at all\) to 10"):
        rules.parse_urge(value)


@given(st.integers())
def test_urge_accepts_exactly_zero_to_ten(value: int) -> None:
    if 0 <= value <= 10:
        assert rules.parse_urge(value) == value
        assert rules.parse_urge(str(value)) == value
    else:
        with pytest.raises(ValueError, match="from 0"):
            rules.parse_urge(value)


# -- decisions and thoughts -------------------------------------------------------------------


def test_decisions() -> None:
    assert set(rules.DECISIONS) == {"sent_as_is", "sent_changed", "not_sent", "something_else"}
    assert set(rules.DECISION_CHOICES) == set(rules.DECISIONS)
    assert rules.check_decision("not_sent") == "not_sent"
    assert rules.check_decision("") is None
    with pytest.raises(ValueError, match="Choose one of the options"):
        rules.check_decision("sent_twice")


def test_kinds() -> None:
    assert rules.check_kind("fact") == "fact"
    assert rules.check_kind("feeling") == "feeling"
    assert rules.check_kind("") == ""
    with pytest.raises(ValueError, match="for a fact"):
        rules.check_kind("opinion")


def test_statements_one_per_line() -> None:
    text = "  He hasn't replied since 9.\n\n\tHe's bored of me.  \r\n"
    assert rules.split_statements(text) == ["He hasn't replied since 9.", "He's bored of me."]
    assert rules.check_statements(["a"] * rules.STATEMENTS_MAX) is None
    assert "Up to 20" in (rules.check_statements(["a"] * 21) or "")
    too_long = rules.check_statements(["fine", "x" * (rules.STATEMENT_MAX + 1)])
    assert too_long is not None
    assert "Thought 2" in too_long
    assert "xxx" not in too_long


def test_sync_keeps_answers_for_unchanged_thoughts() -> None:
    existing = [(1, "No reply yet.", "fact"), (2, "She's leaving.", "feeling"), (3, "Gone", "")]
    kept = rules.sync_statements(
        existing, ["She's leaving.", "New thought", "No reply yet."], kinds={1: "feeling"}
    )
    assert kept == [
        rules.KeptStatement(2, "She's leaving.", "feeling"),
        rules.KeptStatement(None, "New thought", ""),
        rules.KeptStatement(1, "No reply yet.", "feeling"),  # the new answer wins
    ]


def test_sync_matches_repeated_lines_one_to_one() -> None:
    existing = [(1, "Same", "fact")]
    kept = rules.sync_statements(existing, ["Same", "Same"], kinds={})
    assert kept == [rules.KeptStatement(1, "Same", "fact"), rules.KeptStatement(None, "Same", "")]


# -- a pause that keeps nothing: its times travel in the page ---------------------------------


def epoch(when: datetime) -> str:
    return str(int(when.timestamp()))


def test_carried_times_are_read_back() -> None:
    started, ends = rules.carried_times(epoch(at(0)), epoch(at(10)), at(7))
    assert (started, ends) == (at(0), at(10))
    assert rules.carried_text(at(0)) == epoch(at(0))


@pytest.mark.parametrize("started", [None, "", "soon", "-5", "1" * 40, "12.5"])
def test_a_missing_or_unreadable_start_is_a_fresh_pause(started: str | None) -> None:
    assert rules.carried_times(started, epoch(at(3)), at(7)) == (at(7), at(27))


def test_a_start_in_the_future_or_long_ago_is_a_fresh_pause() -> None:
    assert rules.carried_times(epoch(at(60)), epoch(at(80)), at(7)) == (at(7), at(27))
    long_ago = at(7) - rules.CARRIED_MAX_AGE - timedelta(minutes=1)
    assert rules.carried_times(epoch(long_ago), None, at(7)) == (at(7), at(27))


def test_the_end_stays_between_the_start_and_the_longest_pause() -> None:
    assert rules.carried_times(epoch(at(0)), None, at(7)) == (at(0), at(20))
    assert rules.carried_times(epoch(at(0)), "nonsense", at(7)) == (at(0), at(20))
    assert rules.carried_times(epoch(at(0)), epoch(at(-5)), at(7)) == (at(0), at(0))
    longest = at(rules.MAX_MINUTES)
    assert rules.carried_times(epoch(at(0)), epoch(at(999)), at(7)) == (at(0), longest)


@given(st.text(max_size=30), st.text(max_size=30))
def test_carried_times_never_fail(started: str, ends: str) -> None:
    start, end = rules.carried_times(started, ends, at(0))
    assert start <= at(0)
    assert start <= end <= start + timedelta(minutes=rules.MAX_MINUTES)


def test_sorted_thoughts_follow_their_text() -> None:
    answers = rules.kinds_by_text([("He read it.", "fact"), ("He is done.", "feeling")])
    assert rules.sorted_lines(["He is done.", "New one", "He read it."], answers) == [
        ("He is done.", "feeling"),
        ("New one", ""),
        ("He read it.", "fact"),
    ]


def test_a_wrong_answer_for_a_thought_is_refused() -> None:
    with pytest.raises(ValueError, match="I know this for a fact"):
        rules.kinds_by_text([("He read it.", "certain")])


def test_only_waiting_or_not_sending_is_worded_as_a_win() -> None:
    assert rules.win_text("not_sent", "20 minutes") == (
        "I paused for 20 minutes and didn't send the message."
    )
    assert "did something else" in (rules.win_text("something_else", "5 minutes") or "")
    for decision in ("sent_as_is", "sent_changed", None, ""):
        assert rules.win_text(decision, "20 minutes") is None
