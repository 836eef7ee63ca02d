"""Plain-words feedback on a passphrase, and the minimum we accept.

The vault has no server to rate-limit guesses, so the passphrase is the whole defence of a
stolen laptop's data. We ask for length first (long phrases of ordinary words are easy to
remember and hard to guess) and explain instead of scoring.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

MIN_LENGTH = 10
MAX_LENGTH = 1024

Strength = Literal["too short", "weak", "fair", "strong"]

# A few of the most guessed choices; enough to catch the obvious, not a full dictionary.
_COMMON = frozenset(
    {
        "password",
        "passphrase",
        "123456789",
        "1234567890",
        "qwertyuiop",
        "iloveyou",
        "letmein",
        "anchored",
        "abandonment",
        "trustno1",
        "sunshine",
        "princess",
        "football",
        "baseball",
        "welcome",
        "monkey",
        "dragon",
        "master",
    }
)


# Asked once more before a weak passphrase is used; the forms offer this tick box.
USE_ANYWAY = (
    "This passphrase would be quick to guess. A few more ordinary words make it much "
    "stronger. To keep it anyway, type it again in both boxes and tick “Use it anyway”."
)


@dataclass(frozen=True, slots=True)
class PassphraseCheck:
    strength: Strength
    acceptable: bool
    hint: str

    @property
    def needs_confirming(self) -> bool:
        """Allowed, but quick to guess: ask "use it anyway?" before using it."""
        return self.acceptable and self.strength == "weak"


def _pool_size(text: str) -> int:
    pool = 0
    if re.search(r"[a-z]", text):
        pool += 26
    if re.search(r"[A-Z]", text):
        pool += 26
    if re.search(r"[0-9]", text):
        pool += 10
    if re.search(r"[^a-zA-Z0-9]", text):
        pool += 33
    return max(pool, 1)


def _rough_bits(text: str) -> float:
    """A deliberately modest guess at how hard the phrase is to guess."""
    distinct = len(set(text))
    effective_length = min(len(text), distinct * 3)
    words = [w for w in re.split(r"[\s\-_.,]+", text) if w]
    bits = effective_length * math.log2(_pool_size(text)) * 0.5
    if len(words) >= 4:
        # Four or more real words: count them like a diceware phrase (~11 bits each, modestly).
        bits = max(bits, len(words) * 11.0)
    return bits


def check_passphrase(passphrase: str) -> PassphraseCheck:
    """Say, in plain words, whether a passphrase is long and varied enough."""
    if len(passphrase) > MAX_LENGTH:
        return PassphraseCheck(
            "weak", False, f"That is longer than {MAX_LENGTH} characters; please shorten it."
        )
    if len(passphrase) < MIN_LENGTH:
        return PassphraseCheck(
            "too short",
            False,
            f"Use at least {MIN_LENGTH} characters. A short sentence only you would think of "
            "works well, like four or five ordinary words.",
        )
    lowered = re.sub(r"[^a-z0-9]", "", passphrase.lower())
    if lowered in _COMMON or len(set(passphrase)) <= 3:
        return PassphraseCheck(
            "weak",
            False,
            "That one is among the first things someone would try. Pick a phrase of your own.",
        )
    bits = _rough_bits(passphrase)
    if bits < 35:
        return PassphraseCheck(
            "weak",
            True,
            "This would be quick to guess. Adding a few more words makes it much stronger.",
        )
    if bits < 60:
        return PassphraseCheck("fair", True, "Fair. One or two more words would make it strong.")
    return PassphraseCheck("strong", True, "Strong. Keep it somewhere only you can reach.")


def new_passphrase_errors(
    passphrase: str, again: str, field: str, *, weak_ok: bool = False
) -> dict[str, str]:
    """Form errors for a new passphrase typed twice, keyed ``field``, ``field + '_again'``, or
    ``field + '_weak'`` (the "use it anyway" tick box) for a weak one not yet ``weak_ok``."""
    check = check_passphrase(passphrase)
    if not check.acceptable:
        return {field: check.hint}
    if passphrase != again:
        return {f"{field}_again": "The two passphrases are not the same. Type it again."}
    if check.needs_confirming and not weak_ok:
        return {f"{field}_weak": USE_ANYWAY}
    return {}
