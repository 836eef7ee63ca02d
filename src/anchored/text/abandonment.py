"""Abandonment themes in a person's writing, by similarity to team-written sentences.

Six themes many people who fear being left share (``THEMES``): the fear of being left,
reassurance seeking, checking, protest behaviour, jealousy and comparison, self-silencing. Each
sentence is compared with the team's prototype sentences (``data/theme_prototypes.yaml``, our
own words); a sentence shows the theme it is closest to when that closeness, plus a small bonus
for a few plain cue words, passes one threshold. The threshold and bonus were fitted by
``tools/train_text_heads.py --only themes`` on the tuning part of
``tests/data/themes_labelled.yaml`` (its held-out part only measures, ``benchmarks/text.py``).

Patterns in writing, never a verdict about the person: the progress page words them so.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import numpy as np

from anchored.content import yamlfile
from anchored.text import encoder, sentences
from anchored.text.encoder import DATA, Encoder, Vectors

THEMES: Final[tuple[str, ...]] = (
    "fear-of-being-left",
    "reassurance-seeking",
    "checking",
    "protest-behaviour",
    "jealousy-comparison",
    "self-silencing",
)
PROTOTYPES: Final = DATA / "theme_prototypes.yaml"
THEMES_FILE: Final = DATA / "themes.npz"
#: Used when themes.npz is missing or was written for other prototypes.
DEFAULT_THRESHOLD: Final = 0.55
DEFAULT_BONUS: Final = 0.1

#: Plain cue words per theme (our own list): a hit adds the bonus to that theme's closeness.
_CUES: Final[dict[str, str]] = {
    "fear-of-being-left": (
        r"\b(leave me|leaving me|left alone|abandon\w*|dump(ed|s)? me|break up with me"
        r"|lose (him|her|them)|end (it|things)|walk away|without me|on my own|be alone)\b"
    ),
    "reassurance-seeking": (
        r"\b(asked (him|her|them|again|if|whether)|ask(ed)? again|promise me|tell me (again|that)"
        r"|do you still|are you sure|still love me|still want me|we'?re (ok|okay|fine|good)"
        r"|reassur\w*)\b"
    ),
    "checking": (
        r"\b(last seen|online|read receipts?|left on read|refresh\w*|typing|blue ticks"
        r"|check(ed|ing)? (his|her|their|my) (phone|location|profile|messages|page|story)"
        r"|keep checking|viewed my|seen my|notifications?)\b"
    ),
    "protest-behaviour": (
        r"\b(in a row|silent treatment|block(ed)? (him|her|them)|ignor(ed|ing) (his|her|their)"
        r"|threaten\w*|on purpose|to make (him|her|them) (jealous|worry|notice)|over and over"
        r"|until (he|she|they) (picked up|answered)|picked a fight|stormed)\b"
    ),
    "jealousy-comparison": (
        r"\b(jealous\w*|envy|envious|prettier than|better than me|than me|compar\w*"
        r"|his ex|her ex|other (women|men|girls|guys|couples))\b"
    ),
    "self-silencing": (
        r"\b(kept quiet|stayed quiet|didn'?t say|said (it was|i was) fine|pretend\w*"
        r"|bit my tongue|swallow\w*|kept (it|my \w+) to myself|didn'?t (tell|mention|ask)"
        r"|went along|to keep the peace|hold back|held back)\b"
    ),
}
_COMPILED: Final = tuple(re.compile(_CUES[theme], re.IGNORECASE) for theme in THEMES)


def cue_hits(sentence: str) -> list[float]:
    """1.0 for each theme (in :data:`THEMES` order) whose cue words ``sentence`` holds."""
    return [1.0 if pattern.search(sentence) else 0.0 for pattern in _COMPILED]


def prototype_sentences() -> tuple[list[str], list[str], str]:
    """(sentences, their themes, sha256 of the file)."""
    raw = PROTOTYPES.read_text(encoding="utf-8")
    data = yamlfile.parse(raw)["prototypes"]
    texts = [str(text) for theme in THEMES for text in data[theme]]
    labels = [theme for theme in THEMES for _ in data[theme]]
    return texts, labels, hashlib.sha256(raw.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Prototypes:
    labels: tuple[str, ...]
    vectors: Vectors
    threshold: float
    bonus: float
    #: Changes whenever the sentences, threshold or bonus change (the vault's cache uses it).
    version: str


def sentence_scores(vectors: Vectors, parts: list[str], found: Prototypes) -> Vectors:
    """Per sentence and theme: the closest prototype's cosine, plus the bonus on a cue hit."""
    similarity = vectors @ found.vectors.T
    labels = np.array(found.labels)
    scores = np.stack(
        [similarity[:, labels == theme].max(axis=1) for theme in THEMES], axis=1
    ).astype(np.float32)
    hits = np.array([cue_hits(p) for p in parts], dtype=np.float32).reshape(len(parts), -1)
    result: Vectors = scores + found.bonus * hits
    return result


def pick(scores: Vectors, threshold: float) -> list[str | None]:
    """Each sentence's theme: the best one if it passes ``threshold``, else None (pure)."""
    best = scores.argmax(axis=1) if len(scores) else np.zeros(0, dtype=int)
    return [
        THEMES[int(j)] if float(scores[i, j]) >= threshold else None for i, j in enumerate(best)
    ]


@dataclass(frozen=True, slots=True)
class _Stored:
    texts: tuple[str, ...]
    labels: tuple[str, ...]
    vectors: Vectors | None  # None when themes.npz was written for other sentences
    threshold: float
    bonus: float
    version: str


_lock = threading.Lock()
_stored: _Stored | None = None
_loaded: Prototypes | None = None


def _read_stored() -> _Stored:
    texts, labels, digest = prototype_sentences()
    threshold, bonus = DEFAULT_THRESHOLD, DEFAULT_BONUS
    vectors: Vectors | None = None
    if THEMES_FILE.is_file():
        with np.load(THEMES_FILE) as data:
            if str(data["theme_sha"]) == digest:
                vectors = data["theme_vectors"].astype(np.float32)
                threshold = float(data["theme_threshold"])
                bonus = float(data["theme_bonus"])
    version = hashlib.sha256(f"{digest} {threshold:.4f} {bonus:.4f}".encode()).hexdigest()[:12]
    return _Stored(tuple(texts), tuple(labels), vectors, threshold, bonus, version)


def _stored_files() -> _Stored:
    global _stored
    with _lock:
        if _stored is None:
            _stored = _read_stored()
        return _stored


def version() -> str:
    """Changes whenever the sentences, threshold or bonus change, so a cache of themes can tell
    stale entries; needs no model (reads two small files once per process)."""
    return _stored_files().version


def load(model: Encoder) -> Prototypes:
    """The prototypes (read once per process; embedded here if themes.npz is stale)."""
    global _loaded
    stored = _stored_files()
    with _lock:
        if _loaded is None:
            vectors = stored.vectors if stored.vectors is not None else model.embed(stored.texts)
            _loaded = Prototypes(
                stored.labels, vectors, stored.threshold, stored.bonus, stored.version
            )
        return _loaded


def of_text(text: str, *, wait: float | None = 10.0) -> frozenset[str] | None:
    """The themes ``text`` shows (one per sentence at most); None if the model is unavailable."""
    model = encoder.encoder(wait=wait)
    if model is None:
        return None
    parts = sentences.split(text)
    if not parts:
        return frozenset()
    found = load(model)
    picked = pick(sentence_scores(model.embed(parts), parts, found), found.threshold)
    return frozenset(theme for theme in picked if theme)


def themes(texts: Iterable[str], *, wait: float | None = 10.0) -> dict[str, int]:
    """For each theme, how many of ``texts`` show it (every theme is a key; all 0 when the
    model is unavailable)."""
    counts = dict.fromkeys(THEMES, 0)
    for text in texts:
        for theme in of_text(text, wait=wait) or ():
            counts[theme] += 1
    return counts
