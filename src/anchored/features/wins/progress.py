"""What wins contribute to the progress pages (the manifest's ``progress`` hooks): wins by
month, and the week's wins for the weekly review."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.core.weeks import Period
from anchored.features.wins import rules
from anchored.features.wins import service as wins
from anchored.features.wins.models import Win
from anchored.manifest import ProgressPart, Series, WeekLine

HREF = "/wins"


def months_in(session: Session, owner: Owner, period: Period) -> list[rules.Month]:
    """Wins in each whole calendar month the period touches, oldest first (with 0 for a
    month without any); empty when there are none at all. A ``strict`` period's first month
    counts from its first day only."""
    first = period.first if period.strict else period.first.replace(day=1)
    months = wins.wins_by_month(session, owner, first=first, last=period.last)
    if not months:
        return []
    counts = {(m.year, m.month): m.count for m in months}
    for day in (period.first, period.last):
        counts.setdefault((day.year, day.month), 0)
    return rules.fill_months(counts)


def short(month: rules.Month) -> str:
    """'Sep 2026': four to fourteen months side by side under a chart need short labels."""
    return f"{date(month.year, month.month, 1):%b %Y}"


def progress_parts(
    session: Session,
    owner: Owner,
    *,
    period: Period,
    asked: Mapping[str, tuple[str, ...]],
    now: datetime,
) -> list[ProgressPart]:
    months = months_in(session, owner, period)
    labels = [short(m) for m in months]
    if labels and period.strict and period.first.day != 1:
        labels[0] = f"From {period.first.day} {period.first:%b}"  # a part of its month
    return [
        ProgressPart(
            key="wins",
            title="Wins, by month",
            kind="bar",
            series=(
                Series(
                    "Wins",
                    tuple((lb, float(m.count)) for lb, m in zip(labels, months, strict=True)),
                ),
            ),
            x_label="Month",
            unit="wins you logged each month",
            text="Each small win you noted, counted by the month it happened.",
            href=HREF,
            empty="Log a small win, however small, to see your wins add up by month.",
            start="/wins/new",
            order=80,
        )
    ]


def progress_week(
    session: Session, owner: Owner, *, period: Period, now: datetime
) -> list[WeekLine]:
    count = session.scalar(
        select(func.count())
        .select_from(Win)
        .where(Win.owner_id == owner.id, Win.day >= period.first, Win.day <= period.last)
    )
    if not count:
        return [WeekLine("No wins logged this week. A small one counts.", "/wins/new", order=80)]
    text = "1 win logged." if count == 1 else f"{count} wins logged."
    return [WeekLine(text, HREF, order=80)]
