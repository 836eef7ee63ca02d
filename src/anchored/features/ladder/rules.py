"""Pure rules of the exposure ladder: the 0-100 scale, the order of the rungs, when a rung is
"getting easier", and which rung to try next.

A rung is getting easier once the peak of the fear has come down twice in a row: each of its
last two attempts peaked lower than the attempt before it. It is judged on the latest attempts
only, so a harder day takes it back to "keep practising" (healing is not a straight line),
and an attempt whose peak rose never makes a rung easier. The next rung is the easiest one
not getting easier yet: always one the person put on their own ladder, never a harder one
while an easier rung still needs practice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from itertools import pairwise
from typing import Final

LEVEL_MIN: Final = 0
LEVEL_MAX: Final = 100
FALLS_FOR_EASIER: Final = 2  # the peak came down this many attempts in a row
_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,4}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_level(value: int | str | None, message: str) -> int | None:
    """``value`` as a whole number from 0 to 100; None when blank; ValueError(message) otherwise."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if not _WHOLE_NUMBER.fullmatch(text):
            raise ValueError(message)
        value = int(text)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(message)
    if not LEVEL_MIN <= value <= LEVEL_MAX:
        raise ValueError(message)
    return value


def parse_day(value: date | str | None, message: str) -> date | None:
    """A calendar day (``YYYY-MM-DD``, as a date box sends it); None when blank."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if not text:
        return None
    if not _DAY.fullmatch(text):
        raise ValueError(message)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(message) from None


def local_day(at: datetime, zone: tzinfo | None = None) -> date:
    """The person's calendar day at ``at`` (``zone=None``: the machine's own time zone, as the
    app runs on the person's machine)."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("naive datetimes are ambiguous; pass an aware one")
    return at.astimezone(zone).date()


def getting_easier(peaks: Sequence[int]) -> bool:
    """Whether a rung's attempts (peaks, oldest first) show it getting easier: the last
    :data:`FALLS_FOR_EASIER` attempts each peaked lower than the one before."""
    if len(peaks) < FALLS_FOR_EASIER + 1:
        return False
    latest = peaks[-(FALLS_FOR_EASIER + 1) :]
    return all(later < earlier for earlier, later in pairwise(latest))


@dataclass(frozen=True, slots=True)
class Rung:
    """What the rules need of a rung: its id, how hard the person rated it, and the peaks of
    its attempts, oldest first."""

    id: int
    rating: int
    peaks: tuple[int, ...] = ()

    @property
    def easier(self) -> bool:
        return getting_easier(self.peaks)


def ordered(rungs: Iterable[Rung]) -> list[Rung]:
    """Easiest first: by the person's rating, then in the order they were added."""
    return sorted(rungs, key=lambda rung: (rung.rating, rung.id))


def next_rung(rungs: Iterable[Rung]) -> Rung | None:
    """The rung to practise next: the easiest one not getting easier yet; None when there
    are no rungs, or every rung is getting easier (then the person may add a harder one)."""
    return next((rung for rung in ordered(rungs) if not rung.easier), None)


# -- what the progress page may say about predictions ----------------------------------------

# Said once there are at least this many attempts, and the fear peaked lower than predicted in
# at least this share of them: fewer attempts, or a closer split, say nothing.
MIN_ATTEMPTS_TO_COMPARE: Final = 5
LOWER_SHARE: Final = 0.6


def lower_than_predicted(lower: int, attempts: int) -> str | None:
    """A sentence when the fear often peaked lower than predicted: ``lower`` of ``attempts``
    attempts (all of them, so far). None without enough attempts or a clear enough share."""
    if attempts < MIN_ATTEMPTS_TO_COMPARE or not 0 <= lower <= attempts:
        return None
    if lower / attempts < LOWER_SHARE:
        return None
    return (
        f"In {lower} of your {attempts} ladder attempts, the fear peaked lower than you "
        "predicted. Worth remembering the next time you predict."
    )
