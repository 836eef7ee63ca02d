"""Thinking-trap and emotion suggestions, each with the sentence that suggested it.

Suggestions, never verdicts: the person ticks one or ignores them. Scores are the heads'
probabilities (0-1), fine for ordering; they are never shown as numbers about the person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from anchored.text import cues, encoder, heads, sentences

#: GoEmotions labels -> the app's emotion words (content/emotions.yaml). Labels not listed
#: (neutral, surprise, curiosity, realization, desire, ...) suggest nothing.
GOEMOTIONS_TO_APP: Final[dict[str, str]] = {
    "fear": "scared",
    "nervousness": "anxious",
    "sadness": "sad",
    "grief": "sad",
    "disappointment": "disappointed",
    "anger": "angry",
    "annoyance": "frustrated",
    "disapproval": "resentful",
    "disgust": "angry",
    "embarrassment": "embarrassed",
    "remorse": "guilty",
    "love": "loved",
    "caring": "connected",
    "joy": "content",
    "amusement": "content",
    "optimism": "hopeful",
    "excitement": "hopeful",
    "relief": "relieved",
    "gratitude": "grateful",
    "pride": "proud",
    "confusion": "overwhelmed",
}
#: Similarity to a team-written prototype sentence, mapped to 0-1 between these two values.
PROTOTYPE_FLOOR: Final = 0.35
PROTOTYPE_FULL: Final = 0.80


@dataclass(frozen=True, slots=True)
class Suggestion:
    slug: str
    score: float
    sentence: str


def _sigmoid(x: np.ndarray) -> np.ndarray:
    result: np.ndarray = 1.0 / (1.0 + np.exp(-x))
    return result


def _best(scores: np.ndarray, parts: list[str], slugs: tuple[str, ...], k: int) -> list[Suggestion]:
    """Per slug, the best sentence; then the top ``k`` slugs."""
    rows = scores.argmax(axis=0)
    best = scores.max(axis=0)
    order = np.argsort(-best, kind="stable")[:k]
    return [Suggestion(slugs[j], round(float(best[j]), 3), parts[rows[j]]) for j in order]


def traps(text: str, k: int = 3, *, wait: float | None = 10.0) -> list[Suggestion]:
    """The encoder fine-tuned for the traps and its heads when they loaded, else the frozen
    heads on the base encoder (tools/finetune_traps.py, docs/model-card.md)."""
    parts = sentences.split(text)
    if not parts or k <= 0:
        return []
    found: heads.Heads | heads.TunedHeads
    model = encoder.traps_encoder(wait=wait)
    if model is not None:
        found = heads.load_tuned()
    else:
        model = encoder.encoder(wait=wait)
        if model is None:
            return []
        found = heads.load(model)
    features = np.hstack(
        [model.embed(parts), np.array([cues.counts(p) for p in parts], dtype=np.float32)]
    )
    return _best(trap_scores(features, found), parts, heads.TRAP_SLUGS, k)


def trap_scores(features: np.ndarray, found: heads.Heads | heads.TunedHeads) -> np.ndarray:
    """Per sentence, each trap's score (0-1): the one-vs-rest probabilities, normalised over
    the traps, averaged with the softmax head (tools/train_text_heads.ensemble_scores)."""
    p = _sigmoid(features @ found.trap_w.T + found.trap_b)
    z = features @ found.trap_mw.T + found.trap_mb
    q = np.exp(z - z.max(axis=1, keepdims=True))
    result: np.ndarray = (p / p.sum(axis=1, keepdims=True) + q / q.sum(axis=1, keepdims=True)) / 2
    return result


def emotion_features(vectors: np.ndarray, found: heads.Heads, texts: list[str]) -> np.ndarray:
    """The emotion head's input: each sentence's embedding, then its word features."""
    if found.emo_words is None:
        return vectors
    return np.hstack([vectors, found.emo_word_weight * found.emo_words.features(texts)])


def emotion_scores(vectors: np.ndarray, found: heads.Heads, texts: list[str]) -> np.ndarray:
    """Per sentence (its vector and its words), the probability of each GoEmotions label."""
    logits = emotion_features(vectors, found, texts) @ found.emo_w.T + found.emo_b
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    result: np.ndarray = p / p.sum(axis=1, keepdims=True)
    return result


def emotions(text: str, k: int = 3, *, wait: float | None = 10.0) -> list[Suggestion]:
    model = encoder.encoder(wait=wait)
    parts = sentences.split(text)
    if model is None or not parts or k <= 0:
        return []
    found = heads.load(model)
    vectors = model.embed(parts)
    slugs = tuple(dict.fromkeys(found.proto.labels))
    scores = np.zeros((len(parts), len(slugs)), dtype=np.float32)
    probabilities = emotion_scores(vectors, found, parts)
    for j, label in enumerate(found.emo_labels):
        slug = GOEMOTIONS_TO_APP.get(label)
        if slug in slugs:
            column = slugs.index(slug)
            scores[:, column] += probabilities[:, j]
    similarity = vectors @ found.proto.vectors.T
    span = PROTOTYPE_FULL - PROTOTYPE_FLOOR
    for j, slug in enumerate(slugs):
        columns = [i for i, label in enumerate(found.proto.labels) if label == slug]
        near = np.clip((similarity[:, columns].max(axis=1) - PROTOTYPE_FLOOR) / span, 0, 1)
        scores[:, j] = np.maximum(scores[:, j], near)
    return [s for s in _best(scores, parts, slugs, k) if s.score > 0]
