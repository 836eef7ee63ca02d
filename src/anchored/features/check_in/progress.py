"""What check-ins contribute to the progress pages (the manifest's ``progress`` hooks):
emotions by week (the person picks which), the tags that come with the strongest fears, and
the week's check-ins."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import datetime, timedelta, tzinfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchored.content.emotions import load_emotions
from anchored.core import patterns
from anchored.core.owner import Owner
from anchored.core.weeks import Period
from anchored.features.check_in.factors import load_factors
from anchored.features.check_in.models import CheckIn, CheckInEmotion, CheckInFactor
from anchored.manifest import Insight, Pick, ProgressPart, Series, WeekLine

PICK = "emotion"  # the query parameter on /progress
SHOWN_AT_FIRST = 3
MOST_SHOWN = 6  # lines one chart can tell apart
FEAR_FAMILY = "fear"
YEAR = timedelta(weeks=52)


def _emotion_rows(
    session: Session, owner: Owner, since: datetime, until: datetime
) -> list[tuple[datetime, str, int]]:
    query = (
        select(CheckIn.created_at, CheckInEmotion.emotion, CheckInEmotion.intensity)
        .join(CheckInEmotion, CheckInEmotion.check_in_id == CheckIn.id)
        .where(CheckIn.owner_id == owner.id, CheckIn.created_at >= since)
        .where(CheckIn.created_at < until)
    )
    return [(at, emotion, intensity) for at, emotion, intensity in session.execute(query)]


def emotions_by_week(
    session: Session, owner: Owner, period: Period, chosen: tuple[str, ...] = ()
) -> tuple[list[str], dict[str, list[float | None]], list[str]]:
    """The emotions named in ``period`` (most often first), the average intensity per week of
    each shown one, and which are shown (``chosen`` among them, else the most frequent)."""
    rows = _emotion_rows(session, owner, period.since, period.until)
    named = [slug for slug, _n in Counter(e for _at, e, _i in rows).most_common()]
    shown = [slug for slug in chosen if slug in named][:MOST_SHOWN] or named[:SHOWN_AT_FIRST]
    averages = {
        slug: period.averages((at, float(i)) for at, e, i in rows if e == slug) for slug in shown
    }
    return named, averages, shown


def progress_parts(
    session: Session,
    owner: Owner,
    *,
    period: Period,
    asked: Mapping[str, tuple[str, ...]],
    now: datetime,
) -> list[ProgressPart]:
    names = load_emotions().names
    named, averages, shown = emotions_by_week(session, owner, period, asked.get(PICK, ()))
    labels = period.labels
    return [
        ProgressPart(
            key="emotions",
            title="Feelings by week",
            kind="line",
            series=tuple(
                Series(names.get(slug, slug), tuple(zip(labels, averages[slug], strict=True)))
                for slug in shown
            ),
            labels=labels,
            y_range=(0, 10),
            unit="average strength in your check-ins, 0 to 10",
            text="How strong each feeling was, on average, in the weeks you named it.",
            href="/check-in/history",
            empty="Check in a few times, naming what you feel, to see your feelings by week.",
            start="/check-in",
            pick=Pick(
                PICK,
                f"Choose the feelings to show (up to {MOST_SHOWN})",
                tuple((slug, names.get(slug, slug)) for slug in named),
                tuple(shown),
            )
            if len(named) > 1
            else None,
            order=30,
        )
    ]


def fear_by_tag(
    session: Session, owner: Owner, since: datetime
) -> tuple[list[tuple[str, int, float]], float, int, frozenset[str]]:
    """For check-ins since ``since`` naming a fear word: per tag (name, check-ins, mean of the
    strongest fear word), the mean over all of them, how many there are (SQL counts), and the
    names among the tags that the person typed (their own words)."""
    fear = [e.slug for e in load_emotions().all if e.family == FEAR_FAMILY]
    strongest = (
        select(
            CheckInEmotion.check_in_id.label("check_in_id"),
            func.max(CheckInEmotion.intensity).label("fear"),
        )
        .join(CheckIn, CheckIn.id == CheckInEmotion.check_in_id)
        .where(CheckIn.owner_id == owner.id, CheckIn.created_at >= since)
        .where(CheckInEmotion.emotion.in_(fear))
        .group_by(CheckInEmotion.check_in_id)
        .subquery()
    )
    entries, overall = session.execute(
        select(func.count(), func.avg(strongest.c.fear)).select_from(strongest)
    ).one()
    # Grouped here, not in SQL: an own tag is the person's words, encrypted in hosted mode
    # (a new ciphertext each time), so only its decrypted text tells two rows apart.
    fears: dict[tuple[str, bool], list[float]] = {}
    for factor, own, fear in session.execute(
        select(CheckInFactor.factor, CheckInFactor.own, strongest.c.fear).join(
            strongest, strongest.c.check_in_id == CheckInFactor.check_in_id
        )
    ):
        fears.setdefault((factor, bool(own)), []).append(float(fear))
    factors = load_factors()
    groups = []
    for (factor, own), found in sorted(fears.items()):
        builtin = None if own else factors.get(factor)
        groups.append((builtin.name if builtin else factor, len(found), sum(found) / len(found)))
    typed = frozenset(factor for factor, own in fears if own)
    return groups, float(overall or 0), int(entries or 0), typed


def progress_insights(
    session: Session,
    owner: Owner,
    *,
    now: datetime,
    zone: tzinfo | None,
    since: datetime | None = None,
) -> list[Insight]:
    """Which tag comes with the strongest fears in the last year (at least 10 check-ins naming
    a fear word, the tag on 3 or more of them, its mean at least 1 point above them all)."""
    if not patterns.covers(since, now - YEAR):
        return []
    groups, overall, entries, typed = fear_by_tag(session, owner, now - YEAR)
    found = patterns.standout(groups, overall, entries)
    if found is None:
        return []
    name, count, mean = found
    text = (
        f"On the {count} check-ins you tagged “{name}”, the fear words you picked were "
        f"stronger: {mean:.1f} of 10 on average, against {overall:.1f} across all "
        f"{entries} check-ins with a fear word in the last year."
    )
    # A tag the person typed is their own words: the sentence is then theirs alone.
    return [
        Insight(
            text, "/check-in/history", "See your check-ins", order=30, from_writing=name in typed
        )
    ]


def progress_week(
    session: Session, owner: Owner, *, period: Period, now: datetime
) -> list[WeekLine]:
    count = session.scalar(
        select(func.count())
        .select_from(CheckIn)
        .where(CheckIn.owner_id == owner.id, CheckIn.created_at >= period.since)
        .where(CheckIn.created_at < period.until)
    )
    if not count:
        return [WeekLine("No check-ins this week yet.", "/check-in", order=10)]
    rows = _emotion_rows(session, owner, period.since, period.until)
    names = load_emotions().names
    common = [names.get(e, e).lower() for e, _n in Counter(e for _a, e, _i in rows).most_common(3)]
    lines = [
        WeekLine(
            "1 check-in." if count == 1 else f"{count} check-ins.", "/check-in/history", order=10
        )
    ]
    if common:
        lines.append(WeekLine(f"Feelings you named most: {', '.join(common)}.", order=11))
    return lines
