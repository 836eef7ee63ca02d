"""Resilience memories: add, list, edit, delete, search, the crisis check, the kit, step 3."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from anchored.core.errors import InvalidInput, NotFound
from anchored.features import FEATURES
from anchored.features.resilience import SEARCH
from anchored.features.resilience import service as resilience
from anchored.features.resilience.rules import MemoryText
from anchored.features.search.service import search_writing
from anchored.manifest import Registry
from anchored.services.owned import export_feature
from anchored.services.vault import OpenVault
from tests.support import NOW, PEOPLE

ME, STRANGER = PEOPLE.me, PEOPLE.stranger
KINDS = {SEARCH.code: SEARCH}
MOVE = MemoryText(
    "The week after I moved I knew nobody.",
    "Walked to the same café each morning.",
    "I can build a life from scratch.",
)


def seeded(seed: int) -> random.Random:
    """A repeatable generator: the tests choose the seed."""
    return random.Random(seed)  # noqa: S311 (picks a suggestion, not a secret)


def _add(open_vault: OpenVault, text: MemoryText = MOVE, *, days_later: int = 0) -> int:
    with open_vault.session() as session:
        now = NOW + timedelta(days=days_later)
        return resilience.add_memory(session, ME, text, now=now).id


def test_a_memory_keeps_its_three_parts(open_vault: OpenVault) -> None:
    memory_id = _add(open_vault, MemoryText("  A hard winter. ", "\nKept going.\n", ""))
    with open_vault.session() as session:
        memory = resilience.get_memory(session, ME, memory_id)
        assert (memory.happened, memory.did, memory.shows) == ("A hard winter.", "Kept going.", "")
        assert memory.created_at == NOW


def test_only_what_happened_is_needed(open_vault: OpenVault) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        resilience.add_memory(session, ME, MemoryText("  ", "Kept going.", "Strong."), now=NOW)
    assert set(caught.value.errors) == {"happened"}
    with open_vault.session() as session:
        assert resilience.count_memories(session, ME) == 0


def test_an_over_long_box_names_the_limit_without_echoing_it(open_vault: OpenVault) -> None:
    long = "y" * (resilience.TEXT_MAX + 1)
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        resilience.add_memory(session, ME, MemoryText("A move.", "", long), now=NOW)
    assert f"{resilience.TEXT_MAX:,}" in caught.value.errors["shows"]
    assert "yyy" not in caught.value.errors["shows"]


def test_memories_are_listed_newest_first(open_vault: OpenVault) -> None:
    first = _add(open_vault)
    second = _add(open_vault, MemoryText("A job interview."), days_later=1)
    with open_vault.session() as session:
        assert [m.id for m in resilience.list_memories(session, ME)] == [second, first]
        assert resilience.list_memories(session, STRANGER) == []


@pytest.mark.parametrize("part", ["happened", "did", "shows"])
def test_each_part_is_crisis_checked(open_vault: OpenVault, part: str) -> None:
    answers = {"happened": "A hard winter.", part: "I want to end my life tonight."}
    with open_vault.session() as session:
        assert resilience.add_memory(session, ME, MemoryText(**answers), now=NOW).needs_help
    memory_id = _add(open_vault)
    with open_vault.session() as session:
        done = resilience.update_memory(session, ME, memory_id, MemoryText(**answers), now=NOW)
        assert done.needs_help


def test_edit_then_delete_keep_search_in_step(open_vault: OpenVault) -> None:
    memory_id = _add(open_vault)
    with open_vault.session() as session:
        assert search_writing(session, ME, "café", KINDS).total == 1
        resilience.update_memory(
            session, ME, memory_id, MemoryText("A lonely winter.", "Swam twice a week."), now=NOW
        )
    with open_vault.session() as session:
        assert search_writing(session, ME, "café", KINDS).total == 0
        found = search_writing(session, ME, "swam", KINDS).results
        assert [(r.title, r.url) for r in found] == [
            ("A lonely winter.", f"/resilience/{memory_id}")
        ]
        resilience.delete_memory(session, ME, memory_id)
    with open_vault.session() as session:
        assert search_writing(session, ME, "swam", KINDS).total == 0
        assert resilience.count_memories(session, ME) == 0


def test_another_persons_memory_is_not_found(open_vault: OpenVault) -> None:
    memory_id = _add(open_vault)
    with open_vault.session() as session:
        for act in (
            lambda: resilience.get_memory(session, STRANGER, memory_id),
            lambda: resilience.update_memory(session, STRANGER, memory_id, MOVE, now=NOW),
            lambda: resilience.delete_memory(session, STRANGER, memory_id),
        ):
            with pytest.raises(NotFound):
                act()
        assert resilience.count_memories(session, ME) == 1


def test_the_kit_offers_one_memory(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        assert resilience.kit_item(session, ME, seeded(3)) is None
    memory_id = _add(open_vault)
    _add(open_vault, MemoryText("A job interview.", "Went anyway."))
    with open_vault.session() as session:
        shown = {resilience.kit_item(session, ME, seeded(seed)) for seed in range(30)}
        assert resilience.kit_item(session, STRANGER, seeded(3)) is None
    assert {item.text for item in shown if item} == {MOVE.happened, "A job interview."}
    move = next(item for item in shown if item and item.text == MOVE.happened)
    assert (move.detail, move.path) == (MOVE.shows, f"/resilience/{memory_id}")
    interview = next(item for item in shown if item and item.text == "A job interview.")
    assert interview.detail == "Went anyway."  # what they did, when nothing says what it shows


def test_step_three_lists_the_memories(open_vault: OpenVault) -> None:
    memory_id = _add(open_vault)
    with open_vault.session() as session:
        items = resilience.step_items(session, ME, 3)
        assert [(i.title, i.path) for i in items] == [(MOVE.happened, f"/resilience/{memory_id}")]
        assert resilience.step_items(session, ME, 2) == []


def test_export_holds_every_part(open_vault: OpenVault) -> None:
    _add(open_vault)
    feature = Registry(FEATURES).feature("resilience")
    with open_vault.session() as session:
        (row,) = export_feature(session, ME, feature)["resilience_memories"]
        assert (row["happened"], row["did"], row["shows"]) == MOVE.texts()
