"""The trust log's plain rules: who a moment is about, the count of kept and missed moments
per person over a window of days, and reading a date a person typed. Pure: no I/O.

Counts only: no percentages, scores or labels about anyone. Fear tends to remember the
broken promises; the count simply puts the kept ones beside them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

WINDOW_DAYS = 90
EARLIEST = date(1900, 1, 1)


@dataclass(frozen=True, slots=True)
class Moment:
    """What the count needs of one moment."""

    person_id: int | None
    name: str
    kept: bool
    day: date


@dataclass(frozen=True, slots=True)
class PersonCount:
    name: str
    kept: int
    missed: int


def person_key(person_id: int | None, name: str) -> tuple[str, str]:
    """One person: the same support person (by id), or the same typed name whatever its case
    and spacing ("sam", " Sam ")."""
    if person_id is not None:
        return ("person", str(person_id))
    return ("name", " ".join(name.split()).casefold())


def counts(moments: Iterable[Moment], today: date, days: int = WINDOW_DAYS) -> list[PersonCount]:
    """Kept and missed moments per person over the ``days`` days up to ``today`` (both ends
    included), in order of name. The name shown is the one used most recently."""
    start = today - timedelta(days=days - 1)
    found: dict[tuple[str, str], tuple[date, str, int, int]] = {}
    for moment in moments:
        if not start <= moment.day <= today:
            continue
        key = person_key(moment.person_id, moment.name)
        last, name, kept, missed = found.get(key, (date.min, moment.name, 0, 0))
        if moment.day >= last:
            last, name = moment.day, moment.name
        found[key] = (last, name, kept + moment.kept, missed + (not moment.kept))
    shown = [PersonCount(" ".join(n.split()), k, m) for _l, n, k, m in found.values()]
    return sorted(shown, key=lambda c: (c.name.casefold(), c.name))


def parse_day(text: str, today: date) -> date:
    """A date typed as YYYY-MM-DD (as the date box sends it); empty means today. ValueError
    with a message to show for anything else, or a day still to come."""
    text = text.strip()
    if not text:
        return today
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError("Use a date like 2026-11-23 (year-month-day).") from None
    if day > today:
        raise ValueError("That day hasn't come yet. Choose today or an earlier day.")
    if day < EARLIEST:
        raise ValueError("Choose a day from 1900 on.")
    return day
