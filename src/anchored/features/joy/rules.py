"""The joy list's pure rules: what "not done lately" means, picking one, moving one, and how
"when I last did it" reads. No database, no clock: the day is passed in."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date
from typing import Literal

LATELY_DAYS = 7  # done within the last week counts as "lately"
RECENT_DAYS = 14  # up to two weeks ago reads as "N days ago"; earlier, as a date

Direction = Literal["up", "down"]
# (item id, the day it was last done or None), as picking needs them.
Candidate = tuple[int, date | None]


def done_lately(last_done: date | None, today: date) -> bool:
    """Whether it was done in the last :data:`LATELY_DAYS` days (a day later than today,
    from a clock that was ahead, counts as lately too)."""
    return last_done is not None and (today - last_done).days < LATELY_DAYS


def pick(
    candidates: Sequence[Candidate], today: date, rng: random.Random, avoid: int | None = None
) -> int | None:
    """The id of one item to do today: one not done lately if there is any, else one of those
    done longest ago; never ``avoid`` (the one picked before) while there is another."""
    pool = sorted({c for c in candidates if c[0] != avoid} or set(candidates))
    if not pool:
        return None
    fresh = [c for c in pool if not done_lately(c[1], today)]
    if fresh:
        return rng.choice(fresh)[0]
    days = [day for _id, day in pool if day is not None]
    if not days:  # nothing with a day left to compare
        return rng.choice(pool)[0]
    oldest = min(days)
    return rng.choice([c for c in pool if c[1] == oldest])[0]


def staler_half(candidates: Sequence[Candidate], rng: random.Random) -> int | None:
    """One of the half of the items done longest ago (never done first), without knowing
    today: what the secure-base kit shows, so it prefers joys not done lately."""
    if not candidates:
        return None
    ordered = sorted(candidates, key=lambda c: (c[1] is not None, c[1] or date.min, c[0]))
    return rng.choice(ordered[: (len(ordered) + 1) // 2])[0]


def move(order: Sequence[int], item_id: int, direction: Direction) -> list[int]:
    """``order`` with ``item_id`` one place up or down (unchanged at either end, or if the
    item is not in it)."""
    moved = list(order)
    if item_id not in moved:
        return moved
    at = moved.index(item_id)
    to = at - 1 if direction == "up" else at + 1
    if 0 <= to < len(moved):
        moved[at], moved[to] = moved[to], moved[at]
    return moved


def last_done_text(last_done: date | None, today: date) -> str:
    """ "When I last did it", in words: today, yesterday, 3 days ago, or the date."""
    if last_done is None:
        return "Not noted yet"
    days = (today - last_done).days
    if days <= 0:
        return "Last done today"
    if days == 1:
        return "Last done yesterday"
    if days < RECENT_DAYS:
        return f"Last done {days} days ago"
    return f"Last done on {day_text(last_done)}"


def day_text(day: date) -> str:
    """A day as people write it: 3 Mar 2026."""
    return f"{day.day} {day:%b %Y}"


def check_day(day: date, today: date) -> str | None:
    """Why ``day`` cannot be when it was last done, or None if it can."""
    if (day - today).days > 0:
        return "That day hasn't come yet. Choose today or an earlier day, or leave it empty."
    return None
