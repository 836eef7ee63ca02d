"""What self-checks contribute to the progress pages (the manifest's ``progress`` hooks): each
questionnaire's scores over time drawn over its score ranges (ECR-RS: its two dimensions),
and, for the weekly review, the questionnaires taken that week and those due now.

Only questionnaires the person has taken get a chart: nobody is shown five empty charts of
questionnaires they never chose to start. Before any result, one part says where to begin.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, tzinfo
from fractions import Fraction

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.core.weeks import Period
from anchored.features.self_checks import rules, shown
from anchored.features.self_checks import service as self_checks
from anchored.features.self_checks.instrument import Instrument
from anchored.features.self_checks.models import SelfCheckResult
from anchored.manifest import Band, ProgressPart, Series, WeekLine

ORDER = 70
HREF = "/self-checks"


def taken_ever(session: Session, owner: Owner) -> set[str]:
    """The questionnaires the owner has at least one result of."""
    query = (
        select(SelfCheckResult.instrument_id)
        .where(SelfCheckResult.owner_id == owner.id)
        .group_by(SelfCheckResult.instrument_id)
    )
    return set(session.scalars(query))


def dated_labels(moments: Sequence[datetime], zone: tzinfo | None) -> list[str]:
    """A label per result, oldest first: its local day ('7 Dec': a period is at most 52 weeks,
    so no day comes twice, and a short label fits under the chart), numbered when a day has
    more than one."""
    labels: list[str] = []
    seen: dict[str, int] = {}
    for at in moments:
        local = at.astimezone(zone)
        label = f"{local.day} {local:%b}"
        seen[label] = seen.get(label, 0) + 1
        labels.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return labels


def bands_of(instrument: Instrument) -> tuple[Band, ...]:
    """The file's score ranges as shaded bands, each reaching up to the next one's start so
    the shading has no gaps ("5-9: mild")."""
    found = instrument.scoring.bands
    main = instrument.main
    if found is None or main is None:
        return ()
    ranges = sorted(found.ranges, key=lambda band: band.min)
    bands = []
    for index, band in enumerate(ranges):
        high = ranges[index + 1].min if index + 1 < len(ranges) else band.max
        low_words = shown.number(Fraction(str(band.min)), main.method)
        high_words = shown.number(Fraction(str(band.max)), main.method)
        bands.append(Band(band.min, high, f"{low_words}-{high_words}: {band.label}"))
    return tuple(bands)


def instrument_part(
    session: Session, owner: Owner, instrument: Instrument, period: Period, order: int
) -> ProgressPart:
    """One questionnaire's results taken during ``period``: its main score over its score
    ranges, or (ECR-RS, without a total) each dimension as a line of its own."""
    history = self_checks.score_history(
        session, owner, instrument.id, since=period.since, until=period.until
    )
    labels = dated_labels([point.date for point in history], period.zone)
    main = instrument.main
    if main is not None:
        series: tuple[Series, ...] = (
            Series(
                "Score",
                tuple(
                    (label, None if point.total is None else float(point.total))
                    for label, point in zip(labels, history, strict=True)
                ),
            ),
        )
        low, high = rules.score_range(instrument, main)
        method = main.method
        unit = f"the score, from {shown.number(low, method)} to {shown.number(high, method)}"
    else:
        others = instrument.other_scores
        series = tuple(
            Series(
                shown.score_label(subscale.id),
                tuple(
                    (label, float(point.subscales[subscale.id]))
                    if subscale.id in point.subscales
                    else (label, None)
                    for label, point in zip(labels, history, strict=True)
                ),
            )
            for subscale in others
        )
        ranges = [rules.score_range(instrument, s) for s in others]
        low, high = min(r[0] for r in ranges), max(r[1] for r in ranges)
        method = others[0].method if others else "mean"
        unit = f"each score, from {shown.number(low, method)} to {shown.number(high, method)}"
    about = self_checks.about(instrument)
    direction = {True: " Higher is better.", False: " Lower is better.", None: ""}
    return ProgressPart(
        key=f"self-check-{instrument.id.replace('_', '-')}",
        title=f"{instrument.short_name} results over time",
        kind="line",
        series=series,
        labels=tuple(labels),
        y_range=(float(low), float(high)),
        bands=bands_of(instrument),
        x_label="Taken on",
        unit=unit,
        text=f"Each time you took the {instrument.short_name}.{direction[about.higher_is_better]}"
        " A snapshot for you, never a diagnosis.",
        href=f"{HREF}/{instrument.id}/history",
        empty=f"Take the {instrument.short_name} again to see your results in this stretch.",
        start=f"{HREF}/{instrument.id}",
        order=order,
    )


def progress_parts(
    session: Session,
    owner: Owner,
    *,
    period: Period,
    asked: Mapping[str, tuple[str, ...]],
    now: datetime,
) -> list[ProgressPart]:
    """One part per questionnaire the person has taken; one empty part before any."""
    taken = taken_ever(session, owner)
    instruments = [i for i in self_checks.load_catalogue().instruments if i.id in taken]
    if not instruments:
        return [
            ProgressPart(
                key="self-checks",
                title="Self-check results over time",
                kind="line",
                series=(),
                text="Short questionnaires widely used in research, and how your answers move.",
                href=HREF,
                empty="Take a self-check questionnaire to see your results over time.",
                order=ORDER,
            )
        ]
    return [
        instrument_part(session, owner, instrument, period, ORDER + index)
        for index, instrument in enumerate(instruments)
    ]


def progress_week(
    session: Session, owner: Owner, *, period: Period, now: datetime
) -> list[WeekLine]:
    """The questionnaires taken during the week, and (for the week holding now) those due."""
    query = (
        select(SelfCheckResult.instrument_id, func.count())
        .where(
            SelfCheckResult.owner_id == owner.id,
            SelfCheckResult.taken_at >= period.since,
            SelfCheckResult.taken_at < period.until,
        )
        .group_by(SelfCheckResult.instrument_id)
    )
    counts: dict[str, int] = {i: n for i, n in session.execute(query)}
    catalogue = self_checks.load_catalogue()
    names = [i.short_name for i in catalogue.instruments if counts.get(i.id)]
    lines = []
    if names:
        lines.append(WeekLine(f"Self-checks taken: {', '.join(names)}.", HREF, order=70))
    else:
        lines.append(WeekLine("No self-checks taken this week.", HREF, order=70))
    if period.since <= now < period.until:
        due = self_checks.due(session, owner, now=now, zone=period.zone)
        if due:
            shown_due = ", ".join(status.instrument.short_name for status in due)
            lines.append(WeekLine(f"Due again, if you like: {shown_due}.", HREF, order=71))
    return lines


# -- the session summary (offered as "self_checks.summary") ------------------------------------


def summary_lines(
    session: Session, owner: Owner, *, since: datetime, until: datetime, zone: tzinfo | None
) -> list[tuple[str, list[str]]]:
    """For each questionnaire taken in [since, until): its name, and plain sentences: the
    scores with their dates, and the change since the result before the period (else the
    first in it) to the latest, as reliable change where the file publishes a figure."""
    found = []
    for instrument in self_checks.load_catalogue().instruments:
        newest_first = self_checks.results(session, owner, instrument.id)
        inside = [r for r in reversed(newest_first) if since <= r.taken_at < until]
        if not inside:
            continue
        before = [r for r in newest_first if r.taken_at < since]
        baseline = before[0] if before else inside[0]
        latest = inside[-1]
        lines = [_taken_words(instrument, inside, zone)]
        if baseline is not latest:
            comparison = self_checks.compare(instrument, baseline, latest)
            when = f"from {_day(baseline.taken_at, zone)} to {_day(latest.taken_at, zone)}"
            for name, change in comparison.changes.items():
                raw = shown.signed(change.change, shown.method_of(instrument, name))
                what = "Change" if name == "total" else f"{shown.score_label(name)}, change"
                lines.append(f"{what} {when}: {raw} ({shown.VERDICT_WORDS[change.verdict]}).")
            threshold = instrument.scoring.reliable_change.threshold
            if threshold is not None:
                lines.append(
                    f"A change of {threshold:g} or more counts as reliable for the "
                    f"{instrument.short_name}."
                )
        found.append((f"{instrument.short_name} ({instrument.name})", lines))
    return found


def _day(at: datetime, zone: tzinfo | None) -> str:
    local = at.astimezone(zone)
    return f"{local.day} {local:%b %Y}"


def _taken_words(
    instrument: Instrument, results: Sequence[SelfCheckResult], zone: tzinfo | None
) -> str:
    """How often it was taken in the period, and the latest result's scores."""
    latest = results[-1]
    lines = shown.lines(instrument, self_checks.score_of(latest))
    values = ", ".join(
        line.value + (f" ({line.band})" if line.band else "")
        if line.name == "total"
        else f"{line.label.lower()} {line.value}"
        for line in lines
    )
    times = "once" if len(results) == 1 else f"{len(results)} times"
    return f"Taken {times} in this period; the latest, on {_day(latest.taken_at, zone)}: {values}."
