"""Cue words for the thinking-trap heads: a curated list of ours (no n-grams from training text).

Pure: a sentence in, a few counts out. The heads see these beside the sentence embedding,
because a few words ("should", "always", "must think", "my fault", "better than") say a lot
about a trap. General words of the language, written for every trap, not fitted to any data set.
"""

from __future__ import annotations

import re
from typing import Final

_CUES: Final[tuple[tuple[str, str], ...]] = (
    (
        "should",
        r"\b(should|shouldn'?t|must(?! (think|be|have|hate|know|feel))|ought|have to|has to"
        r"|had to|supposed to|need to|got to)\b",
    ),
    (
        "always",
        r"\b(always|never|every ?(one|body|thing|time|single)|no ?one|nobody|nothing"
        r"|all the time|again and again|each time|every day|anything right)\b",
    ),
    (
        "absolute",
        r"\b(completely|totally|at all|perfect(ly)?|ruined|entirely|whole|100|either"
        r"|all or nothing|utterly|absolutely|complete|total|only one|fail(ed|ure)?)\b",
    ),
    (
        "mind",
        r"\b(must (think|be thinking|hate|feel|know)|probably (thinks?|feels?|hates?|wants?)"
        r"|(thinks?|thought|knows?|believes?) (i|i'?m|that i|i was|me)|i (can tell|know) (he"
        r"|she|they)|bored (of|with) me|judg\w*|look(s|ed)? down|(hates?|dislikes?"
        r"|annoyed (with|by)|mad at|angry (with|at)) me|(laughing|talking|whispering) (at"
        r"|about) me|doesn'?t (like|want|care about|love) me|secretly|they all think)\b",
    ),
    (
        "future",
        r"\b(will|won'?t|going to|gonna|'ll|never going|end up|soon|forever|what if"
        r"|next time|one day|tomorrow|someday|be (fired|dumped|left|alone))\b",
    ),
    (
        "disaster",
        r"\b(disaster|terrible|worst|awful|unbearable|end of the world|can'?t (survive"
        r"|handle|cope|take|stand)|over|die|dying|dead|horrible|catastroph\w*|nightmare"
        r"|destroy\w*|never recover|everything (is|will be) (ruined|lost)|lose everything)\b",
    ),
    (
        "feel",
        r"\b(i feel|i felt|feels? like|felt like|i'?m so (anxious|scared|nervous)|so i must"
        r"|must be|because i feel|my gut|i just know|feel(s|ing)? (stupid|guilty|useless"
        r"|worthless|ugly|like a))\b",
    ),
    (
        "label",
        r"\b(i'?m (a|an|such a|so)|i am (a|an|such a|so)|(he|she|they)'?(s|re| is| are) (a"
        r"|an|such a|such)|idiot|loser|failure|pathetic|stupid|worthless|jerk|useless"
        r"|selfish|lazy|ugly|weak|dumb|incompetent|unlovable|monster|bad (person|mother"
        r"|father|friend|partner|parent|wife|husband)|terrible (person|mother|father|friend"
        r"|partner|parent))\b",
    ),
    (
        "fault",
        r"\b(my fault|because of me|i caused|i made (him|her|them|it)|i must have (done"
        r"|said)|i should have|blame myself|on me|if only i|i'?m (the reason|responsible)"
        r"|did something wrong|it'?s me|all me)\b",
    ),
    (
        "blame",
        r"\b((his|her|their|your) fault|because of (him|her|them|you)|made me|makes me"
        r"|ruined (my|it|everything)|to blame|blame (him|her|them|you|it)|(he|she|they"
        r"|you) shouldn'?t have|never (helps?|listens?)|(he|she|they|you) (did|caused) this"
        r"|(he|she|they|you) always)\b",
    ),
    (
        "compare",
        r"\b(than (me|i|mine)|better than|worse than|everyone else|other (people|guys|girls"
        r"|women|men|mums|moms|parents|couples|kids)|compared?|like (her|him|them)|as (good"
        r"|smart|pretty|successful|happy|thin|talented) as|my (friends?|sister|brother"
        r"|colleagues?|coworkers?|peers|classmates) (all|are|have|has|is|got)"
        r"|why can'?t i be|everyone has|most people|others (have|are))\b",
    ),
    (
        "discount",
        r"\b(but|only because|doesn'?t (count|matter|mean)|just (luck|being (nice|polite"
        r"|kind))|anyone could|not a big deal|it was nothing|fluke|had to say"
        r"|were being nice|only (did|said))\b",
    ),
)
_COMPILED: Final = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _CUES)
NAMES: Final[tuple[str, ...]] = tuple(name for name, _ in _CUES)


def counts(sentence: str) -> list[float]:
    """How often each cue occurs in ``sentence`` (capped at 2), in the order of :data:`NAMES`."""
    return [float(min(len(pattern.findall(sentence)), 2)) for _, pattern in _COMPILED]
