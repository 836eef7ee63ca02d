"""What thought records contribute to the progress pages (the manifest's ``progress`` hooks):
how strong the feelings were before and after, which thinking traps recur, and the week."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, tzinfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchored.core import patterns
from anchored.core.owner import Owner
from anchored.core.weeks import Period
from anchored.features.thought_record.models import (
    OwnTrap,
    ThoughtRecord,
    ThoughtRecordEmotion,
    ThoughtRecordTrap,
)
from anchored.features.thought_record.trap_content import load_traps
from anchored.manifest import Insight, ProgressPart, Series, WeekLine

SECOND = timedelta(seconds=1)


def before_after(
    session: Session, owner: Owner, since: datetime, until: datetime
) -> list[tuple[datetime, int, int]]:
    """(when, before, after) for each re-rated feeling in finished records in [since, until)."""
    query = (
        select(ThoughtRecord.created_at, ThoughtRecordEmotion.before, ThoughtRecordEmotion.after)
        .join(ThoughtRecordEmotion, ThoughtRecordEmotion.record_id == ThoughtRecord.id)
        .where(ThoughtRecord.owner_id == owner.id, ThoughtRecord.finished_at.is_not(None))
        .where(ThoughtRecord.created_at >= since, ThoughtRecord.created_at < until)
        .where(ThoughtRecordEmotion.after.is_not(None))
    )
    return [
        (at, before, after) for at, before, after in session.execute(query) if after is not None
    ]


def progress_parts(
    session: Session,
    owner: Owner,
    *,
    period: Period,
    asked: Mapping[str, tuple[str, ...]],
    now: datetime,
) -> list[ProgressPart]:
    rows = before_after(session, owner, period.since, period.until)
    labels = period.labels
    before = period.averages((at, float(b)) for at, b, _a in rows)
    after = period.averages((at, float(a)) for at, _b, a in rows)
    return [
        ProgressPart(
            key="thought-records",
            title="Feelings before and after a thought record",
            kind="line",
            series=(
                Series("Before", tuple(zip(labels, before, strict=True))),
                Series("After", tuple(zip(labels, after, strict=True))),
            ),
            labels=labels,
            y_range=(0, 10),
            unit="average strength of the feelings you rated, 0 to 10",
            text="How strong the feelings were when you started, and when you rated them again.",
            href="/thought-records",
            empty="Finish a thought record, rating your feelings again at the end, to see this.",
            start="/thought-records/new",
            order=60,
        )
    ]


def trap_counts(
    session: Session, owner: Owner, since: datetime, until: datetime
) -> tuple[list[tuple[str, int]], int]:
    """Each thinking trap's name with the number of finished records in [since, until) that
    spotted it (counted in SQL), and how many finished records there were."""
    finished = (
        ThoughtRecord.owner_id == owner.id,
        ThoughtRecord.finished_at.is_not(None),
        ThoughtRecord.created_at >= since,
        ThoughtRecord.created_at < until,
    )
    records = session.scalar(select(func.count()).select_from(ThoughtRecord).where(*finished))
    rows = session.execute(
        select(ThoughtRecordTrap.trap, OwnTrap.name, func.count(func.distinct(ThoughtRecord.id)))
        .join(ThoughtRecord, ThoughtRecord.id == ThoughtRecordTrap.record_id)
        .outerjoin(OwnTrap, OwnTrap.id == ThoughtRecordTrap.own_trap_id)
        .where(*finished)
        .group_by(ThoughtRecordTrap.trap, OwnTrap.name)
    ).all()
    names = {trap.slug: trap.name for trap in load_traps().traps}
    counts = [
        (names.get(slug or "", slug or "") if own is None else own, int(count))
        for slug, own, count in rows
        if slug or own
    ]
    return counts, int(records or 0)


def progress_insights(
    session: Session,
    owner: Owner,
    *,
    now: datetime,
    zone: tzinfo | None,
    since: datetime | None = None,
) -> list[Insight]:
    """A thinking trap that recurs: in 3 or more of at least 5 finished records of the last
    12 weeks (and 30% of them), with no tie for first."""
    if not patterns.covers(since, now - patterns.RECENT):
        return []
    # up to and including now
    counts, records = trap_counts(session, owner, now - patterns.RECENT, now + SECOND)
    found = patterns.recurring(counts, records)
    if found is None:
        return []
    name, count = found
    text = (
        f"The thinking trap “{name}” came up in {patterns.share_words(count, records)} of "
        f"your thought records {patterns.RECENT_WORDS}. Spotting it is what loosens it."
    )
    return [Insight(text, "/thought-records", "See your thought records", order=60)]


def progress_week(
    session: Session, owner: Owner, *, period: Period, now: datetime
) -> list[WeekLine]:
    rows = before_after(session, owner, period.since, period.until)
    count = session.scalar(
        select(func.count())
        .select_from(ThoughtRecord)
        .where(ThoughtRecord.owner_id == owner.id, ThoughtRecord.finished_at.is_not(None))
        .where(ThoughtRecord.created_at >= period.since, ThoughtRecord.created_at < period.until)
    )
    if not count:
        return [WeekLine("No thought records finished this week.", "/thought-records", order=40)]
    text = "1 thought record finished." if count == 1 else f"{count} thought records finished."
    lines = [WeekLine(text, "/thought-records", order=40)]
    if rows:
        before = sum(b for _at, b, _a in rows) / len(rows)
        after = sum(a for _at, _b, a in rows) / len(rows)
        lines.append(
            WeekLine(f"Feelings went from {before:.1f} to {after:.1f} of 10 on average.", order=41)
        )
    return lines
