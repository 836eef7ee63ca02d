"""Self-compassion rules on plain values: the break's screens, the 0-10 rating, moving a
phrase up or down, and which phrase a break offers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, Literal, TypeVar

from anchored.core.rating import RATING_MAX, RATING_MIN, parse_rating

PHRASE_MAX: Final = 300
LETTER_MAX: Final = 20_000
LETTER_STEP: Final = 6
LETTER_EXERCISE: Final = "letter-from-a-kind-friend"
LETTER_TITLE: Final = "A letter from a kind friend"
# The break, screen by screen (about a minute each). Order matters: "next" follows it.
SCREENS: Final = ("notice", "together", "kindness")
SCREEN_SECONDS: Final = 60
FEELING_MESSAGE: Final = (
    f"Choose a number from {RATING_MIN} (calm) to {RATING_MAX} (as hard as it gets), "
    "or leave it empty."
)

Direction = Literal["up", "down"]
T = TypeVar("T")


def parse_feeling(value: str | int | None) -> int | None:
    """How hard the moment feels, 0-10, or None if left empty; ValueError otherwise."""
    return parse_rating(value, FEELING_MESSAGE)


def next_screen(screen: str) -> str | None:
    """The screen after ``screen``, or None after the last (then comes "how is it now?")."""
    place = SCREENS.index(screen)
    return SCREENS[place + 1] if place + 1 < len(SCREENS) else None


def previous_screen(screen: str) -> str | None:
    place = SCREENS.index(screen)
    return SCREENS[place - 1] if place > 0 else None


def check_direction(value: str) -> Direction:
    if value == "up":
        return "up"
    if value == "down":
        return "down"
    raise ValueError("Choose up or down.")


def moved(items: Sequence[T], item: T, direction: Direction) -> list[T]:
    """``items`` with ``item`` moved one place up (earlier) or down (later); unchanged at the
    top or the bottom, or when ``item`` is not there."""
    order = list(items)
    if item not in order:
        return order
    place = order.index(item)
    other = place - 1 if direction == "up" else place + 1
    if 0 <= other < len(order):
        order[place], order[other] = order[other], order[place]
    return order


def pick(items: Sequence[T], seed: int) -> T | None:
    """One of ``items`` chosen by ``seed`` (e.g. a break's id), so a reload shows the same."""
    return items[seed % len(items)] if items else None


def change_text(before: int | None, after: int | None) -> str:
    """How the two ratings compare, in plain words (no judgement either way)."""
    if before is None or after is None:
        return ""
    if after < before:
        return "A little lighter than when you started."
    if after > before:
        return "Harder than when you started. That happens; being kind to yourself still counts."
    return "About the same as when you started. Taking the time still counts."
