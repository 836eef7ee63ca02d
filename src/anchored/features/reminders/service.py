"""Which reminders the person wants, kept in the vault (one short value per kind, and their
time zone), and the calendar file made from them. No words of theirs go into the file."""

from __future__ import annotations

import contextlib
import hashlib
import os
import zoneinfo
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput
from anchored.core.owner import Owner
from anchored.features.reminders import rules
from anchored.features.reminders.content import ReminderKind, load_reminders
from anchored.services.owner_preferences import read_preference, write_preference

KEY = "reminder.{kind}"
ZONE_KEY = "reminder.zone"
FILE_NAME = "anchored-reminders.ics"


@dataclass(frozen=True, slots=True)
class Reminder:
    kind: ReminderKind
    plan: rules.Plan


def default_plan(kind: ReminderKind) -> rules.Plan:
    return rules.Plan(
        kind.id, False, tuple(kind.days), time.fromisoformat(kind.time), kind.every_weeks
    )


def reminders(session: Session, owner: Owner) -> list[Reminder]:
    """Every kind of reminder with the person's plan for it (off until they turn it on)."""
    return [
        Reminder(
            kind,
            rules.decode(
                kind.id,
                read_preference(session, owner, KEY.format(kind=kind.id)),
                default_plan(kind),
            ),
        )
        for kind in load_reminders().kinds
    ]


def zone(session: Session, owner: Owner) -> str:
    """The time zone the reminders are in: the person's choice, else this computer's."""
    saved = read_preference(session, owner, ZONE_KEY)
    return saved if saved and known_zone(saved) else local_zone()


def known_zone(name: str) -> bool:
    if not name or len(name) > 64 or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def local_zone() -> str:
    """This computer's time zone by its name (``Europe/London``), or UTC if it has none."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        candidates.append(target.split("zoneinfo/", 1)[1])
    return next((name for name in candidates if known_zone(name)), "UTC")


def save_reminders(
    session: Session, owner: Owner, form: Mapping[str, Sequence[str]], *, zone_name: str
) -> list[Reminder]:
    """Keep the plans sent by the form (``<kind>-on``, ``<kind>-days`` (several),
    ``<kind>-time``, ``<kind>-every``) and the zone. Nothing is kept unless all are right."""
    errors: dict[str, str] = {}
    plans = []
    for kind in load_reminders().kinds:

        def one(name: str, default: str = "", kind: ReminderKind = kind) -> str:
            values = form.get(f"{kind.id}-{name}") or [default]
            return values[0]

        try:
            plans.append(
                rules.checked(
                    kind.id,
                    one("on") == "yes",
                    form.get(f"{kind.id}-days") or [],
                    one("time"),
                    one("every", "1"),
                )
            )
        except ValueError as exc:
            errors[f"{kind.id}-{exc}"] = _PROBLEMS[str(exc)]
    zone_name = zone_name.strip()
    if not known_zone(zone_name):
        errors["zone"] = "Type a time zone by its name, such as Europe/London or America/Chicago."
    if errors:
        raise InvalidInput(errors)
    for plan in plans:
        write_preference(session, owner, KEY.format(kind=plan.kind), plan.encode())
    write_preference(session, owner, ZONE_KEY, zone_name)
    return reminders(session, owner)


_PROBLEMS = {
    "days": "Choose at least one day for a reminder that is on.",
    "time": "Give a time such as 09:00.",
    "every": "Choose how often from the list.",
}


def calendar_file(session: Session, owner: Owner, *, now: datetime) -> str:
    """The ``.ics`` text for the reminders that are on (a calendar with no events if none)."""
    content = load_reminders()
    name = zone(session, owner)
    events = [
        rules.Event(_uid(r.kind.id), r.kind.title, r.plan)
        for r in reminders(session, owner)
        if r.plan.on
    ]
    return rules.calendar_text(
        events, zone=name, tz=zoneinfo.ZoneInfo(name), now=now, description=content.description
    )


def _uid(kind: str) -> str:
    """The same for a kind each time (a calendar updates the event when the file is imported
    again) and saying nothing about what it is for."""
    return f"{hashlib.sha256(kind.encode()).hexdigest()[:16]}@reminders.anchored.invalid"


def any_on(session: Session, owner: Owner) -> bool:
    return any(r.plan.on for r in reminders(session, owner))
