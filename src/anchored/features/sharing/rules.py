"""Sharing's pure rules: how long a grant lasts, when one is in force, what a grant's
categories are, and what a therapist's note may hold."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, datetime, timedelta

# How long a grant lasts, in months, as the person picks it (default six months).
DURATIONS = (1, 3, 6, 12)
DEFAULT_MONTHS = 6
# What "from which date" offers first: the last three months.
DEFAULT_SINCE_DAYS = 91
NOTE_LIMIT = 500


def add_months(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` later (the month's last day when it is shorter)."""
    month0 = moment.month - 1 + months
    year, month = moment.year + month0 // 12, month0 % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def ends_at(start: datetime, months: int) -> datetime:
    if months not in DURATIONS:
        raise ValueError(f"a grant lasts one of {DURATIONS} months")
    return add_months(start, months)


def in_force(revoked_at: datetime | None, ends: datetime, now: datetime) -> bool:
    """A grant counts until it is revoked or its period ends, whichever comes first."""
    return revoked_at is None and now < ends


def codes(stored: str) -> tuple[str, ...]:
    return tuple(code for code in stored.split() if code)


def stored(chosen: Iterable[str], known: Iterable[str]) -> str:
    """The categories to store: only known codes, each once, in the order ``known`` gives."""
    wanted = set(chosen)
    return " ".join(code for code in known if code in wanted)


def since_default(today: date) -> date:
    return today - timedelta(days=DEFAULT_SINCE_DAYS)


def clean_note(text: str) -> str:
    return text.strip()
