"""Wins and affirmations: saving, checking, owner scope, search, by month, the offers, kit."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from anchored.core.errors import InvalidInput, NotFound
from anchored.features import FEATURES
from anchored.features.search.service import search_writing
from anchored.features.wins import service as wins
from anchored.manifest import Registry
from anchored.storage.vault import OpenVault
from tests.support import NOW, PEOPLE


def rng(seed: int) -> random.Random:
    return random.Random(seed)  # noqa: S311 (a choice, not a secret)


ME, STRANGER = PEOPLE.me, PEOPLE.stranger
TODAY = wins.today(NOW)
KINDS = {k.code: k for k in Registry(FEATURES).feature("wins").search}


def test_a_win_is_saved_with_its_day_and_what_it_took(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        done = wins.add_win(
            session, ME, " Waited before texting. ", " A walk ", "2026-11-20", now=NOW
        )
        assert not done.needs_help
    with open_vault.session() as session:
        win = wins.get_win(session, ME, done.id)
        assert (win.text, win.took, win.day) == (
            "Waited before texting.",
            "A walk",
            date(2026, 11, 20),
        )


def test_without_a_day_the_win_is_today(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        done = wins.add_win(session, ME, "Went to bed without checking.", now=NOW)
        assert wins.get_win(session, ME, done.id).day == TODAY


@pytest.mark.parametrize(
    ("text", "took", "day", "field"),
    [
        ("   ", "", "", "text"),
        ("x" * 501, "", "", "text"),
        ("A win", "y" * 2001, "", "took"),
        ("A win", "", "tomorrow", "day"),
        ("A win", "", (TODAY + timedelta(days=1)).isoformat(), "day"),
    ],
)
def test_a_wrong_win_is_explained_and_nothing_saved(
    open_vault: OpenVault, text: str, took: str, day: str, field: str
) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        wins.add_win(session, ME, text, took, day, now=NOW)
    assert field in caught.value.errors
    assert "xxxx" not in caught.value.errors[field]
    with open_vault.session() as session:
        assert wins.count_wins(session, ME) == 0


def test_wins_are_listed_newest_day_first_and_edited(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        old = wins.add_win(session, ME, "Old", day="2026-10-01", now=NOW).id
        wins.add_win(session, ME, "New", day="2026-11-30", now=NOW)
        wins.add_win(session, STRANGER, "Theirs", now=NOW)
    with open_vault.session() as session:
        assert [w.text for w in wins.list_wins(session, ME)] == ["New", "Old"]
        wins.update_win(session, ME, old, "Newest", "Courage", TODAY.isoformat(), now=NOW)
    with open_vault.session() as session:
        assert [w.text for w in wins.list_wins(session, ME)] == ["Newest", "New"]
        assert wins.get_win(session, ME, old).took == "Courage"


def test_another_owners_win_and_affirmation_are_not_found(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        win_id = wins.add_win(session, ME, "Mine", now=NOW).id
        item_id = wins.add_affirmation(session, ME, "I am worth caring about.", now=NOW).id
    with open_vault.session() as session:
        for call in (
            lambda: wins.get_win(session, STRANGER, win_id),
            lambda: wins.update_win(session, STRANGER, win_id, "Not theirs", now=NOW),
            lambda: wins.delete_win(session, STRANGER, win_id),
            lambda: wins.get_affirmation(session, STRANGER, item_id),
            lambda: wins.update_affirmation(session, STRANGER, item_id, "No", now=NOW),
            lambda: wins.delete_affirmation(session, STRANGER, item_id),
        ):
            with pytest.raises(NotFound):
                call()
        assert wins.list_wins(session, STRANGER) == []
        assert wins.list_affirmations(session, STRANGER) == []


def test_wins_and_affirmations_are_found_by_search_until_deleted(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        win_id = wins.add_win(session, ME, "Stayed calm", "a heron by the river", now=NOW).id
        item_id = wins.add_affirmation(session, ME, "I am steady like a heron.", now=NOW).id
    with open_vault.session() as session:
        found = search_writing(session, ME, "heron", KINDS)
        assert found.total == 2
        assert search_writing(session, STRANGER, "heron", KINDS).total == 0
        wins.delete_win(session, ME, win_id)
        wins.delete_affirmation(session, ME, item_id)
    with open_vault.session() as session:
        assert search_writing(session, ME, "heron", KINDS).total == 0


def test_crisis_language_in_a_win_asks_for_the_help_card(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        assert wins.add_win(session, ME, "Got through it", "I want to die", now=NOW).needs_help
        assert not wins.add_win(session, ME, "Got through it", "Tea", now=NOW).needs_help


def test_wins_by_month_counts_each_month_oldest_first(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        for day in ("2026-09-02", "2026-11-01", "2026-11-30"):
            wins.add_win(session, ME, "A win", day=day, now=NOW)
        wins.add_win(session, STRANGER, "Theirs", day="2026-01-01", now=NOW)
    with open_vault.session() as session:
        months = wins.wins_by_month(session, ME)
    assert [(m.key, m.count) for m in months] == [("2026-09", 1), ("2026-10", 0), ("2026-11", 2)]


def test_a_handful_is_the_owners_and_the_same_for_the_same_seed(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        for number in range(12):
            wins.add_win(session, ME, f"Win {number}", now=NOW)
        wins.add_win(session, STRANGER, "Theirs", now=NOW)
    with open_vault.session() as session:
        first = [w.text for w in wins.a_handful(session, ME, rng(7))]
        again = [w.text for w in wins.a_handful(session, ME, rng(7))]
    assert first == again
    assert len(first) == 5
    assert "Theirs" not in first


def test_a_win_logged_in_one_tap_is_dated_today_and_found_by_its_source(
    open_vault: OpenVault,
) -> None:
    with open_vault.session() as session:
        assert wins.logged_from(session, ME, "pause:4") is None
        done = wins.add_from(
            session, ME, text="I paused and didn't send it.", source="pause:4", now=NOW
        )
        assert not done.needs_help
    with open_vault.session() as session:
        assert wins.logged_from(session, ME, "pause:4") == f"/wins/{done.id}"
        assert wins.logged_from(session, STRANGER, "pause:4") is None
        win = wins.get_win(session, ME, done.id)
        assert (win.day, win.source) == (TODAY, "pause:4")
        # Kept as the app worded it, it is not checked; what the person adds to it is.
        assert not wins.update_win(session, ME, done.id, win.text, now=NOW).needs_help
        changed = wins.update_win(session, ME, done.id, f"{win.text} I want to die.", now=NOW)
        assert changed.needs_help


def test_the_kit_offers_a_recent_win_or_nothing(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        assert wins.kit_item(session, ME, rng(1)) is None
        old = (TODAY - timedelta(days=90)).isoformat()
        wins.add_win(session, ME, "Long ago", day=old, now=NOW)
        assert wins.kit_item(session, ME, rng(1), now=NOW) is None
        recent = wins.add_win(session, ME, "This week", "Breathing", now=NOW).id
    with open_vault.session() as session:
        for seed in range(5):
            item = wins.kit_item(session, ME, rng(seed), now=NOW)
            assert item is not None
            assert (item.text, item.detail, item.path) == (
                "This week",
                "Breathing",
                f"/wins/{recent}",
            )
        # Without now: the 60 days up to the newest win.
        assert wins.kit_item(session, ME, rng(3)).text == "This week"  # type: ignore[union-attr]
        assert wins.kit_item(session, STRANGER, rng(3)) is None


def test_step_11_lists_wins_and_affirmations(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        wins.add_win(session, ME, "Said what I needed", now=NOW)
        wins.add_affirmation(session, ME, "I can feel scared and still choose.", now=NOW)
    with open_vault.session() as session:
        items = wins.step_items(session, ME, 11)
        assert {i.title for i in items} == {
            "Said what I needed",
            "I can feel scared and still choose.",
        }
        assert wins.step_items(session, ME, 6) == []
