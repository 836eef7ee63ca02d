"""Which therapy format might fit: add up the points of the chosen answers, with one override.

A suggestion with reasons, never a prescription. Feeling unsafe with a partner always puts
individual support first and never suggests couples work, whatever the other answers add up to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

FORMATS: Final = ("individual", "couples", "both")
# Answers to the safety question that rule out suggesting couples work.
UNSAFE_ANSWERS: Final = frozenset({("feel-safe", "not-always"), ("feel-safe", "not-safe")})


@dataclass(frozen=True, slots=True)
class Suggestion:
    format: str
    totals: dict[str, int]
    safety_first: bool


def suggest(
    answers: Mapping[str, str], points: Mapping[tuple[str, str], Mapping[str, int]]
) -> Suggestion:
    """``answers`` maps question → option; ``points`` maps (question, option) → points."""
    totals = dict.fromkeys(FORMATS, 0)
    for question, option in answers.items():
        for name, value in points.get((question, option), {}).items():
            if name in totals:
                totals[name] += value
    if any(item in UNSAFE_ANSWERS for item in answers.items()):
        return Suggestion("individual", totals, safety_first=True)
    # Ties go to the simpler start: individual, then both, then couples.
    best = max(("individual", "both", "couples"), key=lambda name: totals[name])
    return Suggestion(best, totals, safety_first=False)
