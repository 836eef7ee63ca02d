"""What a therapist sees of the trigger log a person shares (hosted mode): how many triggers
they logged each week from the grant's first day and how many had a new response written (the
log's own progress counts), and the part of the day they came in. Never what they wrote: the
trigger, where it may come from and the responses are their own words. The log keeps no kind
of trigger and no strength, so none is shown."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from anchored.core import patterns
from anchored.core.owner import Owner
from anchored.core.weeks import weeks_from
from anchored.features.trigger_log import progress
from anchored.features.trigger_log.models import TriggerLogEntry
from anchored.manifest import SharedPart


@dataclass(frozen=True, slots=True)
class Week:
    start: date
    logged: int
    new_response: int


def view(
    session: Session,
    owner: Owner,
    *,
    since: date,
    now: datetime,
    picked: frozenset[int] | None = None,
) -> SharedPart:
    period = weeks_from(since, now)
    if period is None:
        return SharedPart("trigger_log/_shared.html", {}, empty=True)
    logged, new = progress.entries_by_week(session, owner, period)
    weeks = [Week(start, n, k) for start, n, k in zip(period.starts, logged, new, strict=True) if n]
    moments = session.scalars(
        select(TriggerLogEntry.created_at).where(
            TriggerLogEntry.owner_id == owner.id,
            TriggerLogEntry.created_at >= period.since,
            TriggerLogEntry.created_at <= now,
        )
    ).all()
    parts = Counter(patterns.part_of_day(at, period.zone) for at in moments)
    times = [(words, parts[name]) for name, words, _start in patterns.PARTS_OF_DAY]
    context = {
        "weeks": weeks,
        "total": sum(logged),
        "new": sum(new),
        "times": times,
        "first": period.first,
    }
    return SharedPart("trigger_log/_shared.html", context, empty=not weeks)
