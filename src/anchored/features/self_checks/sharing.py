"""What a therapist sees of the self-checks a person shares (hosted mode): each
questionnaire taken since the grant's first day, every result with its scores and score
ranges, the change over the period (reliable change where the questionnaire publishes a
figure), and which ones are due as the person scheduled them. Answers stay the person's:
only scores are shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.core.weeks import local_midnight
from anchored.features.self_checks import progress, shown
from anchored.features.self_checks import service as self_checks
from anchored.features.self_checks.instrument import Instrument
from anchored.manifest import SharedPart


@dataclass(frozen=True, slots=True)
class Taken:
    at: datetime
    lines: list[shown.Line]


@dataclass(frozen=True, slots=True)
class Shared:
    instrument: Instrument
    taken: list[Taken]  # oldest first
    changes: list[str]


def _heading(instrument: Instrument) -> str:
    return f"{instrument.short_name} ({instrument.name})"


def view(
    session: Session,
    owner: Owner,
    *,
    since: date,
    now: datetime,
    picked: frozenset[int] | None = None,
) -> SharedPart:
    start = local_midnight(since)
    found: list[Shared] = []
    for instrument in self_checks.load_catalogue().instruments:
        inside = [
            r
            for r in reversed(self_checks.results(session, owner, instrument.id))
            if start <= r.taken_at <= now
        ]
        if not inside:
            continue
        taken = [
            Taken(r.taken_at, shown.lines(instrument, self_checks.score_of(r))) for r in inside
        ]
        found.append(Shared(instrument, taken, []))
    changes = dict(progress.summary_lines(session, owner, since=start, until=now, zone=None))
    found = [
        Shared(
            s.instrument,
            s.taken,
            changes.get(f"{s.instrument.short_name} ({s.instrument.name})", [])[1:],
        )
        for s in found
    ]
    due = [s for s in self_checks.statuses(session, owner, now=now) if s.next_due is not None]
    context: dict[str, Any] = {"checks": found, "scheduled": due}
    return SharedPart("self_checks/_shared.html", context, empty=not found and not due)
