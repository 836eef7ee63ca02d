"""Signs-of-progress ratings through the service, and the progress pages gathered from every
feature's hooks."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.weeks import period_ending, week_holding
from anchored.features import FEATURES
from anchored.features.progress import service as progress
from anchored.features.search.service import search_writing
from anchored.manifest import Feature, ProgressHooks, Registry
from anchored.services.vault import OpenVault
from tests.support import NOW, People

REGISTRY = Registry(FEATURES)


def test_a_rating_keeps_the_given_signs_in_order_and_its_note(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        done = progress.add_rating(
            session,
            people.me,
            {"openness": "4", "calmer": 6, "inner-worth": ""},
            " Better. ",
            now=NOW,
        )
    with open_vault.session() as session:
        found = progress.get_rating(session, people.me, done.id)
        assert progress.scores_of(found) == {"calmer": 6, "openness": 4}
        assert found.note == "Better."
        assert found.rated_at == NOW
        assert not done.needs_help


def test_an_empty_rating_or_a_wrong_score_is_refused(open_vault: OpenVault, people: People) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        progress.add_rating(session, people.me, {"calmer": ""}, "  ", now=NOW)
    assert "signs" in caught.value.errors
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        progress.add_rating(session, people.me, {"calmer": "12"}, now=NOW)
    assert "calmer" in caught.value.errors
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        progress.add_rating(
            session, people.me, {"calmer": 5}, when=NOW + timedelta(days=1), now=NOW
        )
    assert "when" in caught.value.errors
    with open_vault.session() as session:
        assert progress.count_ratings(session, people.me) == 0


def test_editing_replaces_the_scores_and_the_note_is_searchable(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        rating_id = progress.add_rating(session, people.me, {"calmer": 2}, "heron", now=NOW).id
    with open_vault.session() as session:
        progress.update_rating(
            session, people.me, rating_id, {"calmer": 7, "boundaries": 5}, "kingfisher", now=NOW
        )
    with open_vault.session() as session:
        found = progress.get_rating(session, people.me, rating_id)
        assert progress.scores_of(found) == {"calmer": 7, "boundaries": 5}
        kinds = REGISTRY.search_kinds
        assert search_writing(session, people.me, "kingfisher", kinds).total == 1
        assert search_writing(session, people.me, "heron", kinds).total == 0
        progress.update_rating(session, people.me, rating_id, {"calmer": 7}, "", now=NOW)
        assert search_writing(session, people.me, "kingfisher", kinds).total == 0


def test_someone_elses_rating_is_not_found(open_vault: OpenVault, people: People) -> None:
    with open_vault.session() as session:
        rating_id = progress.add_rating(session, people.me, {"calmer": 2}, now=NOW).id
    for attempt in (
        lambda s: progress.get_rating(s, people.stranger, rating_id),
        lambda s: progress.update_rating(s, people.stranger, rating_id, {"calmer": 1}, now=NOW),
        lambda s: progress.delete_rating(s, people.stranger, rating_id),
    ):
        with open_vault.session() as session, pytest.raises(NotFound):
            attempt(session)
    with open_vault.session() as session:
        progress.delete_rating(session, people.me, rating_id)
        assert progress.count_ratings(session, people.me) == 0


def test_a_crisis_sentence_in_the_note_asks_for_the_help_card(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        done = progress.add_rating(
            session, people.me, {"calmer": 1}, "I want to end my life tonight.", now=NOW
        )
    assert done.needs_help


def test_the_signs_part_shows_ratings_in_the_period_and_says_what_to_do_without(
    open_vault: OpenVault, people: People
) -> None:
    period = period_ending(NOW, 12, UTC)
    with open_vault.session() as session:
        (empty,) = progress.progress_parts(session, people.me, period=period, asked={}, now=NOW)
        assert not empty.has_data
        assert "Rate the six signs" in empty.empty
        progress.add_rating(session, people.me, {"calmer": 3}, now=NOW - timedelta(weeks=30))
        progress.add_rating(session, people.me, {"calmer": 6}, now=NOW - timedelta(days=1))
        (part,) = progress.progress_parts(session, people.me, period=period, asked={}, now=NOW)
        (theirs,) = progress.progress_parts(
            session, people.stranger, period=period, asked={}, now=NOW
        )
    assert part.axis == ("30 Nov 2026",)
    assert part.values(part.series[0]) == (6.0,)
    assert not theirs.has_data


def test_a_sign_that_moved_is_an_insight_and_the_week_says_whether_it_was_rated(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        assert progress.progress_insights(session, people.me, now=NOW, zone=UTC) == []
        progress.add_rating(session, people.me, {"calmer": 3}, now=NOW - timedelta(weeks=6))
        progress.add_rating(session, people.me, {"calmer": 6}, now=NOW)
        (insight,) = progress.progress_insights(session, people.me, now=NOW, zone=UTC)
        (line,) = progress.progress_week(
            session, people.me, period=week_holding(NOW.date(), UTC), now=NOW
        )
    assert "went from 3 to 6" in insight.text
    assert insight.href == "/progress/signs"
    assert line.text == "You rated the signs of progress."


def _fake(name: str) -> Feature:
    return Feature(
        name=name, title=name.title(), progress=ProgressHooks(parts=f"{__name__}:_{name}")
    )


def _first(session, owner, *, period, asked, now):  # type: ignore[no-untyped-def]
    from anchored.manifest import ProgressPart, Series

    return [ProgressPart("b", "B", "bar", (Series("n", (("w", 1.0),)),), order=60)]


def _second(session, owner, *, period, asked, now):  # type: ignore[no-untyped-def]
    from anchored.manifest import ProgressPart, Series

    return [
        ProgressPart("a", "A", "line", (Series("n", (("w", 2.0),)),), order=10),
        ProgressPart("c", "C", "line", (Series("n", ()),), empty="Do this", order=5),
    ]


def test_parts_are_gathered_from_every_feature_in_order_and_empty_ones_set_aside(
    open_vault: OpenVault, people: People
) -> None:
    registry = Registry((_fake("first"), _fake("second")))
    with open_vault.session() as session:
        gathered = progress.gather_parts(
            registry, session, people.me, period=period_ending(NOW, 12), asked={}, now=NOW
        )
    assert [p.key for p in gathered.charts] == ["a", "b"]
    assert [p.empty for p in gathered.waiting] == ["Do this"]


def test_every_existing_contributor_answers_for_an_empty_vault(
    open_vault: OpenVault, people: People
) -> None:
    period = period_ending(NOW, 12, UTC)
    with open_vault.session() as session:
        gathered = progress.gather_parts(
            REGISTRY, session, people.me, period=period, asked={}, now=NOW
        )
        insights = progress.gather_insights(REGISTRY, session, people.me, now=NOW, zone=UTC)
        week = progress.gather_week(
            REGISTRY, session, people.me, period=week_holding(NOW.date(), UTC), now=NOW
        )
    assert gathered.charts == []
    assert insights == []
    assert {p.key for p in gathered.waiting} >= {
        "signs",
        "emotions",
        "pause-urge",
        "pause-endings",
        "reassurance",
        "thought-records",
        "trigger-log",
    }
    assert all(p.empty and p.href.startswith("/") for p in gathered.waiting)
    assert "Check-in" in dict(week)
