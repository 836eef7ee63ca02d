"""What a therapist sees when a person shares their progress (hosted mode).

- ``signs``: their own 0-10 ratings of the six signs of progress from the grant's first day,
  one small table per rating. Never the notes they wrote with a rating.
- ``progress``: the charts of the /progress page, with their numbers as tables, gathered from
  every feature's ``progress`` hooks (so this view takes the ``registry``) over weeks that
  start on the grant's first day (a ``strict`` period: a chart by calendar month starts its
  first month on that day too), so that nothing reaches back before it; and the insight
  sentences of that page, each hook asked for nothing before the grant's first day (a
  sentence about "the last 12 weeks" waits until the grant covers them).

Left out on purpose: insights drawn from the person's own words (``Insight.from_writing``:
the themes in their writing, the tags they typed), which stay theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.core.weeks import local_midnight, weeks_from
from anchored.features.progress import rules
from anchored.features.progress import service as progress
from anchored.features.progress.signs import Sign, load_signs
from anchored.manifest import Registry, SharedPart
from anchored.web.charts import chart_view


@dataclass(frozen=True, slots=True)
class Rating:
    at: datetime
    rows: list[tuple[Sign, int | None]]  # every sign, None where it was not rated that time


def signs(
    session: Session,
    owner: Owner,
    *,
    since: date,
    now: datetime,
    picked: frozenset[int] | None = None,
) -> SharedPart:
    """The signs of progress as rated from ``since`` to ``now``, oldest first."""
    content = load_signs()
    rated = progress.rated_between(session, owner, local_midnight(since), None)
    shown = [
        Rating(r.at, [(sign, r.scores.get(sign.slug)) for sign in content.signs])
        for r in rated
        if r.at <= now and r.scores
    ]
    return SharedPart(
        "progress/_shared_signs.html",
        {"ratings": shown, "low": rules.SCORE_MIN, "high": rules.SCORE_MAX},
        empty=not shown,
    )


def charts(
    session: Session,
    owner: Owner,
    *,
    since: date,
    now: datetime,
    picked: frozenset[int] | None = None,
    registry: Registry,
) -> SharedPart:
    """The /progress charts with data, over the weeks from ``since`` up to ``now``, and the
    insights from nothing before ``since`` that do not come from the person's own words."""
    period = weeks_from(since, now)
    if period is None:
        empty: dict[str, Any] = {"charts": [], "insights": []}
        return SharedPart("progress/_shared_charts.html", empty, empty=True)
    gathered = progress.gather_parts(registry, session, owner, period=period, asked={}, now=now)
    shown = [chart_view(part) for part in gathered.charts]
    insights = [
        insight.text
        for insight in progress.gather_insights(
            registry, session, owner, now=now, zone=progress.ZONE, since=period.since
        )
        if not insight.from_writing
    ]
    context: dict[str, Any] = {"charts": shown, "insights": insights, "period": period}
    return SharedPart("progress/_shared_charts.html", context, empty=not (shown or insights))
