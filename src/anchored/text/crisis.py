"""The semantic layer of the crisis check: each sentence against team-written exemplars.

A sentence counts when it is near (cosine similarity) one of the crisis exemplars in
``data/crisis_exemplars.yaml`` AND clearly nearer to it than to any of the file's everyday
sentences (which share words like urge, safe, bridge, rope or goodbye), or when it is so close
to a crisis exemplar that it is almost the same sentence; the category is that exemplar's.
Thresholds were set on the team suite, the app's own calm sentences (the other tools' tests and
content) and GoEmotions training comments, for recall within the false-alarm budget
(docs/model-card.md gives the figures); the held-out sets are measured once per change and
never used to pick an exemplar. A sentence of one or two words counts only when it is almost
an exemplar. Negation and third person
never suppress a match. A learned head was tried as an extra signal and dropped: it raised
false alarms on the app's calm sentences more than it raised recall (model card).
Each sentence is embedded as written and, where they differ, as the rules read it (short forms
and misspellings spelled out: "kms" -> "kill myself").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

import numpy as np

from anchored.core.crisis import normalise
from anchored.text import encoder, heads, sentences

#: From this similarity to a crisis exemplar a sentence counts whatever else it is near
#: (almost the same sentence).
CLOSE: Final = 0.80
#: From this similarity it counts when it is MARGIN closer to a crisis exemplar than to any
#: everyday sentence. Chosen on the team suite, the app's calm strings and 12,000 GoEmotions
#: training comments (docs/model-card.md): with 1,675 exemplars, NEAR 0.58 flagged 1.4 % of
#: Reddit comments; with 877 everyday sentences the nearest one is nearer on average, so the
#: margin is 0.04 (0.06 before).
NEAR: Final = 0.60
MARGIN: Final = 0.04


#: A sentence of fewer words counts only when it is almost an exemplar (CLOSE): one or two words
#: ("Tonight", "End now", "A bath") carry too little for the encoder, and a title or a short
#: note would otherwise sit near exemplars that happen to share a word (the rules still read it).
MIN_WORDS: Final = 3
_WORD: Final = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def _readings(text: str) -> list[str]:
    found: list[str] = []
    for sentence in sentences.split(text):
        found.append(sentence)
        plain = normalise(sentence).replace(" . ", " ").strip(" .")
        if plain and plain != sentence.lower().strip(" .!?"):
            found.append(plain)
    return found


@dataclass(frozen=True, slots=True)
class Nearest:
    """One reading of one sentence, and what it is nearest to."""

    reading: str
    similarity: float  # to the nearest crisis exemplar
    category: str
    exemplar: str
    ordinary: float  # to the nearest everyday sentence

    @property
    def counts(self) -> bool:
        """Near a crisis exemplar and clearly nearer to it than to everyday words (a very short
        sentence: almost the exemplar itself)."""
        if self.similarity >= CLOSE:
            return True
        if len(_WORD.findall(self.reading)) < MIN_WORDS:
            return False
        return self.similarity >= NEAR and self.similarity - self.ordinary >= MARGIN


def nearest(text: str, *, wait: float | None = 3.0) -> list[Nearest]:
    """For each reading of each sentence, its nearest crisis exemplar and everyday sentence."""
    model = encoder.encoder(wait=wait)
    if model is None:
        return []
    readings = _readings(text)
    if not readings:
        return []
    found_heads = heads.load(model)
    exemplars = found_heads.crisis
    crisis = np.array([label != heads.ORDINARY for label in exemplars.labels])
    vectors = model.embed(readings)
    similarity = vectors @ exemplars.vectors.T
    found = []
    for i, reading in enumerate(readings):
        row = np.where(crisis, similarity[i], -1.0)
        j = int(row.argmax())
        everyday = float(np.where(crisis, -1.0, similarity[i]).max())
        found.append(
            Nearest(
                reading,
                float(row[j]),
                exemplars.labels[j],
                exemplars.texts[j],
                everyday,
            )
        )
    return found


def semantic(text: str, *, wait: float | None = 3.0) -> frozenset[str]:
    """The categories whose exemplars some sentence of ``text`` is close to (empty without a
    model: then only the rules answer)."""
    try:
        return frozenset(n.category for n in nearest(text, wait=wait) if n.counts)
    except Exception:
        encoder.log.exception("semantic crisis check failed; rules only")
        return frozenset()


__all__ = ["CLOSE", "MARGIN", "MIN_WORDS", "NEAR", "Nearest", "nearest", "semantic"]
