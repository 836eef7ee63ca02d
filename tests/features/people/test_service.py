"""Support people in the vault: add, edit, delete, order, offers, the kit hook, the message."""

from __future__ import annotations

import random

import pytest

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.owner import Owner
from anchored.features.people import SEARCH
from anchored.features.people import service as people
from anchored.features.people.service import Details
from anchored.features.search.service import search_writing
from anchored.services.vault import OpenVault
from tests.support import NOW, PEOPLE

ME, STRANGER = PEOPLE.me, PEOPLE.stranger


def _seeded(seed: object) -> random.Random:
    """The kit's kind of generator: repeatable, not for secrets."""
    return random.Random(str(seed))  # noqa: S311


SAM = Details("Sam", phone="07700 900123", email="sam@example.com", good_for=("listening",))


def _add(open_vault: OpenVault, details: Details, owner: Owner = ME) -> int:
    with open_vault.session() as session:
        return people.add_person(session, owner, details, now=NOW).id


def test_people_are_listed_in_the_order_added_then_moved(open_vault: OpenVault) -> None:
    ids = [_add(open_vault, Details(name)) for name in ("Sam", "Maya", "Jo")]
    with open_vault.session() as session:
        assert [p.name for p in people.list_people(session, ME)] == ["Sam", "Maya", "Jo"]
        people.move_person(session, ME, ids[2], "up")
        people.move_person(session, ME, ids[0], "up")  # already first: stays
    with open_vault.session() as session:
        assert [p.name for p in people.list_people(session, ME)] == ["Sam", "Jo", "Maya"]
        assert people.choices(session, ME) == [(ids[0], "Sam"), (ids[2], "Jo"), (ids[1], "Maya")]


def test_a_new_person_goes_to_the_end_even_after_moves(open_vault: OpenVault) -> None:
    _add(open_vault, Details("A"))
    second = _add(open_vault, Details("B"))
    with open_vault.session() as session:
        people.move_person(session, ME, second, "up")
    _add(open_vault, Details("C"))
    with open_vault.session() as session:
        assert [p.name for p in people.list_people(session, ME)] == ["B", "A", "C"]


def test_wrong_details_are_all_explained_at_once_and_nothing_is_saved(
    open_vault: OpenVault,
) -> None:
    bad = Details(" ", kind="crowd", phone="call me", email="sam@", good_for=("hugs",))
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        people.add_person(session, ME, bad, now=NOW)
    assert set(caught.value.errors) == {"name", "kind", "phone", "email", "good_for"}
    assert "call me" not in " ".join(caught.value.errors.values())
    with open_vault.session() as session:
        assert people.count_people(session, ME) == 0


def test_over_long_name_and_note_name_the_limits(open_vault: OpenVault) -> None:
    bad = Details("n" * 121, note="x" * 1001)
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        people.add_person(session, ME, bad, now=NOW)
    assert "120" in caught.value.errors["name"]
    assert "1,000" in caught.value.errors["note"]


def test_edit_changes_details_and_keeps_the_place(open_vault: OpenVault) -> None:
    sam, _maya = _add(open_vault, SAM), _add(open_vault, Details("Maya"))
    changed = Details("Sam K", kind="person", phone="", email="", good_for=("partner",))
    with open_vault.session() as session:
        people.update_person(session, ME, sam, changed, now=NOW)
    with open_vault.session() as session:
        first = people.list_people(session, ME)[0]
        assert (first.name, first.phone, first.good_for) == ("Sam K", "", "partner")
        assert people.links(first) == ()


def test_search_finds_name_and_note_until_deleted(open_vault: OpenVault) -> None:
    sam = _add(open_vault, Details("Sam", note="Knows the whole story with Alex."))
    kinds = {SEARCH.code: SEARCH}
    with open_vault.session() as session:
        found = search_writing(session, ME, "whole story", kinds)
        assert found.total == 1
        assert search_writing(session, STRANGER, "whole story", kinds).total == 0
        people.delete_person(session, ME, sam)
    with open_vault.session() as session:
        assert search_writing(session, ME, "whole story", kinds).total == 0
        with pytest.raises(NotFound):
            people.get_person(session, ME, sam)


def test_another_owner_cannot_read_change_move_or_delete(open_vault: OpenVault) -> None:
    sam = _add(open_vault, SAM)
    with open_vault.session() as session:
        assert people.list_people(session, STRANGER) == []
        assert people.choices(session, STRANGER) == []
        assert people.contact(session, STRANGER, sam) is None
        for act in (
            lambda: people.get_person(session, STRANGER, sam),
            lambda: people.update_person(session, STRANGER, sam, Details("X"), now=NOW),
            lambda: people.move_person(session, STRANGER, sam, "down"),
            lambda: people.delete_person(session, STRANGER, sam),
        ):
            with pytest.raises(NotFound):
                act()
    with open_vault.session() as session:
        assert people.get_person(session, ME, sam).name == "Sam"


def test_crisis_words_in_the_note_ask_for_the_help_card(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        done = people.add_person(
            session, ME, Details("Sam", note="I want to end my life tonight."), now=NOW
        )
        calm = people.add_person(session, ME, Details("Maya", note="Loves dogs."), now=NOW)
    assert done.needs_help
    assert not calm.needs_help


def test_contact_gives_call_and_text_links_with_what_they_are_good_for(
    open_vault: OpenVault,
) -> None:
    details = Details("Sam", phone="+44 7700 900123", good_for=("partner", "listening"))
    sam = _add(open_vault, details)
    with open_vault.session() as session:
        item = people.contact(session, ME, sam)
    assert item is not None
    assert item.text == "Sam"
    assert item.path == f"/people/{sam}"
    assert item.links == (
        ("Call +44 7700 900123", "tel:+447700900123"),
        ("Text +44 7700 900123", "sms:+447700900123"),
    )
    assert item.detail == "Good for listening; when it's about my partner."


def test_the_kit_picks_someone_reachable_the_same_for_the_same_seed(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        assert people.kit_item(session, ME, _seeded(1)) is None
    _add(open_vault, Details("No number"))
    for name in ("Sam", "Maya", "Jo", "Ali"):
        _add(open_vault, Details(name, phone="07700 900123"))
    with open_vault.session() as session:
        items = [people.kit_item(session, ME, _seeded(seed)) for seed in range(40)]
        again = [people.kit_item(session, ME, _seeded("day")) for _ in range(3)]
    picks = {item.text for item in items if item}
    assert picks == {"Sam", "Maya", "Jo", "Ali"}  # random, but never the one without a number
    assert len({item.text for item in again if item}) == 1


def test_someone_without_a_number_is_still_offered_when_nobody_has_one(
    open_vault: OpenVault,
) -> None:
    _add(open_vault, Details("Quiet friend"))
    with open_vault.session() as session:
        item = people.kit_item(session, ME, _seeded(3))
    assert item is not None
    assert (item.text, item.links) == ("Quiet friend", ())


def test_a_message_is_put_together_checked_and_not_kept(open_vault: OpenVault) -> None:
    sam = _add(open_vault, SAM)
    with open_vault.session() as session:
        draft = people.draft_message(
            session, ME, person_id=sam, share="Rough night here.", ask="talk_later"
        )
        crisis = people.draft_message(
            session, ME, person_id=None, share="I want to end my life tonight.", ask=""
        )
    ask = "Are you free for a call later, or tomorrow?"
    assert draft.text == f"Hi Sam,\n\nRough night here.\n\n{ask}"
    assert not draft.needs_help
    assert draft.person is not None
    assert crisis.needs_help
    assert crisis.text == "Hi,\n\nI want to end my life tonight."


@pytest.mark.parametrize(
    ("share", "ask", "person", "field"),
    [
        ("", "", None, "share"),
        ("x" * 501, "", None, "share"),
        ("Hello", "hug", None, "ask"),
        ("Hello", "", 4242, "to"),
    ],
)
def test_a_message_that_cannot_be_put_together_says_why(
    open_vault: OpenVault, share: str, ask: str, person: int | None, field: str
) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        people.draft_message(session, ME, person_id=person, share=share, ask=ask)
    assert field in caught.value.errors


def test_someone_elses_person_cannot_be_messaged_through_the_helper(open_vault: OpenVault) -> None:
    theirs = _add(open_vault, SAM, owner=STRANGER)
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        people.draft_message(session, ME, person_id=theirs, share="Hi", ask="")
    assert "to" in caught.value.errors


def test_step_twelve_lists_the_people(open_vault: OpenVault) -> None:
    _add(open_vault, Details("Walking group", kind="group"))
    with open_vault.session() as session:
        items = people.step_items(session, ME, 12)
        assert people.step_items(session, ME, 11) == []
    assert [(i.title, i.detail) for i in items] == [("Walking group", "A group")]
