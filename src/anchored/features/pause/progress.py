"""What pauses contribute to the progress pages (the manifest's ``progress`` hooks): the urge
before and after, how pauses ended, when pauses come, and this month against the last."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from anchored.core import patterns
from anchored.core.owner import Owner
from anchored.core.weeks import Period
from anchored.features.pause import rules
from anchored.features.pause.models import PauseEpisode
from anchored.manifest import Insight, ProgressPart, Series, WeekLine

# Ended without the held message going out as it was: the outcomes the month compares.
HELD_BACK = ("not_sent", "something_else")
NOT_RECORDED = "Not recorded"


def _finished(owner: Owner) -> tuple[ColumnElement[bool], ...]:
    return (PauseEpisode.owner_id == owner.id, PauseEpisode.status == rules.FINISHED)


def urges(session: Session, owner: Owner, period: Period) -> tuple[list[float | None], ...]:
    """The average urge before and after finished pauses, per week of ``period``."""
    query = select(PauseEpisode.started_at, PauseEpisode.urge_before, PauseEpisode.urge_after)
    query = query.where(*_finished(owner), PauseEpisode.started_at >= period.since)
    rows = session.execute(query.where(PauseEpisode.started_at < period.until)).all()
    before = period.averages((at, float(b)) for at, b, _a in rows if b is not None)
    after = period.averages((at, float(a)) for at, _b, a in rows if a is not None)
    return before, after


def endings(session: Session, owner: Owner, since: datetime, until: datetime) -> dict[str, int]:
    """How finished pauses in [since, until) ended: decision label → count (SQL counts)."""
    query = (
        select(PauseEpisode.decision, func.count())
        .where(*_finished(owner), PauseEpisode.started_at >= since)
        .where(PauseEpisode.started_at < until)
        .group_by(PauseEpisode.decision)
    )
    counts: dict[str | None, int] = {key: n for key, n in session.execute(query)}
    found = {label: counts.get(key, 0) for key, label in rules.DECISIONS.items()}
    if counts.get(None):
        found[NOT_RECORDED] = counts[None]
    return found


def progress_parts(
    session: Session,
    owner: Owner,
    *,
    period: Period,
    asked: Mapping[str, tuple[str, ...]],
    now: datetime,
) -> list[ProgressPart]:
    labels = period.labels
    before, after = urges(session, owner, period)
    ended = endings(session, owner, period.since, period.until)
    return [
        ProgressPart(
            key="pause-urge",
            title="The urge, before and after a pause",
            kind="line",
            series=(
                Series("Before the pause", tuple(zip(labels, before, strict=True))),
                Series("After the pause", tuple(zip(labels, after, strict=True))),
            ),
            labels=labels,
            y_range=(rules.URGE_MIN, rules.URGE_MAX),
            unit="average urge, 0 to 10",
            text="How strong the urge to act was when you started a pause, and when it ended.",
            href="/pause",
            empty="Take a pause and rate the urge before and after, to see how it changes.",
            order=40,
        ),
        ProgressPart(
            key="pause-endings",
            title="How your pauses ended",
            kind="hbar",
            series=(
                Series(
                    "Pauses",
                    tuple((label, float(n)) for label, n in ended.items())
                    if any(ended.values())
                    else (),
                ),
            ),
            x_label="How it ended",
            unit="pauses in these weeks",
            text="What you chose to do with the message you held.",
            href="/pause",
            empty="Finish a pause, saying what you chose to do, to see how your pauses end.",
            order=41,
        ),
    ]


def progress_insights(
    session: Session,
    owner: Owner,
    *,
    now: datetime,
    zone: tzinfo | None,
    since: datetime | None = None,
) -> list[Insight]:
    """When pauses cluster (8 or more in the last 12 weeks), and how many ended without
    sending this month against last month (3 or more finished pauses in each)."""
    found = []
    if patterns.covers(since, now - patterns.RECENT):
        started = session.scalars(
            select(PauseEpisode.started_at).where(
                PauseEpisode.owner_id == owner.id,
                PauseEpisode.started_at >= now - patterns.RECENT,
            )
        ).all()
        timing = patterns.timing_sentence("Your pauses", patterns.recent(started, now), zone)
        if timing:
            found.append(Insight(timing, "/pause", "See your pauses", order=40))
    this_month = patterns.month_start(now, zone)
    last_month = patterns.previous_month_start(now, zone)
    if not patterns.covers(since, last_month):
        return found
    held = case((PauseEpisode.decision.in_(HELD_BACK), 1), else_=0)
    month = case((PauseEpisode.started_at >= this_month, "this"), else_="last")
    rows = dict(
        (which, (int(kept or 0), int(total)))
        for which, kept, total in session.execute(
            select(month, func.sum(held), func.count())
            .where(*_finished(owner), PauseEpisode.started_at >= last_month)
            .where(PauseEpisode.started_at <= now)
            .group_by(month)
        )
    )
    sentence = patterns.month_sentence(
        "pauses",
        rows.get("this", (0, 0)),
        rows.get("last", (0, 0)),
        "ended without sending the message as it was",
    )
    if sentence:
        found.append(Insight(sentence, "/pause", "See your pauses", order=41))
    return found


def progress_week(
    session: Session, owner: Owner, *, period: Period, now: datetime
) -> list[WeekLine]:
    ended = endings(session, owner, period.since, period.until)
    total = sum(ended.values())
    if not total:
        return [WeekLine("No pauses this week.", "/pause", order=20)]
    held = sum(ended[rules.DECISIONS[key]] for key in HELD_BACK)
    text = "1 pause" if total == 1 else f"{total} pauses"
    return [WeekLine(f"{text}; {held} ended without sending the message as it was.", "/pause")]
