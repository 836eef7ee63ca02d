"""What the reassurance tracker contributes to the progress pages (the manifest's
``progress`` hooks): urges against times acted by week, when urges come, and whether acting
on them is falling."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo

from sqlalchemy import bindparam, case, func, select
from sqlalchemy.orm import Session

from anchored.core import patterns
from anchored.core.owner import Owner
from anchored.core.weeks import Period
from anchored.features.reassurance.models import ReassuranceEvent
from anchored.features.reassurance.rules import ACT, URGE
from anchored.manifest import Insight, ProgressPart, Series, WeekLine

_EVENTS = ReassuranceEvent.__table__
# Built once: a year holds thousands of taps, read as plain rows.
_TAPS = select(_EVENTS.c.kind, _EVENTS.c.at).where(
    _EVENTS.c.owner_id == bindparam("owner"),
    _EVENTS.c.at >= bindparam("since"),
    _EVENTS.c.at < bindparam("until"),
)


def taps_by_week(session: Session, owner: Owner, period: Period) -> tuple[list[int], list[int]]:
    """Urges and acts per week of ``period``."""
    params = {"owner": owner.id, "since": period.since, "until": period.until}
    rows = session.connection().execute(_TAPS, params).all()
    urges = period.per_week(at for kind, at in rows if kind == URGE)
    acts = period.per_week(at for kind, at in rows if kind == ACT)
    return urges, acts


def progress_parts(
    session: Session,
    owner: Owner,
    *,
    period: Period,
    asked: Mapping[str, tuple[str, ...]],
    now: datetime,
) -> list[ProgressPart]:
    labels = period.labels
    urges, acts = taps_by_week(session, owner, period)
    seen = any(urges) or any(acts)

    def points(counts: list[int]) -> tuple[tuple[str, float | None], ...]:
        return tuple((label, float(n)) for label, n in zip(labels, counts, strict=True))

    return [
        ProgressPart(
            key="reassurance",
            title="Checking urges, and the times you acted on them",
            kind="bar",
            series=(
                Series("Urges", points(urges) if seen else ()),
                Series("Did it", points(acts) if seen else ()),
            ),
            labels=labels,
            unit="taps in the tracker each week",
            text="Each urge you noticed, beside each time you checked or asked.",
            href="/reassurance",
            empty="Tap the tracker when an urge to check comes, to see urges and acts by week.",
            order=50,
        )
    ]


def progress_insights(
    session: Session,
    owner: Owner,
    *,
    now: datetime,
    zone: tzinfo | None,
    since: datetime | None = None,
) -> list[Insight]:
    """When urges cluster (8 or more in the last 12 weeks), and acting on them in the last
    four weeks against the four before (8 or more acts between them)."""
    found = []
    if patterns.covers(since, now - patterns.RECENT):
        urge_times = session.scalars(
            select(ReassuranceEvent.at).where(
                ReassuranceEvent.owner_id == owner.id,
                ReassuranceEvent.kind == URGE,
                ReassuranceEvent.at >= now - patterns.RECENT,
                ReassuranceEvent.at <= now,
            )
        ).all()
        timing = patterns.timing_sentence("Urges to check", urge_times, zone)
        if timing:
            found.append(Insight(timing, "/reassurance", "See the tracker", order=50))
    split = now - patterns.STRETCH
    if not patterns.covers(since, split - patterns.STRETCH):
        return found
    recent = func.sum(case((ReassuranceEvent.at >= split, 1), else_=0))
    recent_count, total = session.execute(
        select(recent, func.count()).where(
            ReassuranceEvent.owner_id == owner.id,
            ReassuranceEvent.kind == ACT,
            ReassuranceEvent.at >= split - patterns.STRETCH,
            ReassuranceEvent.at <= now,
        )
    ).one()
    recent_count = int(recent_count or 0)
    trend = patterns.trend_sentence(
        "acted on a checking urge", recent_count, int(total) - recent_count
    )
    if trend:
        found.append(Insight(trend, "/reassurance", "See the tracker", order=51))
    return found


def progress_week(
    session: Session, owner: Owner, *, period: Period, now: datetime
) -> list[WeekLine]:
    urges, acts = taps_by_week(session, owner, period)
    if not urges[0] and not acts[0]:
        return [WeekLine("No urges to check tapped this week.", "/reassurance", order=30)]
    return [
        WeekLine(
            f"Urges to check noticed: {urges[0]}. Times you checked or asked: {acts[0]}.",
            "/reassurance",
            order=30,
        )
    ]
