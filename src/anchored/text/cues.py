"""Cue words for the thinking-trap heads: a curated list of ours (no n-grams from training text).

Pure: a sentence in, a few counts out. The heads see these beside the sentence embedding,
because a few words ("should", "always", "must think", "my fault") say a lot about a trap.
"""

from __future__ import annotations

import re
from typing import Final

_CUES: Final[tuple[tuple[str, str], ...]] = (
    (
        "should",
        r"\b(should|shouldn'?t|must(?! (think|be|have|hate|know|feel))|ought|have to|has to"
        r"|supposed to)\b",
    ),
    (
        "always",
        r"\b(always|never|every ?(one|body|thing|time)|no ?one|nobody|nothing|all the time)\b",
    ),
    ("absolute", r"\b(completely|totally|at all|perfect|ruined|entirely|whole|100)\b"),
    (
        "mind",
        r"\b(must (think|be|hate|feel)|probably (thinks?|feels?|hates?)|(thinks?|knows?) "
        r"(i|i'?m|that i)|i (can tell|know) (he|she|they)|bored (of|with) me|judg\w*|look down)\b",
    ),
    ("future", r"\b(will|won'?t|going to|gonna|'ll|never going|end up|soon|forever)\b"),
    (
        "disaster",
        r"\b(disaster|terrible|worst|awful|unbearable|end of the world|can'?t survive|over)\b",
    ),
    ("feel", r"\b(i feel|feels? like|i'?m so (anxious|scared)|so i must|must be)\b"),
    (
        "label",
        r"\b(i'?m (a|an|such a|so)|(he|she)'?s (a|an|such a)|idiot|loser|failure|pathetic"
        r"|stupid|worthless|jerk|useless)\b",
    ),
    ("fault", r"\b(my fault|because of me|i caused|i made (him|her|them)|i must have done)\b"),
    ("blame", r"\b((his|her|their) fault|because of (him|her|them)|made me|ruined my)\b"),
    (
        "compare",
        r"\b(than me|better than|everyone else|other people|compared|like (her|him|them))\b",
    ),
    ("discount", r"\b(but|only because|doesn'?t count|just (luck|being))\b"),
)
_COMPILED: Final = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _CUES)
NAMES: Final[tuple[str, ...]] = tuple(name for name, _ in _CUES)


def counts(sentence: str) -> list[float]:
    """How often each cue occurs in ``sentence`` (capped at 2), in the order of :data:`NAMES`."""
    return [float(min(len(pattern.findall(sentence)), 2)) for _, pattern in _COMPILED]
