"""What the trigger log gives the progress pages: entries by week and when triggers come."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from anchored.core.weeks import period_ending, week_holding
from anchored.features.trigger_log import progress
from anchored.features.trigger_log import service as log
from anchored.services.vault import OpenVault
from tests.support import NOW, People


def test_entries_by_week_and_how_many_tried_a_new_response(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        log.add_entry(session, people.me, log.TriggerText("Late reply."), now=NOW)
        text = log.TriggerText("Plans changed.", new_response="Asked what happened.")
        log.add_entry(session, people.me, text, now=NOW - timedelta(hours=1))
        (part,) = progress.progress_parts(
            session, people.me, period=period_ending(NOW, 12, UTC), asked={}, now=NOW
        )
        (line,) = progress.progress_week(
            session, people.me, period=week_holding(NOW.date(), UTC), now=NOW
        )
    entries, new = part.series
    assert part.values(entries)[-1] == 2.0
    assert part.values(new)[-1] == 1.0
    assert line.text == "2 triggers logged; 1 with a new response."


def test_when_triggers_come(open_vault: OpenVault, people: People) -> None:
    with open_vault.session() as session:
        for day in range(8):
            at = datetime(2026, 11, 29, 8, tzinfo=UTC) - timedelta(days=7 * day)
            log.add_entry(session, people.me, log.TriggerText("Woke to no message."), now=at)
        (insight,) = progress.progress_insights(session, people.me, now=NOW, zone=UTC)
        assert progress.progress_insights(session, people.stranger, now=NOW, zone=UTC) == []
    assert insight.text == (
        "The triggers you logged came most often in the morning (8 of 8 in the last 12 "
        "weeks), and on Sundays more than other days."
    )
