"""What wins give the progress pages: wins by whole month over the period, and the week."""

from __future__ import annotations

from datetime import UTC, date, timedelta

from anchored.core.weeks import period_ending, week_holding, weeks_from
from anchored.features.wins import progress
from anchored.features.wins import service as wins
from anchored.services.vault import OpenVault
from tests.support import NOW, People

PERIOD = period_ending(NOW, 12, UTC)  # Monday 14 September to Sunday 6 December 2026
TODAY = NOW.date()


def test_wins_by_month_over_the_period(open_vault: OpenVault, people: People) -> None:
    with open_vault.session() as session:
        (empty,) = progress.progress_parts(session, people.me, period=PERIOD, asked={}, now=NOW)
        for back in (0, 1, 20, 90, 400):
            day = TODAY - timedelta(days=back)
            wins.add_win(session, people.me, "Waited before texting.", day=day, now=NOW)
        wins.add_win(session, people.stranger, "Theirs.", now=NOW)
        (part,) = progress.progress_parts(session, people.me, period=PERIOD, asked={}, now=NOW)
    assert not empty.has_data
    assert empty.start == "/wins/new"
    (series,) = part.series
    assert series.points == (
        ("Sep 2026", 1.0),  # 2 September: its whole month counts
        ("Oct 2026", 0.0),
        ("Nov 2026", 2.0),
        ("Dec 2026", 1.0),
    )


def test_a_period_shared_from_a_day_counts_its_first_month_from_that_day(
    open_vault: OpenVault, people: People
) -> None:
    shared = weeks_from(date(2026, 11, 18), NOW, UTC)  # what a person shares from 18 November
    assert shared is not None
    with open_vault.session() as session:
        for day in (date(2026, 11, 2), date(2026, 11, 17), date(2026, 11, 20), TODAY):
            wins.add_win(session, people.me, "Waited before texting.", day=day, now=NOW)
        (part,) = progress.progress_parts(session, people.me, period=shared, asked={}, now=NOW)
    (series,) = part.series
    # The 2nd and the 17th are in November but before the first day shared.
    assert series.points == (("From 18 Nov", 1.0), ("Dec 2026", 1.0))


def test_the_weeks_wins(open_vault: OpenVault, people: People) -> None:
    week = week_holding(TODAY, UTC)
    with open_vault.session() as session:
        (none,) = progress.progress_week(session, people.me, period=week, now=NOW)
        wins.add_win(session, people.me, "Asked for what I needed.", now=NOW)
        wins.add_win(session, people.me, "Slept well.", day=TODAY - timedelta(days=1), now=NOW)
        wins.add_win(session, people.me, "Last week.", day=TODAY - timedelta(days=2), now=NOW)
        wins.add_win(session, people.stranger, "Theirs.", now=NOW)
        (line,) = progress.progress_week(session, people.me, period=week, now=NOW)
    assert none.text.startswith("No wins logged this week.")
    assert line.text == "2 wins logged."
