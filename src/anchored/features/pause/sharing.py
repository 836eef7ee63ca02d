"""What a therapist sees of the pauses a person shares (hosted mode): how many pauses each week
from the grant's first day, the urge before and after (the week's average, where rated), and
how the pauses ended (the choice made on the end screen). Never a word the person wrote: not
what happened, not the held message, not the thoughts sorted, not the note. A pause keeps no
kind of urge (what happened is in their own words), so none is shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.core.weeks import weeks_from
from anchored.features.pause import progress, rules
from anchored.features.pause.models import PauseEpisode
from anchored.manifest import SharedPart


@dataclass(frozen=True, slots=True)
class Week:
    start: date
    pauses: int
    before: float | None  # the average urge before, 0-10, where rated
    after: float | None


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
        return SharedPart("pause/_shared.html", {}, empty=True)
    started = session.scalars(
        select(PauseEpisode.started_at).where(
            PauseEpisode.owner_id == owner.id,
            PauseEpisode.started_at >= period.since,
            PauseEpisode.started_at <= now,
        )
    ).all()
    counts = period.per_week(started)
    before, after = progress.urges(session, owner, period)
    weeks = [
        Week(start, n, b, a)
        for start, n, b, a in zip(period.starts, counts, before, after, strict=True)
        if n
    ]
    ended = {
        label: n
        for label, n in progress.endings(session, owner, period.since, period.until).items()
        if n
    }
    context = {
        "weeks": weeks,
        "total": sum(counts),
        "ended": ended,
        "low": rules.URGE_MIN,
        "high": rules.URGE_MAX,
        "first": period.first,
    }
    return SharedPart("pause/_shared.html", context, empty=not weeks)
