"""What pauses give the progress pages: the urge before and after, how pauses ended, when they
come, and this month against the last."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from anchored.core.owner import Owner
from anchored.core.weeks import period_ending, week_holding
from anchored.features.pause import progress
from anchored.features.pause import service as pauses
from anchored.services.vault import OpenVault
from tests.support import NOW, People

PERIOD = period_ending(NOW, 12, UTC)


def pause(
    session: object, owner: Owner, at: datetime, before: int, after: int, decision: str
) -> None:
    episode, _new = pauses.start_pause(session, owner, now=at)  # type: ignore[arg-type]
    pauses.save_progress(session, owner, episode.id, now=at, urge_before=before)  # type: ignore[arg-type]
    pauses.finish_pause(
        session,  # type: ignore[arg-type]
        owner,
        episode.id,
        now=at + timedelta(minutes=20),
        urge_after=after,
        decision=decision,
    )


def test_urges_before_and_after_and_endings_over_the_weeks(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        pause(session, people.me, NOW - timedelta(hours=3), 8, 3, "not_sent")
        pause(session, people.me, NOW - timedelta(hours=2), 6, 5, "sent_as_is")
        pause(session, people.me, NOW - timedelta(days=7), 9, 2, "not_sent")
        urge, endings = progress.progress_parts(
            session, people.me, period=PERIOD, asked={}, now=NOW
        )
        theirs = progress.progress_parts(session, people.stranger, period=PERIOD, asked={}, now=NOW)
    before, after = urge.series
    assert urge.values(before)[-2:] == (9.0, 7.0)
    assert urge.values(after)[-2:] == (2.0, 4.0)
    assert endings.kind == "hbar"
    assert dict(endings.series[0].points)["Didn't send it"] == 2.0
    assert dict(endings.series[0].points)["Sent it as it was"] == 1.0
    assert not any(part.has_data for part in theirs)


def test_when_pauses_cluster_and_the_month_against_the_last(
    open_vault: OpenVault, people: People
) -> None:
    now = datetime(2026, 12, 20, 12, tzinfo=UTC)
    with open_vault.session() as session:
        for i in range(4):
            pause(session, people.me, datetime(2026, 12, 3 + i, 21, tzinfo=UTC), 7, 4, "not_sent")
            decision = "not_sent" if i == 0 else "sent_as_is"
            pause(session, people.me, datetime(2026, 11, 3 + i, 21, tzinfo=UTC), 7, 4, decision)
        timing, month = progress.progress_insights(session, people.me, now=now, zone=UTC)
        assert progress.progress_insights(session, people.stranger, now=now, zone=UTC) == []
    assert timing.text.startswith("Your pauses came most often in the evening (8 of 8")
    assert month.text == (
        "This month, 4 of 4 pauses ended without sending the message as it was; last month, 1 of 4."
    )


def test_the_week_in_pauses(open_vault: OpenVault, people: People) -> None:
    week = week_holding(NOW.date(), UTC)
    with open_vault.session() as session:
        (nothing,) = progress.progress_week(session, people.me, period=week, now=NOW)
        pause(session, people.me, NOW - timedelta(hours=2), 8, 3, "something_else")
        (line,) = progress.progress_week(session, people.me, period=week, now=NOW)
    assert nothing.text == "No pauses this week."
    assert line.text == "1 pause; 1 ended without sending the message as it was."
