"""Pure rules of the secure-base kit: the random choice that stays the same all day."""

from __future__ import annotations

import random
from datetime import date

TURNS = range(0, 1_000)  # "show me another" counts turns; anything else is turn 0


def rng_for(day: date, owner_id: int, part: str, turn: int = 0) -> random.Random:
    """A generator seeded by the person's local day, the owner, the kit's part and the turn:
    the same choice all day, another with each "show me another", and one part's choice never
    shifts when another part is added."""
    # Not for secrets: a choice of what to show, meant to be repeatable.
    return random.Random(f"{day.isoformat()}|{owner_id}|{part}|{turn}")  # noqa: S311


def turn_from(text: str | None) -> int:
    """The ``?another=`` turn from an address; junk, negatives and huge numbers are turn 0."""
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 4:
        return 0
    number = int(text)
    return number if number in TURNS else 0
