from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from anchored.core.crisis import CATEGORIES, check, normalise

SUITE: dict[str, Any] = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "crisis_phrases.yaml").read_text(encoding="utf-8")
)
POSITIVES: list[dict[str, str]] = SUITE["positives"]
NEGATIVES: list[str] = SUITE["negatives"]
NEUTRAL: list[str] = SUITE["neutral"]
FORMS = {"direct", "indirect", "euphemistic", "misspelled", "past_tense", "third_person"}


def test_suite_is_large_enough_and_well_labelled() -> None:
    assert len(POSITIVES) >= 150
    assert len(NEGATIVES) >= 150
    assert {p["category"] for p in POSITIVES} == CATEGORIES
    assert {p["form"] for p in POSITIVES} == FORMS
    texts = [p["text"] for p in POSITIVES] + NEGATIVES
    assert len(texts) == len(set(texts)), "duplicate sentence in the suite"


@pytest.mark.parametrize("item", POSITIVES, ids=lambda item: item["text"][:60])
def test_positive_matches_its_category(item: dict[str, str]) -> None:
    assert item["category"] in check(item["text"])


def test_false_alarm_rate_on_hard_negatives(capsys: pytest.CaptureFixture[str]) -> None:
    alarms = [text for text in NEGATIVES if check(text)]
    rate = len(alarms) / len(NEGATIVES)
    with capsys.disabled():
        print(f"\ncrisis check: {len(alarms)}/{len(NEGATIVES)} hard negatives flagged ({rate:.1%})")
    assert rate < 0.10, alarms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I\u2019m NOT ok", "im not ok"),
        ("I dont want to", "i dont want to"),
        ("i cannot go on", "i cant go on"),
        ("i wanna dieeee", "i want to die"),
        ("killlll myselffff", "kill myself"),
        ("sooooo tired", "so tired"),
        ("kms", "kill myself"),
        ("ran 5 kms on the track", "ran 5 kms on the track"),
        ("sucide, sucidal", "suicide suicidal"),
        ("i want to kil my self", "i want to kill myself"),
        ("k1ll myself", "kill myself"),
        ("su*cide", "suicide"),
        ("un-alive", "unalive"),
        ("sewer slide", "suicide"),
        ("self-harm", "self harm"),
        ("Goodbye... everyone!! See you", "goodbye everyone . see you"),
        ("I want to dye my hair", "i want to dye my hair"),
        # typing slips in keywords: swapped, missing, added or wrong letters
        ("I would rahter be dead", "id rather be dead"),
        ("Detah seems like a way out", "death seems like a way out"),
        ("not making it past tonigt", "not making it past tonight"),
        ("he survivied an atempt", "he survived an attempt"),
        ("suicude", "suicide"),
        # ... but real words stay what they are
        (
            "my father was loving and he overdoes the salt",
            "my father was loving and he overdoes the salt",
        ),
        ("goodbyes at the funerals of my tablets", "goodbyes at the funerals of my tablets"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_negation_and_third_person_never_suppress() -> None:
    assert "ideation" in check("I'm not going to kill myself.")
    assert "wish_dead" in check("My friend wants to die.")


@given(st.text(max_size=400))
def test_any_text_gives_a_subset_of_the_categories(text: str) -> None:
    assert check(text) <= CATEGORIES


_WORDS = st.sampled_from([w for p in POSITIVES for w in p["text"].split()] + ["x", "-", "..."])


@given(st.lists(_WORDS, max_size=30).map(" ".join))
def test_case_does_not_matter(text: str) -> None:
    assert check(text.upper()) == check(text.lower()) == check(text.swapcase())


@given(
    st.sampled_from(POSITIVES),
    st.sampled_from(NEUTRAL),
    st.sampled_from([". ", "! ", "\n", "... "]),
    st.booleans(),
)
def test_a_neutral_sentence_before_or_after_keeps_a_positive_positive(
    item: dict[str, str], neutral: str, joiner: str, before: bool
) -> None:
    text = neutral + joiner + item["text"] if before else item["text"] + joiner + neutral
    assert item["category"] in check(text)


# Wordings written for this test (not in the suite): each rule family catches more than the one
# suite sentence it was first written for, and stays quiet on the everyday wording next to it.
FAMILY_POSITIVES = [
    ("goodbye", "I have been giving away all my things."),
    ("goodbye", "I gave my cat away to my sister."),
    ("goodbye", "I decided who gets my books when I am gone."),
    ("goodbye", "I won't need any of my stuff where I'm going."),
    ("goodbye", "I sorted my passwords so nobody has to deal with it."),
    ("goodbye", "Tell mum I loved her."),
    ("method_plan", "I tested whether the banister would hold my weight."),
    ("method_plan", "I tied the belt to the loft hatch."),
    ("method_plan", "I googled how many paracetamol would kill me."),
    ("method_plan", "been buying paracetamol from different shops"),
    ("method_plan", "I found the perfect place to die."),
    ("method_plan", "The water keeps calling me."),
    ("method_plan", "I want to wade out into the lake."),
    ("self_harm", "I pressed the lighter against my arm."),
    ("self_harm", "I wear long sleeves so nobody can see my arms."),
    ("wish_dead", "I hope I get hit by a bus."),
    ("wish_dead", "She hopes she gets cancer."),
    ("wish_dead", "I pray the tumour comes back."),
    ("wish_dead", "I just want to join my dad in heaven."),
]
FAMILY_NEGATIVES = [
    "I gave away my old clothes to charity.",
    "I hope I get a crash course in driving.",
    "Tell him I loved the gift.",
    "I hung my scarf on the hook.",
    "I have the urge to cut my hair short.",
    "I wish he could get his shot back on track.",
    "I hope this cold doesn't kill me.",
    "I'll sort my passwords before I go on holiday.",
    "The nurse put the needle into my arm.",
    "I wouldn't go back to him if you pointed a gun at my head.",
    "Not even with a gun to my head would I sing in public.",
]


@pytest.mark.parametrize(("category", "text"), FAMILY_POSITIVES, ids=lambda v: str(v)[:40])
def test_a_rule_family_catches_wordings_beyond_the_suite(category: str, text: str) -> None:
    assert category in check(text)


@pytest.mark.parametrize("text", FAMILY_NEGATIVES)
def test_everyday_wording_next_to_a_rule_family_stays_quiet(text: str) -> None:
    assert check(text) == frozenset()
