"""Self-compassion: kind phrases (order, owner scope, search, crisis check), breaks, the
letter through the journal's offer, the kit and step 6."""

from __future__ import annotations

import random

import pytest

from anchored.core.errors import InvalidInput, NotFound
from anchored.features import FEATURES
from anchored.features.journal import service as journal
from anchored.features.search.service import search_writing
from anchored.features.self_compassion import service as compassion
from anchored.manifest import Registry
from anchored.storage.vault import OpenVault
from tests.support import NOW, PEOPLE


def rng(seed: int) -> random.Random:
    return random.Random(seed)  # noqa: S311 (a choice, not a secret)


ME, STRANGER = PEOPLE.me, PEOPLE.stranger
REGISTRY = Registry(FEATURES)
KINDS = {k.code: k for k in REGISTRY.feature("self_compassion").search}


def _texts(open_vault: OpenVault) -> list[str]:
    with open_vault.session() as session:
        return [p.text for p in compassion.list_phrases(session, ME)]


def test_phrases_keep_the_order_they_are_moved_into(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        ids = [compassion.add_phrase(session, ME, t, now=NOW).id for t in ("One", "Two", "Three")]
        compassion.add_phrase(session, STRANGER, "Theirs", now=NOW)
    assert _texts(open_vault) == ["One", "Two", "Three"]
    with open_vault.session() as session:
        compassion.move_phrase(session, ME, ids[2], "up")
    assert _texts(open_vault) == ["One", "Three", "Two"]
    with open_vault.session() as session:
        compassion.move_phrase(session, ME, ids[0], "up")  # already first: nothing moves
        compassion.move_phrase(session, ME, ids[0], "down")
    assert _texts(open_vault) == ["Three", "One", "Two"]
    with open_vault.session() as session:
        compassion.delete_phrase(session, ME, ids[0])
        compassion.add_phrase(session, ME, "Four", now=NOW)
    assert _texts(open_vault) == ["Three", "Two", "Four"]


def test_a_wrong_phrase_or_direction_is_explained(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        with pytest.raises(InvalidInput) as caught:
            compassion.add_phrase(session, ME, "  ", now=NOW)
        assert "empty phrase" in caught.value.errors["text"]
        with pytest.raises(InvalidInput):
            compassion.add_phrase(session, ME, "x" * 301, now=NOW)
        phrase_id = compassion.add_phrase(session, ME, "Gentle", now=NOW).id
        with pytest.raises(InvalidInput):
            compassion.move_phrase(session, ME, phrase_id, "sideways")


def test_another_owners_phrase_or_break_is_not_found(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        phrase_id = compassion.add_phrase(session, ME, "Mine", now=NOW).id
        break_id = compassion.start_break(session, ME, "6", now=NOW).id
    with open_vault.session() as session:
        for call in (
            lambda: compassion.get_phrase(session, STRANGER, phrase_id),
            lambda: compassion.update_phrase(session, STRANGER, phrase_id, "No", now=NOW),
            lambda: compassion.move_phrase(session, STRANGER, phrase_id, "up"),
            lambda: compassion.delete_phrase(session, STRANGER, phrase_id),
            lambda: compassion.get_break(session, STRANGER, break_id),
            lambda: compassion.finish_break(session, STRANGER, break_id, "2", now=NOW),
        ):
            with pytest.raises(NotFound):
                call()


def test_phrases_are_searchable_and_crisis_checked(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        assert not compassion.add_phrase(
            session, ME, "Like a heron, I can wait.", now=NOW
        ).needs_help
        phrase_id = compassion.add_phrase(session, ME, "Calm", now=NOW).id
        assert compassion.update_phrase(
            session, ME, phrase_id, "I want to end my life.", now=NOW
        ).needs_help
    with open_vault.session() as session:
        assert search_writing(session, ME, "heron", KINDS).total == 1
        assert search_writing(session, STRANGER, "heron", KINDS).total == 0


def test_a_break_keeps_how_hard_it_felt_before_and_after(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        found = compassion.start_break(session, ME, "7", now=NOW)
        assert found.finished_at is None
        compassion.finish_break(session, ME, found.id, "4", now=NOW)
        break_id = found.id
    with open_vault.session() as session:
        done = compassion.get_break(session, ME, break_id)
        assert (done.feeling_before, done.feeling_after) == (7, 4)
        assert compassion.ratings(done)["change"].startswith("A little lighter")
        with pytest.raises(compassion.BreakFinished):
            compassion.finish_break(session, ME, break_id, "1", now=NOW)
        with pytest.raises(InvalidInput) as caught:
            compassion.start_break(session, ME, "12", now=NOW)
        assert "feeling_before" in caught.value.errors


def test_the_break_offers_one_of_the_persons_own_phrases(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        found = compassion.start_break(session, ME, "", now=NOW)
        assert compassion.break_phrase(session, ME, found) is None
        compassion.add_phrase(session, ME, "I am doing my best.", now=NOW)
        assert compassion.break_phrase(session, ME, found) == "I am doing my best."


def test_the_letter_is_a_journal_entry_for_step_6(open_vault: OpenVault) -> None:
    add_entry = REGISTRY.offer("journal.add_entry")
    assert add_entry is not None
    with open_vault.session() as session:
        done = compassion.save_letter(session, ME, add_entry, " Dear me, you tried. ", now=NOW)
        assert not done.needs_help
        with pytest.raises(InvalidInput) as caught:
            compassion.save_letter(session, ME, add_entry, "  ", now=NOW)
        assert "empty letter" in caught.value.errors["body"]
    with open_vault.session() as session:
        entry = journal.get_entry(session, ME, done.id)
        assert (entry.title, entry.body, entry.step) == (
            "A letter from a kind friend",
            "Dear me, you tried.",
            6,
        )
        assert [i.title for i in journal.step_items(session, ME, 6)] == [entry.title]
        crisis = compassion.save_letter(session, ME, add_entry, "I want to die.", now=NOW)
        assert crisis.needs_help


def test_the_kit_offers_one_kind_phrase(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        assert compassion.kit_item(session, ME, rng(1)) is None
        compassion.add_phrase(session, ME, "This hurts, and I can be gentle.", now=NOW)
        compassion.add_phrase(session, ME, "Lots of people feel this.", now=NOW)
    with open_vault.session() as session:
        picked = {compassion.kit_item(session, ME, rng(seed)).text for seed in range(20)}  # type: ignore[union-attr]
        assert picked == {"This hurts, and I can be gentle.", "Lots of people feel this."}
        assert compassion.kit_item(session, STRANGER, rng(1)) is None


def test_step_6_lists_phrases_and_finished_breaks(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        compassion.add_phrase(session, ME, "I can be gentle.", now=NOW)
        done = compassion.start_break(session, ME, "8", now=NOW)
        compassion.finish_break(session, ME, done.id, "5", now=NOW)
        compassion.start_break(session, ME, "3", now=NOW)  # not finished: not listed
    with open_vault.session() as session:
        items = compassion.step_items(session, ME, 6)
    assert sorted(i.title for i in items) == ["A self-compassion break", "I can be gentle."]
    assert any(i.detail == "How hard it felt: 8 → 5" for i in items)
