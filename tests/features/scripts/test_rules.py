"""Scripts' rules: the words put together from the answers, and the gentle checks on wording
nobody anticipated exactly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.features.scripts import rules
from anchored.features.scripts.rules import (
    asks,
    blames_always_never,
    compose,
    demands,
    gentle_checks,
    says_you_make_me,
)

# -- composing --------------------------------------------------------------------------------


def test_a_need_becomes_an_i_statement_with_a_request() -> None:
    words = compose(
        "need",
        {
            "situation": "You came home two hours later than you said.",
            "feeling": "Anxious",
            "need": "I need to know you're OK",
            "request": "Send a quick text if you'll be late",
        },
    )
    assert words == (
        "When you came home two hours later than you said, I feel anxious. "
        "I need to know you're OK. "
        "Would you be willing to send a quick text if you'll be late?"
    )


def test_a_request_already_asked_is_kept_as_asked() -> None:
    words = compose(
        "need", {"situation": "Sam didn't call", "feeling": "hurt", "request": "Could you call me"}
    )
    assert words == "When Sam didn't call, I feel hurt. Could you call me?"


def test_a_boundary_says_what_i_will_do() -> None:
    words = compose(
        "boundary",
        {
            "situation": "we talk about hard things late at night",
            "request": "I'll stop at ten and pick it up after breakfast",
        },
    )
    assert words == (
        "I want to talk about when we talk about hard things late at night. "
        "So I will stop at ten and pick it up after breakfast."
    )


def test_a_repair_owns_what_happened_and_asks_for_next_time() -> None:
    words = compose(
        "repair",
        {
            "situation": "Sent a lot of messages while you were out",
            "feeling": "scared you were pulling away",
            "request": "to take a pause and send one calm message",
        },
    )
    assert words == (
        "I'd like to talk about earlier. I sent a lot of messages while you were out. "
        "Underneath, I was feeling scared you were pulling away. "
        "Next time, I'd like to take a pause and send one calm message."
    )


answer = st.text(
    alphabet=st.characters(categories=["L", "N", "P", "Zs"]), min_size=1, max_size=60
).filter(lambda s: any(c.isalnum() for c in s))


@given(st.sampled_from(rules.KINDS), answer, answer, answer, answer)
def test_composed_words_keep_every_answer_and_read_as_sentences(
    kind: rules.Kind, situation: str, feeling: str, need: str, request: str
) -> None:
    answers = {"situation": situation, "feeling": feeling, "need": need, "request": request}
    words = compose(kind, answers)
    assert words == words.strip()
    assert "  " not in words
    assert words[-1] in ".?!…"
    asked = {q.field for q in rules.KIND_INFO[kind].questions}
    flat = words.casefold()
    for field in asked:
        # Each answer's own words are there (the first letter may be lowered).
        core = " ".join(answers[field].split()).strip(".!?…,;: ").casefold()
        last_word = core.split()[-1] if core.split() else ""
        assert last_word.strip(".!?…,;: ") in flat


# -- gentle checks ----------------------------------------------------------------------------

ALWAYS_NEVER = [
    "You always do this",
    "u never text back",
    "You ALWAYS",
    "you constantly ignore me",
    "you're always late",
    "You\u2019re never home",
    "you don't ever ask",
    "ur always on your phone",
    "Ya never listen",
    "you literally never call",
    "you ignore me all the time",
    "you keep cancelling",
]
MAKES_ME = [
    "you make me so anxious",
    "you're making me crazy",
    "u made me cry",
    "You MAKE me feel small",
    "it's your fault I'm like this",
    "you are seriously making me angry",
]
DEMANDS = [
    "you need to text me",
    "You have to call me back",
    "you must answer",
    "Stop going out without me",
    "you'd better be home by six",
    "you should tell me where you are",
]
CALM = [
    "When you came home late, I felt worried.",
    "I feel anxious when plans change.",
    "Thank you, I always feel safe with you",
    "I never want to fight.",
    "I'd like a text when you land.",
    "Your never-ending patience helps.",
    "I noticed I felt scared.",
]


@pytest.mark.parametrize("text", ALWAYS_NEVER)
def test_always_and_never_in_any_spelling_are_noticed(text: str) -> None:
    assert blames_always_never(text)


@pytest.mark.parametrize("text", MAKES_ME)
def test_you_make_me_is_noticed(text: str) -> None:
    assert says_you_make_me(text)


@pytest.mark.parametrize("text", DEMANDS)
def test_demands_are_noticed(text: str) -> None:
    assert demands(text)


@pytest.mark.parametrize("text", CALM)
def test_calm_i_statements_are_left_alone(text: str) -> None:
    assert not blames_always_never(text)
    assert not says_you_make_me(text)
    assert not demands(text)


def _mixed_case(draw: st.DrawFn, text: str) -> str:
    flags = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(c.upper() if up else c.lower() for c, up in zip(text, flags, strict=True))


calm_words = st.lists(
    st.sampled_from(["I", "feel", "worried", "when", "the", "plans", "change", "today", "and"]),
    max_size=6,
).map(" ".join)


@st.composite
def in_a_sentence(draw: st.DrawFn, phrases: list[str]) -> str:
    phrase = _mixed_case(draw, draw(st.sampled_from(phrases)))
    before, after = draw(calm_words), draw(calm_words)
    return f"{before}. {phrase} {after}".strip()


@given(in_a_sentence(ALWAYS_NEVER))
def test_always_never_is_noticed_in_any_case_and_any_company(text: str) -> None:
    assert blames_always_never(text)


@given(in_a_sentence(MAKES_ME))
def test_you_make_me_is_noticed_in_any_case_and_any_company(text: str) -> None:
    assert says_you_make_me(text)


@given(st.lists(st.sampled_from(CALM), min_size=1, max_size=4).map(" ".join))
def test_calm_sentences_together_raise_nothing(text: str) -> None:
    assert gentle_checks("need", {"situation": text, "feeling": "calm", "request": ""}) == ()


def test_a_demand_without_a_request_suggests_one() -> None:
    found = gentle_checks("boundary", {"situation": "You need to stop texting her"})
    assert [s.code for s in found] == ["demand"]
    assert "Would you" in found[0].instead


def test_a_demand_with_a_request_beside_it_is_fine() -> None:
    answers = {"situation": "you need to call", "request": "Could you call when you land?"}
    assert gentle_checks("boundary", answers) == ()
    need = {"situation": "Stop leaving without a word", "feeling": "hurt", "request": "say bye"}
    assert gentle_checks("need", need) == ()


def test_a_request_that_is_itself_a_demand_is_noticed() -> None:
    found = gentle_checks("need", {"situation": "late", "request": "you have to text me"})
    assert [s.code for s in found] == ["demand"]


def test_every_check_at_once_comes_in_a_fixed_order() -> None:
    answers = {"situation": "You always go quiet and you make me panic. You need to answer."}
    assert [s.code for s in gentle_checks("boundary", answers)] == [
        "always_never",
        "makes_me",
        "demand",
    ]


def test_asking_words_count_as_a_request() -> None:
    assert asks("Could we talk tonight?")
    assert asks("PLEASE tell me")
    assert not asks("Tell me now")
