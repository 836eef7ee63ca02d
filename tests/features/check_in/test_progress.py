"""What check-ins give the progress pages: feelings by week, strongest-fear tags, the week."""

from __future__ import annotations

from datetime import UTC, timedelta

from anchored.core.weeks import period_ending, week_holding
from anchored.features.check_in import progress
from anchored.features.check_in import service as checkins
from anchored.services.vault import OpenVault
from tests.support import NOW, People

PERIOD = period_ending(NOW, 12, UTC)


def test_feelings_by_week_show_the_most_named_unless_the_person_picks(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        for day, (anxious, lonely) in enumerate([(8, 3), (6, 5), (4, 4)]):
            when = NOW - timedelta(days=day * 7)
            checkins.add_check_in(session, people.me, {"anxious": anxious}, now=NOW, when=when)
            checkins.add_check_in(session, people.me, {"lonely": lonely}, now=NOW, when=when)
        checkins.add_check_in(session, people.me, {"calm": 9}, now=NOW)
        (part,) = progress.progress_parts(session, people.me, period=PERIOD, asked={}, now=NOW)
        (picked,) = progress.progress_parts(
            session, people.me, period=PERIOD, asked={"emotion": ("calm", "made-up")}, now=NOW
        )
        (theirs,) = progress.progress_parts(
            session, people.stranger, period=PERIOD, asked={}, now=NOW
        )
    assert [s.name for s in part.series] == ["Anxious", "Lonely", "Calm"]
    assert part.values(part.series[0])[-3:] == (4.0, 6.0, 8.0)
    assert part.values(part.series[0])[-1] == 8.0
    assert part.values(part.series[0])[-4] is None  # a week without it is a gap
    assert part.pick is not None
    assert part.pick.chosen == ("anxious", "lonely", "calm")
    assert [s.name for s in picked.series] == ["Calm"]
    assert not theirs.has_data


def test_the_tag_with_the_strongest_fears_is_named_once_there_are_enough(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        for i in range(9):
            factors = ["texting"] if i < 4 else ["work"]
            fear = 8 if i < 4 else 4
            when = NOW - timedelta(days=i)
            checkins.add_check_in(
                session, people.me, {"anxious": fear, "sad": 9}, factors, now=NOW, when=when
            )
        assert progress.progress_insights(session, people.me, now=NOW, zone=UTC) == []
        checkins.add_check_in(session, people.me, {"scared": 4}, ["work"], now=NOW)
        (insight,) = progress.progress_insights(session, people.me, now=NOW, zone=UTC)
        assert progress.progress_insights(session, people.stranger, now=NOW, zone=UTC) == []
    assert insight.text.startswith("On the 4 check-ins you tagged “Texting”")
    assert "8.0 of 10" in insight.text
    assert "10 check-ins with a fear word" in insight.text
    assert insight.href == "/check-in/history"
    assert not insight.from_writing  # a tag of the app's own, not words the person typed


def test_the_week_counts_check_ins_and_the_feelings_named_most(
    open_vault: OpenVault, people: People
) -> None:
    week = week_holding(NOW.date(), UTC)
    with open_vault.session() as session:
        (nothing,) = progress.progress_week(session, people.me, period=week, now=NOW)
        checkins.add_check_in(session, people.me, {"anxious": 5, "lonely": 2}, now=NOW)
        checkins.add_check_in(session, people.me, {"anxious": 3}, now=NOW)
        count, named = progress.progress_week(session, people.me, period=week, now=NOW)
    assert nothing.text == "No check-ins this week yet."
    assert count.text == "2 check-ins."
    assert named.text == "Feelings you named most: anxious, lonely."
