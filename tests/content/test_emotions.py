"""Emotion words: the required ones are there, families hold together, duplicates are refused."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from anchored.content.emotions import (
    INTENSITY_MAX,
    INTENSITY_MIN,
    Emotion,
    EmotionFamily,
    Emotions,
    load_emotions,
)

# Other features (check-in, thought record, insights) rely on these words being offered.
REQUIRED = {
    "lonely", "abandoned", "rejected", "jealous", "insecure", "anxious", "ashamed",
    "angry", "sad", "numb", "hopeful", "calm", "loved", "secure",
}  # fmt: skip


@pytest.fixture
def emotions() -> Emotions:
    return load_emotions()


def _data() -> dict[str, Any]:
    return load_emotions().model_dump(mode="json")


def test_required_emotions_are_offered(emotions: Emotions) -> None:
    assert emotions.slugs >= REQUIRED


def test_between_28_and_34_emotions(emotions: Emotions) -> None:
    assert 28 <= len(emotions.all) <= 34
    assert len(emotions.slugs) == len(emotions.all)


def test_all_is_every_family_in_display_order(emotions: Emotions) -> None:
    assert emotions.all == tuple(e for f in emotions.families for e in f.emotions)
    assert emotions.all[0] == emotions.families[0].emotions[0]


def test_each_emotion_knows_its_family(emotions: Emotions) -> None:
    for family in emotions.families:
        assert family.emotions
        for emotion in family.emotions:
            assert emotion.family == family.slug


def test_get(emotions: Emotions) -> None:
    lonely = emotions.get("lonely")
    assert lonely is not None
    assert lonely.name == "Lonely"
    assert emotions.get("no-such-feeling") is None


def test_hints_are_one_short_sentence(emotions: Emotions) -> None:
    for emotion in emotions.all:
        assert emotion.name.strip()
        assert emotion.hint.endswith("."), emotion.slug
        assert emotion.hint.count(". ") == 0, emotion.slug
        assert len(emotion.hint) <= 160, emotion.slug


def test_intensity_scale() -> None:
    assert (INTENSITY_MIN, INTENSITY_MAX) == (0, 10)


def test_real_data_round_trips(emotions: Emotions) -> None:
    assert Emotions.model_validate(_data()) == emotions


def test_duplicate_slug_across_families_is_refused() -> None:
    data = _data()
    copied = {**data["families"][0]["emotions"][0], "name": "Something else"}
    copied.pop("family")
    data["families"][1]["emotions"].append(copied)
    with pytest.raises(ValidationError, match="own slug"):
        Emotions.model_validate(data)


def test_duplicate_name_is_refused_whatever_the_case() -> None:
    data = _data()
    copied = {**data["families"][0]["emotions"][0], "slug": "something-else"}
    copied["name"] = copied["name"].upper()
    copied.pop("family")
    data["families"][1]["emotions"].append(copied)
    with pytest.raises(ValidationError, match="own name"):
        Emotions.model_validate(data)


def test_duplicate_family_slug_is_refused() -> None:
    data = _data()
    data["families"][1]["slug"] = data["families"][0]["slug"]
    for emotion in data["families"][1]["emotions"]:
        emotion.pop("family")
    with pytest.raises(ValidationError, match="family needs its own slug"):
        Emotions.model_validate(data)


def test_emotion_listed_under_another_family_is_refused() -> None:
    family = _data()["families"][0]
    family["emotions"][0]["family"] = "somewhere-else"
    with pytest.raises(ValidationError, match="is listed under"):
        EmotionFamily.model_validate(family)


@pytest.mark.parametrize("slug", ["Lonely", "very lonely", "-lonely", "x" * 41])
def test_bad_slug_is_refused(slug: str) -> None:
    with pytest.raises(ValidationError):
        Emotion(slug=slug, name="Lonely", hint="You feel cut off from people.", family="hurt")


def test_unknown_field_is_refused() -> None:
    data = _data()
    data["families"][0]["emotions"][0]["colour"] = "blue"
    with pytest.raises(ValidationError):
        Emotions.model_validate(data)
