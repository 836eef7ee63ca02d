"""The semantic layer of the crisis check: each sentence against team-written exemplars.

A sentence counts when it is close (cosine similarity) to one of the exemplars in
``data/crisis_exemplars.yaml``; the category is that exemplar's. The threshold is set for recall
first (docs/model-card.md gives the figures). Negation and third person never suppress a match.
Each sentence is embedded as written and, where they differ, as the rules read it (short forms
and misspellings spelled out: "kms" -> "kill myself").
"""

from __future__ import annotations

from typing import Final

from anchored.core.crisis import normalise
from anchored.text import encoder, heads, sentences

#: Cosine similarity to the nearest exemplar from which a sentence counts.
THRESHOLD: Final = 0.62


def _readings(text: str) -> list[str]:
    found: list[str] = []
    for sentence in sentences.split(text):
        found.append(sentence)
        plain = normalise(sentence).replace(" . ", " ").strip(" .")
        if plain and plain != sentence.lower().strip(" .!?"):
            found.append(plain)
    return found


def nearest(text: str, *, wait: float | None = 10.0) -> list[tuple[str, float, str, str]]:
    """For each reading of each sentence: (sentence, best cosine, category, exemplar)."""
    model = encoder.encoder(wait=wait)
    if model is None:
        return []
    readings = _readings(text)
    if not readings:
        return []
    exemplars = heads.load(model).crisis
    similarity = model.embed(readings) @ exemplars.vectors.T
    best = similarity.argmax(axis=1)
    return [
        (reading, float(similarity[i, j]), exemplars.labels[j], exemplars.texts[j])
        for i, (reading, j) in enumerate(zip(readings, best, strict=True))
    ]


def semantic(
    text: str, *, wait: float | None = 10.0, threshold: float = THRESHOLD
) -> frozenset[str]:
    """The categories whose exemplars some sentence of ``text`` is close to (empty without a
    model: then only the rules answer)."""
    try:
        return frozenset(cat for _, score, cat, _ in nearest(text, wait=wait) if score >= threshold)
    except Exception:
        encoder.log.exception("semantic crisis check failed; rules only")
        return frozenset()


__all__ = ["THRESHOLD", "nearest", "semantic"]
