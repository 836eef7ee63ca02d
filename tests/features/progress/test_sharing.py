"""The progress insights a person may share with their therapist (issue 17): every feature's
insight hook, asked for nothing before a day, counts nothing before it and leaves out a sentence
about a stretch that starts earlier; the shared view never holds an insight drawn from the
person's own words. (Who may open the shared view is tested in tests/hosted.)"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.features import FEATURES
from anchored.features.check_in import service as checkins
from anchored.features.ladder import service as ladder
from anchored.features.ladder.service import AttemptInput
from anchored.features.progress import service as progress
from anchored.features.progress import sharing
from anchored.features.reassurance import service as tracker
from anchored.features.thought_record import service as records
from anchored.features.trigger_log import service as log
from anchored.manifest import Insight, Registry
from anchored.services.vault import OpenVault
from tests.features.pause.test_progress import pause
from tests.support import People

REGISTRY = Registry(FEATURES)
NOW = datetime(2026, 12, 20, 12, tzinfo=UTC)
TODAY = NOW.date()
OWN_TAG = "Quiet Sundays"


def _history(session: Session, me: Owner) -> None:
    """Enough of everything, all before today, for every feature's insight but the themes."""
    for i in range(4):  # pauses in the evening, this month and last
        pause(session, me, datetime(2026, 12, 3 + i, 21, tzinfo=UTC), 7, 4, "not_sent")
        decision = "not_sent" if i == 0 else "sent_as_is"
        pause(session, me, datetime(2026, 11, 3 + i, 21, tzinfo=UTC), 7, 4, decision)
    for week in range(8):  # triggers on Sunday mornings
        at = datetime(2026, 12, 13, 8, tzinfo=UTC) - timedelta(weeks=week)
        log.add_entry(session, me, log.TriggerText("Woke to no message."), now=at)
    tracker.ensure_builtins(session, me)
    behaviour = tracker.list_behaviours(session, me)[0].id
    for day in range(1, 9):  # late-night urges lately; acts mostly four to eight weeks ago
        tracker.record(session, me, behaviour, "urge", now=NOW - timedelta(days=day, hours=-11))
    for day in (*range(30, 37), 2):
        tracker.record(session, me, behaviour, "act", now=NOW - timedelta(days=day))
    for day in range(1, 6):
        records.add_finished_record(
            session,
            me,
            situation="No reply all evening.",
            automatic_thought="They are losing interest.",
            emotions={"anxious": 8},
            traps=["mind-reading"] if day <= 3 else ["overgeneralizing"],
            balanced_thought="They are at work; they said so.",
            after={"anxious": 3},
            now=NOW,
            when=NOW - timedelta(days=day),
        )
    rung = ladder.add_rung(session, me, "Wait an hour before replying", 40, now=NOW).id
    for back, predicted, peak in ((41, 30, 70), (40, 30, 70), *((d, 70, 40) for d in range(3, 8))):
        day = TODAY - timedelta(days=back)
        ladder.add_attempt(session, me, rung, AttemptInput(predicted, peak, 10, day), now=NOW)
    progress.add_rating(session, me, {"calmer": 3}, now=NOW - timedelta(weeks=6))
    progress.add_rating(session, me, {"calmer": 6}, now=NOW - timedelta(days=1))
    checkins.add_own_factor(session, me, OWN_TAG)
    for i in range(10):  # fear is stronger on the check-ins with a tag the person typed
        tag, fear = (OWN_TAG, 8) if i < 4 else ("work", 4)
        when = NOW - timedelta(days=i + 1)
        checkins.add_check_in(session, me, {"anxious": fear}, [tag], now=NOW, when=when)


def _insights(session: Session, me: Owner, since: datetime | None) -> list[Insight]:
    return progress.gather_insights(REGISTRY, session, me, now=NOW, zone=UTC, since=since)


@pytest.fixture
def history(open_vault: OpenVault, people: People) -> OpenVault:
    with open_vault.session() as session:
        _history(session, people.me)
    return open_vault


def test_asked_from_before_everything_every_insight_is_as_on_the_persons_page(
    history: OpenVault, people: People
) -> None:
    with history.session() as session:
        own = _insights(session, people.me, None)
        long_ago = _insights(session, people.me, datetime(2024, 12, 20, tzinfo=UTC))
    assert {insight.href for insight in own} == {
        "/pause",
        "/reassurance",
        "/thought-records",
        "/trigger-log",
        "/ladder",
        "/progress/signs",
        "/check-in/history",
    }
    assert len(own) == 9  # pauses and urges say two things each
    assert long_ago == own
    ladder_line = next(i.text for i in own if i.href == "/ladder")
    assert ladder_line.startswith("In 5 of your 7 ladder attempts")


def test_asked_from_a_recent_day_nothing_before_it_counts(
    history: OpenVault, people: People
) -> None:
    since = datetime(2026, 12, 10, tzinfo=UTC)  # ten days ago: inside every stretch named
    with history.session() as session:
        found = _insights(session, people.me, since)
        today = _insights(session, people.me, datetime(2026, 12, 20, tzinfo=UTC))
    # The sentences about the last 12 weeks, this month against last, the last four weeks
    # against the four before and the last year all wait until the day asked covers them;
    # the signs have one rating since (the first, six weeks ago, does not count).
    (ladder_line,) = found
    assert ladder_line.text.startswith("In 5 of your 5 ladder attempts")  # not the two before
    assert today == []


def test_the_shared_view_leaves_out_what_comes_from_their_own_words(
    history: OpenVault, people: People
) -> None:
    with history.session() as session:
        own = _insights(session, people.me, None)
        shared = sharing.charts(
            session, people.me, since=date(2024, 12, 20), now=NOW, registry=REGISTRY
        )
    tag_line = next(i for i in own if i.href == "/check-in/history")
    assert f"“{OWN_TAG}”" in tag_line.text
    assert tag_line.from_writing
    texts = shared.context["insights"]
    assert texts == [i.text for i in own if i is not tag_line]
    assert not any(OWN_TAG in text for text in texts)
    assert not shared.empty
