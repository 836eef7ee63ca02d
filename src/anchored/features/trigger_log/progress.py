"""What the trigger log contributes to the progress pages (the manifest's ``progress``
hooks): entries by week and how many tried a new response, when triggers come, the week."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from anchored.core import patterns
from anchored.core.owner import Owner
from anchored.core.weeks import Period
from anchored.features.trigger_log.models import TriggerLogEntry
from anchored.manifest import Insight, ProgressPart, Series, WeekLine


def entries_by_week(session: Session, owner: Owner, period: Period) -> tuple[list[int], list[int]]:
    """Entries per week of ``period``, and of those, the ones with a new response written."""
    query = select(TriggerLogEntry.created_at, TriggerLogEntry.new_response != "").where(
        TriggerLogEntry.owner_id == owner.id,
        TriggerLogEntry.created_at >= period.since,
        TriggerLogEntry.created_at < period.until,
    )
    rows = session.execute(query).all()
    return (
        period.per_week(at for at, _new in rows),
        period.per_week(at for at, new in rows if new),
    )


def progress_parts(
    session: Session,
    owner: Owner,
    *,
    period: Period,
    asked: Mapping[str, tuple[str, ...]],
    now: datetime,
) -> list[ProgressPart]:
    labels = period.labels
    entries, new = entries_by_week(session, owner, period)

    def points(counts: list[int]) -> tuple[tuple[str, float | None], ...]:
        if not any(entries):
            return ()
        return tuple((label, float(n)) for label, n in zip(labels, counts, strict=True))

    return [
        ProgressPart(
            key="trigger-log",
            title="Triggers you logged, and new responses you tried",
            kind="bar",
            series=(
                Series("Triggers logged", points(entries)),
                Series("With a new response", points(new)),
            ),
            labels=labels,
            unit="trigger log entries each week",
            text="Each trigger you wrote down, and how many had a new response written.",
            href="/trigger-log",
            empty="Write down a trigger in your trigger log to see how often they come.",
            start="/trigger-log/new",
            order=70,
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
    """When triggers were logged (8 or more in the last 12 weeks)."""
    if not patterns.covers(since, now - patterns.RECENT):
        return []
    moments = session.scalars(
        select(TriggerLogEntry.created_at).where(
            TriggerLogEntry.owner_id == owner.id,
            TriggerLogEntry.created_at >= now - patterns.RECENT,
            TriggerLogEntry.created_at <= now,
        )
    ).all()
    timing = patterns.timing_sentence("The triggers you logged", moments, zone)
    return [Insight(timing, "/trigger-log", "See your trigger log", order=70)] if timing else []


def progress_week(
    session: Session, owner: Owner, *, period: Period, now: datetime
) -> list[WeekLine]:
    entries, new = entries_by_week(session, owner, period)
    if not entries[0]:
        return []
    text = "1 trigger logged" if entries[0] == 1 else f"{entries[0]} triggers logged"
    return [WeekLine(f"{text}; {new[0]} with a new response.", "/trigger-log", order=50)]
