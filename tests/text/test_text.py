"""The public text API: crisis safety net, trap and emotion suggestions, quiet fallback."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from anchored import text
from anchored.core.crisis import check as rules
from anchored.text import cues, encoder, heads, sentences
from anchored.text.suggest import GOEMOTIONS_TO_APP

# Written fresh for this test (not exemplars, not the team suite): crisis wordings the rules
# alone do not catch.
RULES_MISS = [
    "I have been thinking it might be time for me to stop being around for good.",
    "I counted out every tablet in the bathroom cabinet tonight.",
    "My skin only calms down after I drag the razor across it.",
    "She texted me that she is ready to check out of this world.",
    "I want to go to sleep and not have a tomorrow.",
    "Tonight I will finally make everything go quiet for good.",
    "I walked to the top of the car park and looked over the edge for ages.",
    "honestly the idea of not waking up tomorrow feels like relief",
]
ORDINARY = [
    "He hasn't answered in three hours, he must be bored of me.",
    "We had pasta for dinner and watched a film.",
    "I'm dying to see her this weekend.",
    "This traffic is killing me.",
]


def test_the_rules_miss_these_sentences() -> None:
    assert not any(rules(sentence) for sentence in RULES_MISS)


@pytest.mark.usefixtures("model")
def test_the_semantic_layer_catches_paraphrases_the_rules_miss() -> None:
    caught = [s for s in RULES_MISS if text.check_crisis(s)]
    # Not all: the known misses (a method without intent words, a euphemism unlike any
    # exemplar) are listed in docs/model-card.md. Never tuned on these sentences.
    assert len(caught) >= 4, caught
    assert RULES_MISS[6] in caught  # looking over the edge of a car park


@pytest.mark.usefixtures("model")
def test_ordinary_sentences_and_figures_of_speech_open_no_card() -> None:
    assert [s for s in ORDINARY if text.check_crisis(s)] == []


@pytest.mark.usefixtures("model")
def test_a_short_title_or_note_opens_no_card_unless_it_is_almost_an_exemplar() -> None:
    # One or two words carry too little for the encoder: these each sat near an exemplar that
    # shares a word ("a quiet night alone", "tomorrow I won't be here") and opened the card.
    titles = ["Tonight", "Quiet night", "End now", "A bath", "Password again", "hug", "dark"]
    assert [t for t in titles if text.check_crisis(t)] == []
    entry = "Quiet night\nHe went quiet and I felt lonely."
    assert text.check_crisis(entry) == frozenset()
    # ...but a short sentence that is almost one still counts, and the rules read them all.
    assert text.check_crisis("unalive myself")
    assert text.check_crisis("kms")


@pytest.mark.usefixtures("model")
def test_one_painful_sentence_in_a_long_entry_is_enough() -> None:
    entry = " ".join([*ORDINARY[:2], RULES_MISS[6], "Then I went to bed."])
    assert text.check_crisis(entry)


@pytest.mark.usefixtures("model")
def test_the_done_when_thought_suggests_mind_reading_or_fortune_telling() -> None:
    thought = "He hasn't answered in three hours, he must be bored of me"
    found = text.suggest_traps(thought, k=3)
    assert len(found) == 3
    assert {"mind-reading", "fortune-telling"} & {slug for slug, _ in found}
    assert all(slug in heads.TRAP_SLUGS for slug, _ in found)
    assert [score for _, score in found] == sorted((score for _, score in found), reverse=True)


@pytest.mark.usefixtures("model")
def test_trap_suggestions_quote_the_sentence_that_suggested_them() -> None:
    found = text.trap_suggestions("We went for a walk. I should never have sent that text.")
    assert found[0].slug == "should-statements"
    assert found[0].sentence == "I should never have sent that text."


@pytest.mark.usefixtures("model")
def test_emotion_suggestions_use_the_apps_own_words() -> None:
    from anchored.content.emotions import load_emotions

    words = {e.slug for e in load_emotions().all}
    lonely = text.suggest_emotions("Everyone went home and I feel so alone tonight.")
    assert lonely[0][0] == "lonely"
    scared = {slug for slug, _ in text.suggest_emotions("I'm terrified he is going to leave me.")}
    assert scared & {"scared", "anxious", "worried"}
    assert set(GOEMOTIONS_TO_APP.values()) <= words
    assert {label for label in heads.load().proto.labels} <= words


def test_without_the_model_the_rules_still_answer_and_nothing_else_shows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(encoder, "encoder", lambda *, wait=None: None)
    monkeypatch.setattr(encoder, "traps_encoder", lambda *, wait=None: None)
    assert text.check_crisis("I want to kill myself.") == {"ideation"}
    assert text.check_crisis(RULES_MISS[0]) == frozenset()
    assert text.suggest_traps("He must be bored of me") == []
    assert text.suggest_emotions("I feel so alone") == []


def test_a_model_file_that_is_not_the_pinned_one_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not the model")
    with pytest.raises(encoder.ModelUnavailable, match="sha256"):
        encoder.Encoder(fake)
    with pytest.raises(encoder.ModelUnavailable, match="sha256"):
        encoder.Encoder(fake, sha256=encoder.TRAPS_MODEL_SHA256)


#: A fixed thought and its trap scores from the shipped trap heads (written when they were last
#: trained): a changed model or head file is noticed here.
FIXED_THOUGHT = "She didn't call back, so she must think I'm boring and she'll leave me."
FIXED_SCORES = {
    "mind-reading": 0.455,
    "fortune-telling": 0.251,
    "catastrophizing": 0.079,
    "overgeneralizing": 0.061,
    "personalizing": 0.042,
    "all-or-nothing": 0.031,
    "emotional-reasoning": 0.03,
    "blaming": 0.02,
    "mental-filter": 0.012,
    "labeling": 0.011,
    "should-statements": 0.004,
    "comparing": 0.004,
}


@pytest.mark.usefixtures("model")
def test_a_fixed_thought_gets_its_stored_trap_scores() -> None:
    found = dict(text.suggest_traps(FIXED_THOUGHT, k=len(heads.TRAP_SLUGS)))
    assert found == pytest.approx(FIXED_SCORES, abs=0.01)


@pytest.mark.usefixtures("model")
def test_a_fine_tuned_trap_encoder_answers_the_traps_when_it_is_there(
    model: encoder.Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Not shipped (docs/model-card.md): without its file the frozen heads answer.
    assert not encoder.TRAPS_MODEL.is_file()
    assert encoder.traps_encoder(wait=None) is None
    assert "no fine-tuned trap encoder" in str(encoder.traps_failure())
    # When it is there, its own heads answer instead (a stand-in head that always says
    # "comparing" shows which heads were asked).
    frozen = heads.load()
    bias = np.zeros_like(frozen.trap_b)
    bias[heads.TRAP_SLUGS.index("comparing")] = 50.0
    stand_in = heads.TunedHeads(frozen.trap_w, bias, frozen.trap_mw, bias, sha="test")
    monkeypatch.setattr(encoder, "traps_encoder", lambda *, wait=None: model)
    monkeypatch.setattr(heads, "load_tuned", lambda: stand_in)
    assert text.suggest_traps(FIXED_THOUGHT, k=1)[0][0] == "comparing"


def test_trap_slugs_are_the_thought_records() -> None:
    from anchored.features.thought_record.trap_content import load_traps

    assert tuple(t.slug for t in load_traps().traps) == heads.TRAP_SLUGS


def test_sentences_and_cues() -> None:
    assert sentences.split("One. Two!\nThree; four... ") == ["One.", "Two!", "Three", "four..."]
    assert sentences.split(" 123 ... ") == []
    should = cues.counts("I should call. I must go.")[cues.NAMES.index("should")]
    assert should == 2.0


def test_no_word_of_the_encoders_vocabulary_is_read_as_a_typing_slip() -> None:
    import json

    from anchored.core.crisis import normalise
    from anchored.text.encoder import TOKENIZER

    vocabulary = json.loads(TOKENIZER.read_text(encoding="utf-8"))["model"]["vocab"]
    words = [w for w in vocabulary if w.isascii() and w.isalpha() and w.islower() and len(w) >= 5]
    assert len(words) > 10_000
    changed = {w: normalise(w) for w in words if normalise(w) != w}
    # only the chat short forms the rules spell out on purpose
    assert set(changed) <= {"cannot", "gonna", "wanna", "gotta", "nothin"}, changed
