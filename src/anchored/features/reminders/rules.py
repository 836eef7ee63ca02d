"""Reminders as an iCalendar file (RFC 5545): pure, so every rule is tested without a clock.

Each reminder the person turned on is one weekly repeating event (``RRULE``) at their local
time (``DTSTART;TZID=…``, with a ``VTIMEZONE`` describing that zone's offsets), with a neutral
title and a notification at the time itself. Nothing the person wrote goes into the file.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # date.weekday() order
DAY_NAMES = dict(zip(WEEKDAYS, calendar.day_name, strict=True))
EVERY_WEEKS = (1, 2, 4)
PRODID = "-//Anchored//Reminders//EN"
DURATION_MINUTES = 10


@dataclass(frozen=True, slots=True)
class Plan:
    """One kind of reminder as the person set it."""

    kind: str
    on: bool
    days: tuple[str, ...]  # some of WEEKDAYS, in week order
    at: time
    every_weeks: int = 1

    def encode(self) -> str:
        """As kept in the vault: ``on|MO,WE|09:00|1``."""
        return "|".join(
            (
                "on" if self.on else "off",
                ",".join(self.days),
                self.at.strftime("%H:%M"),
                str(self.every_weeks),
            )
        )


def decode(kind: str, text: str | None, default: Plan) -> Plan:
    """A kept plan; anything unreadable is the default (turned off)."""
    if not text:
        return default
    parts = text.split("|")
    if len(parts) != 4:
        return default
    on, days, at, every = parts
    try:
        plan = checked(kind, on == "on", days.split(","), at, every)
    except ValueError:
        return default
    return plan


def checked(kind: str, on: bool, days: Iterable[str], at: str, every: str) -> Plan:
    """A plan from what a form sends; ValueError (with the field) when it cannot be one."""
    chosen = {d.strip().upper() for d in days if d.strip()}
    if not chosen <= set(WEEKDAYS) or (on and not chosen):
        raise ValueError("days")
    try:
        when = time.fromisoformat(at.strip())
    except ValueError:
        raise ValueError("time") from None
    if len(at.strip()) != 5 or when.second or when.microsecond:
        raise ValueError("time")
    if not every.strip().isdigit() or int(every) not in EVERY_WEEKS:
        raise ValueError("every")
    return Plan(kind, on, tuple(d for d in WEEKDAYS if d in chosen), when, int(every))


def first_day(today: date, days: Sequence[str]) -> date:
    """The first date from ``today`` on that falls on one of ``days``."""
    for ahead in range(7):
        candidate = today + timedelta(days=ahead)
        if WEEKDAYS[candidate.weekday()] in days:
            return candidate
    raise ValueError("no days chosen")


def rrule(plan: Plan) -> str:
    interval = f";INTERVAL={plan.every_weeks}" if plan.every_weeks > 1 else ""
    return f"FREQ=WEEKLY{interval};BYDAY={','.join(plan.days)};WKST=MO"


# -- the file ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Event:
    uid: str
    title: str
    plan: Plan


def calendar_text(
    events: Sequence[Event], *, zone: str, tz: tzinfo, now: datetime, description: str
) -> str:
    """The whole ``.ics`` file: CRLF line ends, lines folded at 75 octets."""
    local_today = now.astimezone(tz).date()
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-TIMEZONE:{zone}",
        *vtimezone(zone, tz, local_today.year),
    ]
    for event in events:
        start = datetime.combine(first_day(local_today, event.plan.days), event.plan.at)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;TZID={zone}:{start:%Y%m%dT%H%M%S}",
            f"DURATION:PT{DURATION_MINUTES}M",
            f"RRULE:{rrule(event.plan)}",
            f"SUMMARY:{escape(event.title)}",
            f"DESCRIPTION:{escape(description)}",
            "TRANSP:TRANSPARENT",
            "CLASS:PRIVATE",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape(event.title)}",
            "TRIGGER:PT0M",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11)."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str, limit: int = 75) -> str:
    """Split a content line into pieces of at most ``limit`` octets (never inside a
    character), each continued on a line starting with one space."""
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > (limit if not pieces else limit - 1):
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


# -- the time zone -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Transition:
    at_utc: datetime
    before: timedelta
    after: timedelta
    dst: bool
    name: str


def transitions(tz: tzinfo, year: int) -> list[Transition]:
    """When the zone's offset from UTC changes during ``year`` (to the minute)."""
    found = []
    start = datetime(year, 1, 1, tzinfo=UTC)
    day = timedelta(days=1)
    previous = _offset(tz, start)
    moment = start
    while moment.year == year:
        following = moment + day
        offset = _offset(tz, following)
        if offset != previous:
            low, high = moment, following  # offset(low) == previous, offset(high) != previous
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) / 2
                middle = middle.replace(second=0, microsecond=0)
                if middle <= low:
                    break
                if _offset(tz, middle) == previous:
                    low = middle
                else:
                    high = middle
            local = high.astimezone(tz)
            found.append(
                Transition(high, previous, offset, bool(local.dst()), local.tzname() or "")
            )
            previous = offset
        moment = following
    return found


def _offset(tz: tzinfo, moment: datetime) -> timedelta:
    return moment.astimezone(tz).utcoffset() or timedelta(0)


def vtimezone(zone: str, tz: tzinfo, year: int) -> list[str]:
    """The zone's ``VTIMEZONE``: one yearly rule per kind of change when the change falls on
    the same weekday of the same month in ``year`` and the next two years (as daylight saving
    time does); otherwise each change from ``year`` on, one by one, for ten years."""
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone}"]
    changes = [transitions(tz, y) for y in range(year, year + 3)]
    if not any(changes):
        offset = _offset(tz, datetime(year, 1, 1, tzinfo=UTC))
        name = datetime(year, 1, 1, tzinfo=UTC).astimezone(tz).tzname() or zone
        lines += _component(False, datetime(1970, 1, 1), offset, offset, name)
    elif all(len(c) == len(changes[0]) for c in changes) and all(
        len({_yearly_rule(c[i]) for c in changes}) == 1 for i in range(len(changes[0]))
    ):
        for change in changes[0]:
            lines += _component(
                change.dst,
                _local_start(change),
                change.before,
                change.after,
                change.name,
                rule=_yearly_rule(change),
            )
    else:
        first = datetime(year, 1, 1, tzinfo=UTC)
        offset = _offset(tz, first)
        lines += _component(
            bool(first.astimezone(tz).dst()),
            datetime(year, 1, 1),
            offset,
            offset,
            first.astimezone(tz).tzname() or zone,
        )
        for y in range(year, year + 10):
            for change in transitions(tz, y):
                lines += _component(
                    change.dst, _local_start(change), change.before, change.after, change.name
                )
    return [*lines, "END:VTIMEZONE"]


def _local_start(change: Transition) -> datetime:
    """When the change happens, in local time as it was just before (RFC 5545 3.6.5)."""
    return (change.at_utc + change.before).replace(tzinfo=None)


def _yearly_rule(change: Transition) -> str:
    start = _local_start(change)
    last = start.day + 7 > calendar.monthrange(start.year, start.month)[1]
    which = -1 if last else (start.day - 1) // 7 + 1
    return (
        f"FREQ=YEARLY;BYMONTH={start.month};BYDAY={which}{WEEKDAYS[start.weekday()]}"
        f"|{start:%H%M%S}|{change.before}|{change.after}"
    )


def _component(
    dst: bool,
    start: datetime,
    before: timedelta,
    after: timedelta,
    name: str,
    *,
    rule: str = "",
) -> list[str]:
    kind = "DAYLIGHT" if dst else "STANDARD"
    lines = [
        f"BEGIN:{kind}",
        f"DTSTART:{start:%Y%m%dT%H%M%S}",
        f"TZOFFSETFROM:{_utc_offset(before)}",
        f"TZOFFSETTO:{_utc_offset(after)}",
    ]
    if rule:
        lines.append(f"RRULE:{rule.split('|')[0]}")
    if name:
        lines.append(f"TZNAME:{escape(name)}")
    return [*lines, f"END:{kind}"]


def _utc_offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{rest:02d}"
