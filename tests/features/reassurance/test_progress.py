"""What the reassurance tracker gives the progress pages: urges and acts by week, when urges
come, and whether acting on them is falling."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from anchored.core.weeks import period_ending, week_holding
from anchored.features.reassurance import progress
from anchored.features.reassurance import service as tracker
from anchored.services.vault import OpenVault
from tests.support import NOW, People

PERIOD = period_ending(NOW, 12, UTC)


def test_urges_and_acts_by_week(open_vault: OpenVault, people: People) -> None:
    with open_vault.session() as session:
        tracker.ensure_builtins(session, people.me)
        behaviour = tracker.list_behaviours(session, people.me)[0].id
        for kind, days in [("urge", 0), ("urge", 0), ("act", 0), ("act", 7)]:
            at = NOW - timedelta(days=days)
            tracker.record(session, people.me, behaviour, kind, now=at)  # type: ignore[arg-type]
        (part,) = progress.progress_parts(session, people.me, period=PERIOD, asked={}, now=NOW)
        (theirs,) = progress.progress_parts(
            session, people.stranger, period=PERIOD, asked={}, now=NOW
        )
    urges, acts = part.series
    assert part.values(urges)[-2:] == (0.0, 2.0)
    assert part.values(acts)[-2:] == (1.0, 1.0)
    assert not theirs.has_data


def test_when_urges_come_and_acting_on_them_falling(open_vault: OpenVault, people: People) -> None:
    with open_vault.session() as session:
        tracker.ensure_builtins(session, people.me)
        behaviour = tracker.list_behaviours(session, people.me)[0].id
        for day in range(1, 9):  # late-night urges, all on recent days
            at = datetime(2026, 11, 30, 23, tzinfo=UTC) - timedelta(days=day)
            tracker.record(session, people.me, behaviour, "urge", now=at)
        for day in range(30, 37):  # seven acts four to eight weeks ago, one lately
            tracker.record(session, people.me, behaviour, "act", now=NOW - timedelta(days=day))
        tracker.record(session, people.me, behaviour, "act", now=NOW - timedelta(days=2))
        timing, trend = progress.progress_insights(session, people.me, now=NOW, zone=UTC)
    assert timing.text.startswith("Urges to check came most often in the evening (8 of 8")
    assert trend.text.startswith("You acted on a checking urge less often lately: once")
    assert trend.href == "/reassurance"


def test_the_week_in_taps(open_vault: OpenVault, people: People) -> None:
    week = week_holding(NOW.date(), UTC)
    with open_vault.session() as session:
        tracker.ensure_builtins(session, people.me)
        behaviour = tracker.list_behaviours(session, people.me)[0].id
        tracker.record(session, people.me, behaviour, "urge", now=NOW)
        (line,) = progress.progress_week(session, people.me, period=week, now=NOW)
    assert line.text == "Urges to check noticed: 1. Times you checked or asked: 0."
