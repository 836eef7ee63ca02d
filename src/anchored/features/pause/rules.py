"""Pause rules on plain values: timer lengths, time left, duration, urge ratings, decisions.

The server's clock is the only clock: every function takes ``now`` (an aware datetime), so the
time left is right with JavaScript off, after a reload, and in tests.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final, Literal

from anchored.core.limits import too_long
from anchored.core.rating import RATING_MAX, RATING_MIN, parse_rating

DEFAULT_MINUTES: Final = 20
MINUTE_CHOICES: Final = (5, 10, 20, 30)
EXTEND_CHOICES: Final = (5, 10)
# A pause may be stretched, but not into a whole evening: long enough to sleep on it is enough.
MAX_MINUTES: Final = 120
LONGEST_MESSAGE: Final = f"A pause can run for up to {MAX_MINUTES // 60} hours in all."
# A timer that ran out this long ago and was never finished counts as left without an ending.
ABANDON_AFTER: Final = timedelta(hours=2)

URGE_MIN: Final = RATING_MIN
URGE_MAX: Final = RATING_MAX

RUNNING: Final = "running"
FINISHED: Final = "finished"
ABANDONED: Final = "abandoned"

Kind = Literal["fact", "feeling", ""]
KINDS: Final = ("fact", "feeling")

# What the person chose to do with the message they held. Keys are stored; values are shown.
DECISIONS: Final[Mapping[str, str]] = {
    "sent_as_is": "Sent it as it was",
    "sent_changed": "Sent a changed message",
    "not_sent": "Didn't send it",
    "something_else": "Did something else",
}
# The same choices, worded as options on the end screen.
DECISION_CHOICES: Final[Mapping[str, str]] = {
    "sent_as_is": "Send it as it is",
    "sent_changed": "Change it, then send",
    "not_sent": "Don't send it",
    "something_else": "Do something else instead",
}

# A finished pause that ended without sending (the person waited, or did something else
# instead) can be logged as a win in one tap, in these words (the duration goes in {duration}).
WIN_TEXTS: Final[Mapping[str, str]] = {
    "not_sent": "I paused for {duration} and didn't send the message.",
    "something_else": "I paused for {duration} and did something else instead of reacting.",
}

WHAT_HAPPENED_MAX: Final = 1_000
MESSAGE_MAX: Final = 5_000
NOTE_MAX: Final = 5_000
STATEMENT_MAX: Final = 500
STATEMENTS_MAX: Final = 20


# -- time -------------------------------------------------------------------------------------


def check_minutes(minutes: int, choices: Sequence[int] = MINUTE_CHOICES) -> int:
    """``minutes`` if it is one of ``choices``; otherwise ValueError with a plain message."""
    if minutes not in choices:
        listed = ", ".join(str(m) for m in choices[:-1]) + f" or {choices[-1]}"
        raise ValueError(f"Choose {listed} minutes.")
    return minutes


def minutes_from(text: str) -> int:
    """A number of minutes from a form, or -1 (which no check accepts) if it is not one."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 4 else -1


def remaining_seconds(ends_at: datetime, now: datetime) -> int:
    """Whole seconds left on the timer, rounded up so 0 means the time is really up."""
    return max(0, math.ceil((ends_at - now).total_seconds()))


def is_time_up(ends_at: datetime, now: datetime) -> bool:
    return remaining_seconds(ends_at, now) == 0


def is_stale(ends_at: datetime, now: datetime) -> bool:
    """A running pause whose timer ran out long ago: it was left without an ending."""
    return now - ends_at >= ABANDON_AFTER


def extended_end(ends_at: datetime, now: datetime, minutes: int) -> datetime:
    """More time counts from now if the timer has already run out, else from its end."""
    check_minutes(minutes, EXTEND_CHOICES)
    return max(ends_at, now) + timedelta(minutes=minutes)


def planned_minutes(started_at: datetime, ends_at: datetime) -> int:
    """The timer's length in whole minutes (rounded up), as the history shows it."""
    return max(0, math.ceil((ends_at - started_at).total_seconds() / 60))


def duration_seconds(started_at: datetime, ends_at: datetime, ended_at: datetime | None) -> int:
    """How long the person actually paused: until the timer stopped or they stopped, if sooner.

    A still-running pause passes ``ended_at=now``.
    """
    stop = ends_at if ended_at is None else min(ends_at, ended_at)
    return max(0, int((stop - started_at).total_seconds()))


def clock_text(seconds: int) -> str:
    """``13:00``-style time left (minutes may exceed 59)."""
    minutes, seconds = divmod(max(0, seconds), 60)
    return f"{minutes}:{seconds:02d}"


def minutes_left_text(seconds: int) -> str:
    """The time left in words, counted in whole minutes rounded up: '13 minutes left'."""
    if seconds <= 0:
        return "Time's up"
    if seconds < 60:
        return "Less than a minute left"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''} left"


def duration_text(seconds: int) -> str:
    """'less than a minute', '1 minute', '20 minutes', '1 hour 5 minutes'."""
    minutes = seconds // 60
    if minutes < 1:
        return "less than a minute"
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)


# -- a pause that keeps nothing ---------------------------------------------------------------
# Without an open vault (locked, or before setup) a pause stores nothing anywhere: its start and
# end travel in the page as whole seconds since 1970, and every press of a button sends them
# back. They hold nothing private, so they are not signed; whatever comes back is only ever
# held to a pause that could be real.

# A start older than this is not a pause anyone is still in: the page starts a new one.
CARRIED_MAX_AGE: Final = ABANDON_AFTER + timedelta(minutes=MAX_MINUTES)
_EPOCH_DIGITS: Final = 12


def carried_text(when: datetime) -> str:
    """How a time travels in the page."""
    return str(int(when.timestamp()))


def _carried(text: str | None) -> datetime | None:
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > _EPOCH_DIGITS:
        return None
    try:
        return datetime.fromtimestamp(int(text), UTC)
    except (OverflowError, OSError, ValueError):  # past the year 9999
        return None


def carried_times(
    started: str | None, ends: str | None, now: datetime
) -> tuple[datetime, datetime]:
    """The start and the end of the timer, as the page sent them back.

    A start that is missing, unreadable, in the future or long past gives a fresh pause of
    the default length from ``now``; an end is kept between the start and the longest pause.
    """
    start = _carried(started)
    if start is None or start > now or now - start > CARRIED_MAX_AGE:
        return now, now + timedelta(minutes=DEFAULT_MINUTES)
    end = _carried(ends)
    if end is None:
        end = start + timedelta(minutes=DEFAULT_MINUTES)
    return start, min(max(end, start), start + timedelta(minutes=MAX_MINUTES))


def kinds_by_text(answers: Iterable[tuple[str, str]]) -> dict[str, Kind]:
    """The answers a page sent back, (thought, kind), by the thought's text: a thought keeps
    its answer however the lines around it change. ValueError for an answer that is not one."""
    found: dict[str, Kind] = {}
    for text, kind in answers:
        found[text.strip()] = check_kind(kind)
    return found


def sorted_lines(lines: Sequence[str], answers: Mapping[str, Kind]) -> list[tuple[str, Kind]]:
    """Each line with its answer, if it was sorted before."""
    return [(line, answers.get(line, "")) for line in lines]


# -- what the person writes -------------------------------------------------------------------


def parse_urge(value: str | int | None) -> int | None:
    """A rating from 0 to 10, or None if left empty; ValueError with a plain message if wrong."""
    return parse_rating(value, URGE_MESSAGE)


URGE_MESSAGE = (
    f"Choose a number from {URGE_MIN} (no urge at all) to {URGE_MAX} (the strongest it gets)."
)


def check_decision(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if value not in DECISIONS:
        raise ValueError("Choose one of the options, or leave it for now.")
    return value


def win_text(decision: str | None, duration: str) -> str | None:
    """How a pause that ended in waiting or not sending is logged as a win; None for any other
    ending (sent, or nothing chosen)."""
    template = WIN_TEXTS.get(decision or "")
    return template.format(duration=duration) if template is not None else None


def check_kind(value: str | None) -> Kind:
    if not value:
        return ""
    if value == "fact":
        return "fact"
    if value == "feeling":
        return "feeling"
    raise ValueError("Choose 'I know this for a fact' or 'This is a feeling or a guess'.")


def split_statements(text: str) -> list[str]:
    """One thought per line; blank lines dropped, spaces trimmed."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def check_statements(lines: Sequence[str]) -> str | None:
    """A plain message if there are too many thoughts or one is too long, else None."""
    if len(lines) > STATEMENTS_MAX:
        return f"Up to {STATEMENTS_MAX} thoughts at a time; there are {len(lines)}."
    for number, line in enumerate(lines, start=1):
        if problem := too_long(line, STATEMENT_MAX, f"Thought {number}"):
            return problem
    return None


@dataclass(frozen=True, slots=True)
class KeptStatement:
    """A thought after an edit: ``id`` is the row to keep, or None for a new one."""

    id: int | None
    text: str
    kind: Kind


def sync_statements(
    existing: Iterable[tuple[int, str, Kind]],
    lines: Sequence[str],
    kinds: Mapping[int, Kind],
) -> list[KeptStatement]:
    """Match edited lines to saved thoughts so a sorted thought keeps its answer.

    ``existing`` holds (id, text, kind); ``kinds`` the answers just given, by id. A line whose
    text is unchanged keeps its row (and its new or old answer); other lines are new and
    unsorted. Rows whose text is gone are not in the result (the caller deletes them).
    """
    unused: dict[str, list[tuple[int, Kind]]] = {}
    for row_id, text, kind in existing:
        unused.setdefault(text, []).append((row_id, kind))
    kept = []
    for line in lines:
        candidates = unused.get(line)
        if candidates:
            row_id, kind = candidates.pop(0)
            kept.append(KeptStatement(row_id, line, kinds.get(row_id, kind)))
        else:
            kept.append(KeptStatement(None, line, ""))
    return kept
