"""Patterns in a person's own moments, for the gentle insights on the progress page.

Pure functions on plain data: when moments cluster (part of the day, day of the week), and
how two stretches of time compare. They say nothing until there is enough to go on
(:data:`MIN_MOMENTS`), and never more than "this happened more often": no scores, no
labels about the person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

# Looked at for timing: the last twelve weeks (recent enough to be about now).
RECENT = timedelta(weeks=12)
RECENT_WORDS = "in the last 12 weeks"
# At least this many moments before saying when they cluster.
MIN_MOMENTS = 8
# A part of the day (of four) stands out when it holds at least this share (a quarter is even).
PART_SHARE = 0.45
# A day of the week (of seven) stands out with at least this share and MIN_DAY_COUNT moments.
DAY_SHARE = 0.3
MIN_DAY_COUNT = 3

PARTS_OF_DAY = (
    ("night", "at night", 0),
    ("morning", "in the morning", 6),
    ("afternoon", "in the afternoon", 12),
    ("evening", "in the evening", 18),
)
DAYS = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")


def part_of_day(at: datetime, zone: tzinfo | None = None) -> str:
    """'night' (0-6h), 'morning' (6-12h), 'afternoon' (12-18h) or 'evening' (18-24h), local."""
    hour = at.astimezone(zone).hour
    return next(name for name, _words, start in reversed(PARTS_OF_DAY) if hour >= start)


@dataclass(frozen=True, slots=True)
class Cluster:
    """Where most moments fell: ``words`` like "in the evening" or "on Sundays"."""

    key: str
    words: str
    count: int
    total: int


def busiest_part(moments: Sequence[datetime], zone: tzinfo | None = None) -> Cluster | None:
    """The part of the day most of ``moments`` fall in, if one clearly stands out."""
    if len(moments) < MIN_MOMENTS:
        return None
    counts = Counter(part_of_day(at, zone) for at in moments)
    (key, count), *rest = counts.most_common()
    if count / len(moments) < PART_SHARE or (rest and rest[0][1] == count):
        return None
    words = next(w for name, w, _start in PARTS_OF_DAY if name == key)
    return Cluster(key, words, count, len(moments))


def busiest_day(moments: Sequence[datetime], zone: tzinfo | None = None) -> Cluster | None:
    """The day of the week most of ``moments`` fall on, if one clearly stands out."""
    if len(moments) < MIN_MOMENTS:
        return None
    counts = Counter(at.astimezone(zone).weekday() for at in moments)
    (day, count), *rest = counts.most_common()
    if count < MIN_DAY_COUNT or count / len(moments) < DAY_SHARE:
        return None
    if rest and rest[0][1] == count:
        return None
    return Cluster(DAYS[day].lower(), f"on {DAYS[day]}", count, len(moments))


def timing_sentence(
    what: str, moments: Sequence[datetime], zone: tzinfo | None = None
) -> str | None:
    """ "Your pauses came most often in the evening (9 of 14 in the last 12 weeks)." or None.

    ``what`` names the moments, plural ("Your pauses"). Only moments from the recent stretch
    should be given; the sentence says it is about the last 12 weeks.
    """
    part = busiest_part(moments, zone)
    day = busiest_day(moments, zone)
    if part is None and day is None:
        return None
    if part is not None and day is not None:
        return (
            f"{what} came most often {part.words} ({part.count} of {part.total} "
            f"{RECENT_WORDS}), and {day.words} more than other days."
        )
    found = part or day
    assert found is not None
    return f"{what} came most often {found.words} ({found.count} of {found.total} {RECENT_WORDS})."


def covers(since: datetime | None, start: datetime) -> bool:
    """Whether a stretch that starts at ``start`` may be looked at when nothing before
    ``since`` may be (a therapist share's first day): always when ``since`` is None. An insight
    whose sentence names its stretch ("in the last 12 weeks") is left out rather than counted
    over part of it."""
    return since is None or since <= start


def recent(moments: Iterable[datetime], now: datetime) -> list[datetime]:
    """The moments in the recent stretch (:data:`RECENT` up to ``now``)."""
    since = now - RECENT
    return [at for at in moments if since <= at <= now]


def month_start(at: datetime, zone: tzinfo | None = None) -> datetime:
    """The first moment of the local calendar month holding ``at``."""
    local = at.astimezone(zone)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def previous_month_start(at: datetime, zone: tzinfo | None = None) -> datetime:
    """The first moment of the local calendar month before the one holding ``at``."""
    this = month_start(at, zone)
    return month_start(this - timedelta(days=1), zone)


def share_words(part: int, whole: int) -> str:
    """'3 of 5'."""
    return f"{part} of {whole}"


# -- sentences for the insights: each returns None when there is not enough to go on ---------

# A calendar month is compared with the one before once each holds at least this many.
MIN_PER_MONTH = 3
# Two four-week stretches are compared once they hold at least this many between them.
STRETCH = timedelta(weeks=4)
MIN_IN_STRETCHES = 8
# Something recurs when it comes up in at least this many records, and this share of them.
MIN_RECURRING = 3
RECURRING_SHARE = 0.3
MIN_RECORDS = 5
# A tag stands out when at least this many entries carry it, and their mean is this much higher.
MIN_TAGGED = 3
MIN_FOR_TAGS = 10
STANDS_OUT_BY = 1.0


def month_sentence(
    what: str, kept: tuple[int, int], last: tuple[int, int], outcome: str
) -> str | None:
    """ "This month, 4 of 6 pauses ended without sending the message; last month, 2 of 5."

    ``kept`` and ``last`` are (how many had ``outcome``, how many in all) for this calendar
    month and the one before; ``what`` names them plural ("pauses")."""
    (this_count, this_total), (last_count, last_total) = kept, last
    if this_total < MIN_PER_MONTH or last_total < MIN_PER_MONTH:
        return None
    return (
        f"This month, {share_words(this_count, this_total)} {what} {outcome}; "
        f"last month, {share_words(last_count, last_total)}."
    )


def trend_sentence(what: str, recent_count: int, before_count: int) -> str | None:
    """How often something happened in the last four weeks against the four before.

    ``what`` completes "You ..." ("acted on a checking urge"). Falling is said plainly; the
    same or rising is said gently, because healing is not linear."""
    if recent_count + before_count < MIN_IN_STRETCHES:
        return None
    counts = (
        f"{times(recent_count)} in the last four weeks, {times(before_count)} in the four "
        "weeks before"
    )
    if recent_count < before_count:
        return f"You {what} less often lately: {counts}."
    return (
        f"You {what} {counts}. Healing is not linear; noticing the urge is already part "
        "of the change."
    )


def times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def recurring(counts: Sequence[tuple[str, int]], records: int) -> tuple[str, int] | None:
    """The item (name, count) that came up most often across ``records`` records, if it
    recurs: in at least :data:`MIN_RECURRING` of them and :data:`RECURRING_SHARE` of all,
    with at least :data:`MIN_RECORDS` records; a tie for first says nothing."""
    if records < MIN_RECORDS or not counts:
        return None
    ordered = sorted(counts, key=lambda item: -item[1])
    name, count = ordered[0]
    if count < MIN_RECURRING or count / records < RECURRING_SHARE:
        return None
    if len(ordered) > 1 and ordered[1][1] == count:
        return None
    return name, count


def standout(
    groups: Sequence[tuple[str, int, float]], overall: float, entries: int
) -> tuple[str, int, float] | None:
    """The group (name, count, mean) whose mean is highest and clearly above ``overall``,
    among groups of at least :data:`MIN_TAGGED` of ``entries`` (at least
    :data:`MIN_FOR_TAGS`)."""
    if entries < MIN_FOR_TAGS:
        return None
    eligible = [g for g in groups if g[1] >= MIN_TAGGED]
    if not eligible:
        return None
    best = max(eligible, key=lambda g: (g[2], g[1]))
    if best[2] < overall + STANDS_OUT_BY:
        return None
    return best
