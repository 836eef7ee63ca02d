"""Check-in rules on plain values: intensities, own tags, notes, days of history.

Nothing here touches the database: the service checks a check-in against content and the
person's own tags, and these functions do the parts that need no lookup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Final, TypeVar

from anchored.core.limits import too_long
from anchored.core.own_names import OwnKind
from anchored.core.rating import RATING_MAX, RATING_MIN, parse_rating

T = TypeVar("T")

INTENSITY_MIN: Final = RATING_MIN
INTENSITY_MAX: Final = RATING_MAX
# A word ticked without a number is saved at the middle of the scale: the tick is what counts.
DEFAULT_INTENSITY: Final = 5
NOTE_MAX: Final = 5_000
FACTOR_NAME_MAX: Final = 60  # a built-in factor's name, and a tag a person adds
OWN_FACTORS_MAX: Final = 40
# The person's own tags: names checked with the same rule and words as other own items.
OWN_TAGS: Final = OwnKind("tag", "tags", max_length=FACTOR_NAME_MAX, max_count=OWN_FACTORS_MAX)
YEARS: Final = (1900, 2100)

INTENSITY_MESSAGE: Final = (
    f"Use a whole number from {INTENSITY_MIN} (barely there) to {INTENSITY_MAX} (as strong as "
    "it gets)."
)


def check_intensity(value: int) -> int:
    """``value`` if it is on the 0-10 scale; otherwise ValueError with a plain message."""
    checked = parse_rating(value, INTENSITY_MESSAGE)
    assert checked is not None
    return checked


def parse_intensity(text: str | None) -> int:
    """What was typed in an intensity box: '' means the default, else a whole number 0-10."""
    checked = parse_rating(text or "", INTENSITY_MESSAGE)
    return DEFAULT_INTENSITY if checked is None else checked


def note_problem(note: str) -> str | None:
    """Why a note is too long to keep, or None if it fits."""
    return too_long(note, NOTE_MAX, "A note")


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def local_date(at: datetime, zone: tzinfo | None = None) -> date:
    """The calendar day ``at`` falls on where the person is (``None``: this machine's zone)."""
    return _aware(at).astimezone(zone).date()


def group_by_day(
    items: Sequence[T], when: Callable[[T], datetime], zone: tzinfo | None = None
) -> list[tuple[date, list[T]]]:
    """Runs of ``items`` that fall on the same local day, in the order given.

    Items come newest first from the database, so days come newest first too; an item is never
    moved, only grouped with its neighbours.
    """
    days: list[tuple[date, list[T]]] = []
    for item in items:
        day = local_date(when(item), zone)
        if days and days[-1][0] == day:
            days[-1][1].append(item)
        else:
            days.append((day, [item]))
    return days


def day_heading(day: date, today: date) -> str:
    """'Today', 'Yesterday', or the date written out, e.g. 'Monday 23 November 2026'."""
    written = f"{day:%A} {day.day} {day:%B %Y}"
    if day == today:
        return f"Today, {written}"
    if day == today - timedelta(days=1):
        return f"Yesterday, {written}"
    return written


def parse_local_datetime(text: str, zone: tzinfo | None = None) -> datetime | None:
    """A `datetime-local` value in the person's time zone; '' means now (None).

    ValueError with a plain message if it is not a date and time the form could send.
    """
    text = text.strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            "Use a date and time like 2026-11-23 21:30 (year-month-day hour:minute)."
        ) from None
    if not YEARS[0] <= parsed.year <= YEARS[1]:
        raise ValueError(f"Choose a date between the years {YEARS[0]} and {YEARS[1]}.")
    if parsed.tzinfo is not None:
        return parsed
    # No zone given: the server runs on the person's machine, so it is their local time.
    return parsed.replace(tzinfo=zone) if zone is not None else parsed.astimezone()


def split_emotion_answer(text: str) -> tuple[str, str | None]:
    """A feeling as typed in the terminal: 'lonely=7', 'lonely 7', 'lonely: 7' or 'lonely'.

    Returns the word(s) and the number as typed (None when no number was given), so the
    caller can look the word up and check the number with its own messages.
    """
    text = text.strip()
    match = re.fullmatch(r"(.*?)\s*[=:]\s*(\S*)|(.*?)\s+(-?[0-9]+)", text)
    if match is None:
        return text, None
    if match.group(1) is not None:
        return match.group(1).strip(), match.group(2)
    return match.group(3).strip(), match.group(4)
