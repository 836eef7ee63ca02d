"""The life-story timeline's plain rules: reading an age or a year, the order of the
timeline, how an event's time is said, and the pacing. Pure: no I/O.

Events are placed by age or by year. When some event has both, the birth year they imply
lets ages and years share one line; without that, events given by age come first (they are
usually childhood), then those given by year.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

AGES = range(0, 121)
EARLIEST_YEAR = 1900
ENOUGH_FOR_TODAY = 3  # events added in one day before the gentle "that's enough for today"


class Placed(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def age(self) -> int | None: ...
    @property
    def year(self) -> int | None: ...


E = TypeVar("E", bound=Placed)


@dataclass(frozen=True, slots=True)
class When:
    age: int | None
    year: int | None


def parse_when(age: str, year: str, this_year: int) -> When:
    """An age (0 to 120) and/or a year (1900 to this year), at least one. ValueError with
    {field: message} in ``args[0]`` for what to fix."""
    errors: dict[str, str] = {}
    found_age = _number(age, AGES, "age", "Give an age as a number from 0 to 120.", errors)
    years = range(EARLIEST_YEAR, this_year + 1)
    found_year = _number(
        year, years, "year", f"Give a year from {EARLIEST_YEAR} to {this_year}.", errors
    )
    if not errors and found_age is None and found_year is None:
        errors["age"] = "Give an age or a year, whichever you remember."
    if errors:
        raise ValueError(errors)
    return When(found_age, found_year)


def _number(
    text: str, allowed: range, field: str, message: str, errors: dict[str, str]
) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) <= 4 and int(text) in allowed):
        errors[field] = message
        return None
    return int(text)


def birth_year(events: Sequence[Placed]) -> int | None:
    """The birth year the events with both an age and a year point to most often (the
    earliest of equally common ones), or None."""
    implied = Counter(e.year - e.age for e in events if e.age is not None and e.year is not None)
    if not implied:
        return None
    most = max(implied.values())
    return min(year for year, seen in implied.items() if seen == most)


def timeline(events: Sequence[E]) -> list[E]:
    """The events in the order they happened, as far as their ages and years tell."""
    born = birth_year(events)

    def key(event: E) -> tuple[int, int, int]:
        if born is not None:
            age = event.age if event.age is not None else (event.year or 0) - born
            return (0, age, event.id)
        if event.age is not None:
            return (0, event.age, event.id)
        return (1, event.year or 0, event.id)

    return sorted(events, key=key)


def when_label(age: int | None, year: int | None) -> str:
    """ "Age 7", "1994", or "1994, age 7"."""
    if age is not None and year is not None:
        return f"{year}, age {age}"
    if age is not None:
        return f"Age {age}"
    return str(year) if year is not None else ""


def enough_for_today(added_today: int, dismissed_today: bool) -> bool:
    """Whether to say "that's enough for today": three events added today, and the person
    has not chosen to go on today."""
    return added_today >= ENOUGH_FOR_TODAY and not dismissed_today
