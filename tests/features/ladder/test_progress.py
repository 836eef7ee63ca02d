"""What the exposure ladder gives the progress pages: predicted fear against the peak, per
attempt, and the sentence when peaks often stay below predictions."""

from __future__ import annotations

from datetime import UTC, timedelta

from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.core.weeks import period_ending
from anchored.features.ladder import progress
from anchored.features.ladder import service as ladder
from anchored.features.ladder.service import AttemptInput
from anchored.services.vault import OpenVault
from tests.support import NOW, People

PERIOD = period_ending(NOW, 12, UTC)
TODAY = NOW.date()


def _attempts(session: Session, owner: Owner, *tries: tuple[int, int, int]) -> None:
    """(days ago, predicted, peak) for each attempt at one new rung."""
    rung = ladder.add_rung(session, owner, "Wait an hour before replying", 40, now=NOW).id
    for back, predicted, peak in tries:
        day = TODAY - timedelta(days=back)
        ladder.add_attempt(session, owner, rung, AttemptInput(predicted, peak, 10, day), now=NOW)


def test_each_attempt_in_the_period_shows_predicted_and_peak(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        (empty,) = progress.progress_parts(session, people.me, period=PERIOD, asked={}, now=NOW)
        _attempts(session, people.me, (200, 90, 90), (7, 70, 40), (0, 60, 50), (0, 50, 55))
        _attempts(session, people.stranger, (1, 10, 90))
        (part,) = progress.progress_parts(session, people.me, period=PERIOD, asked={}, now=NOW)
    assert not empty.has_data
    assert empty.start == "/ladder"
    predicted, peak = part.series
    assert part.axis == ("24 Nov", "1 Dec", "1 Dec (2)")  # not 200 days ago
    assert part.values(predicted) == (70.0, 60.0, 50.0)
    assert part.values(peak) == (40.0, 50.0, 55.0)
    assert part.y_range == (0, 100)


def test_the_insight_waits_for_enough_attempts_and_counts_only_their_own(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        _attempts(session, people.me, (9, 70, 40), (8, 60, 50), (7, 50, 55), (6, 50, 20))
        _attempts(session, people.stranger, (1, 90, 10), (2, 90, 10))
        assert progress.progress_insights(session, people.me, now=NOW, zone=UTC) == []
        _attempts(session, people.me, (300, 80, 30))  # long ago still counts: all attempts
        (insight,) = progress.progress_insights(session, people.me, now=NOW, zone=UTC)
    assert insight.text.startswith("In 4 of your 5 ladder attempts, the fear peaked lower")
    assert insight.href == "/ladder"
