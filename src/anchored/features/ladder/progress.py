"""What the exposure ladder contributes to the progress pages (the manifest's ``progress``
hooks): the fear predicted against the peak it reached, attempt by attempt, and a sentence
when the peak has often stayed below the prediction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, tzinfo

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.core.weeks import Period, local_date
from anchored.features.ladder import rules
from anchored.features.ladder import service as ladder
from anchored.features.ladder.models import LadderAttempt
from anchored.manifest import Insight, ProgressPart, Series

HREF = "/ladder"


def day_labels(days: list[date]) -> list[str]:
    """A label per attempt, oldest first: its day ('7 Dec': a period is at most 52 weeks, so
    no day comes twice, and a short label fits under the chart), numbered when a day has more
    than one attempt."""
    labels: list[str] = []
    seen: dict[str, int] = {}
    for day in days:
        label = f"{day.day} {day:%b}"
        seen[label] = seen.get(label, 0) + 1
        labels.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return labels


def progress_parts(
    session: Session,
    owner: Owner,
    *,
    period: Period,
    asked: Mapping[str, tuple[str, ...]],
    now: datetime,
) -> list[ProgressPart]:
    """Each attempt during ``period``: the fear predicted and its actual peak, 0 to 100."""
    points = ladder.predicted_vs_actual(session, owner, first=period.first, last=period.last)
    labels = day_labels([point.attempted_on for point in points])
    return [
        ProgressPart(
            key="ladder",
            title="Fear predicted, and the peak it reached",
            kind="line",
            series=(
                Series(
                    "Predicted",
                    tuple((lb, float(p.predicted)) for lb, p in zip(labels, points, strict=True)),
                ),
                Series(
                    "Actual peak",
                    tuple((lb, float(p.peak)) for lb, p in zip(labels, points, strict=True)),
                ),
            ),
            labels=tuple(labels),
            y_range=(rules.LEVEL_MIN, rules.LEVEL_MAX),
            x_label="Attempt on",
            unit="fear from 0 to 100, as you rated it",
            text="Before each step on your ladder you guessed how strong the fear would get; "
            "afterwards you rated how high it went.",
            href=HREF,
            empty="Try a rung of your exposure ladder, predicting the fear first, to see this.",
            start=HREF,
            order=75,
        )
    ]


def lower_counts(session: Session, owner: Owner, first: date | None = None) -> tuple[int, int]:
    """How many of the owner's attempts (made on ``first`` or later, or all) peaked below the
    prediction, and how many in all."""
    lower = func.sum(case((LadderAttempt.peak < LadderAttempt.predicted, 1), else_=0))
    query = select(lower, func.count()).where(LadderAttempt.owner_id == owner.id)
    if first is not None:
        query = query.where(LadderAttempt.attempted_on >= first)
    found, total = session.execute(query).one()
    return int(found or 0), int(total or 0)


def progress_insights(
    session: Session,
    owner: Owner,
    *,
    now: datetime,
    zone: tzinfo | None,
    since: datetime | None = None,
) -> list[Insight]:
    """When the fear peaked below the prediction in 60% or more of at least 5 attempts."""
    first = None if since is None else local_date(since, zone)
    text = rules.lower_than_predicted(*lower_counts(session, owner, first))
    if text is None:
        return []
    return [Insight(text, HREF, "See your ladder", order=75)]
