"""What thought records give the progress pages: feelings before and after, recurring traps."""

from __future__ import annotations

from datetime import UTC, timedelta

from anchored.core.weeks import period_ending, week_holding
from anchored.features.thought_record import progress
from anchored.features.thought_record import service as records
from anchored.services.vault import OpenVault
from tests.support import NOW, People

PERIOD = period_ending(NOW, 12, UTC)


def record(session: object, owner: object, days: int, traps: list[str], before: int = 8) -> None:
    records.add_finished_record(
        session,  # type: ignore[arg-type]
        owner,  # type: ignore[arg-type]
        situation="No reply all evening.",
        automatic_thought="They are losing interest.",
        emotions={"anxious": before},
        traps=traps,
        balanced_thought="They are at work; they said so.",
        after={"anxious": 3},
        now=NOW,
        when=NOW - timedelta(days=days),
    )


def test_feelings_before_and_after_by_week(open_vault: OpenVault, people: People) -> None:
    with open_vault.session() as session:
        record(session, people.me, 0, [], before=8)
        record(session, people.me, 1, [], before=6)
        (part,) = progress.progress_parts(session, people.me, period=PERIOD, asked={}, now=NOW)
        (theirs,) = progress.progress_parts(
            session, people.stranger, period=PERIOD, asked={}, now=NOW
        )
    before, after = part.series
    assert part.values(before)[-1] == 7.0
    assert part.values(after)[-1] == 3.0
    assert not theirs.has_data


def test_a_recurring_thinking_trap_is_named(open_vault: OpenVault, people: People) -> None:
    with open_vault.session() as session:
        for day in range(5):
            record(session, people.me, day, ["mind-reading"] if day < 3 else ["overgeneralizing"])
        (insight,) = progress.progress_insights(session, people.me, now=NOW, zone=UTC)
        (line, change) = progress.progress_week(
            session, people.me, period=week_holding(NOW.date(), UTC), now=NOW
        )
    assert insight.text.startswith("The thinking trap “Mind reading” came up in 3 of 5")
    assert line.text == "2 thought records finished."
    assert change.text == "Feelings went from 8.0 to 3.0 of 10 on average."
