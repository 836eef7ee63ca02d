"""Trust log in the vault: moments per person (typed or a support person), the 90-day count,
owner-scoped, searchable, crisis-checked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.owner import Owner
from anchored.features import FEATURES
from anchored.features.search.service import search_writing
from anchored.features.trust import service as trust
from anchored.features.trust.rules import PersonCount
from anchored.features.trust.service import MomentText
from anchored.manifest import Registry
from anchored.storage.vault import OpenVault
from tests.support import NOW, People

KINDS = {k.code: k for k in Registry(FEATURES).feature("trust").search}
CALL = MomentText("Call after the meeting", "yes", "Maya")


def _people(session: Session, owner: Owner) -> list[tuple[int, str]]:
    """Stands in for the people feature's ``people.choices``."""
    return [(7, "Sam"), (9, "Grandma")] if owner.id == 1 else [(11, "Not yours")]


def test_a_moment_keeps_who_what_and_the_day(open_vault: OpenVault, people: People) -> None:
    with open_vault.session() as session:
        done = trust.add_moment(session, people.me, CALL, now=NOW)
        assert not done.needs_help
    with open_vault.session() as session:
        moment = trust.get_moment(session, people.me, done.id)
        assert (moment.person_name, moment.said, moment.kept) == ("Maya", CALL.said, True)
        assert moment.happened_on == NOW.astimezone().date()
        assert moment.person_id is None


def test_a_support_person_is_picked_from_the_people_offer(
    open_vault: OpenVault, people: People
) -> None:
    picked = MomentText("Pick me up at six", "no", "", person_id=9, day="2026-11-20")
    with open_vault.session() as session:
        moment_id = trust.add_moment(session, people.me, picked, now=NOW, people=_people).id
        moment = trust.get_moment(session, people.me, moment_id)
        assert (moment.person_id, moment.person_name, moment.kept) == (9, "Grandma", False)
        # Someone not in the owner's list (another owner's, or no people feature): typed name.
        theirs = MomentText("x", "yes", "Typed", person_id=11)
        other_id = trust.add_moment(session, people.me, theirs, now=NOW, people=_people).id
        assert trust.get_moment(session, people.me, other_id).person_id is None
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        trust.add_moment(session, people.me, picked, now=NOW, people=None)  # nobody named
    assert set(caught.value.errors) == {"person_name"}


def test_what_is_missing_or_wrong_is_named(open_vault: OpenVault, people: People) -> None:
    bad = MomentText("  ", "maybe", "  ", day=(NOW + timedelta(days=2)).date().isoformat())
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        trust.add_moment(session, people.me, bad, now=NOW)
    assert set(caught.value.errors) == {"person_name", "said", "kept", "day"}


def test_the_count_per_person_covers_the_last_90_days(
    open_vault: OpenVault, people: People
) -> None:
    today = NOW.astimezone().date()
    with open_vault.session() as session:
        for days_ago, kept, name in [(0, "yes", "Sam"), (10, "no", "sam"), (89, "yes", "Sam")]:
            day = (today - timedelta(days=days_ago)).isoformat()
            trust.add_moment(session, people.me, MomentText("call", kept, name, day=day), now=NOW)
        old = (today - timedelta(days=90)).isoformat()
        trust.add_moment(session, people.me, MomentText("call", "no", "Sam", day=old), now=NOW)
        trust.add_moment(session, people.stranger, CALL, now=NOW)
    with open_vault.session() as session:
        assert trust.person_counts(session, people.me, now=NOW) == [PersonCount("Sam", 2, 1)]
        assert trust.person_counts(session, people.stranger, now=NOW) == [PersonCount("Maya", 1, 0)]


def test_edit_and_delete_stay_with_the_owner(open_vault: OpenVault, people: People) -> None:
    with open_vault.session() as session:
        moment_id = trust.add_moment(session, people.me, CALL, now=NOW).id
    for other in (people.therapist, people.stranger):
        with open_vault.session() as session:
            with pytest.raises(NotFound):
                trust.get_moment(session, other, moment_id)
            with pytest.raises(NotFound):
                trust.update_moment(session, other, moment_id, CALL, now=NOW)
            with pytest.raises(NotFound):
                trust.delete_moment(session, other, moment_id)
    changed = MomentText("Call after the meeting", "no", "Maya", note="Busy day.")
    with open_vault.session() as session:
        trust.update_moment(session, people.me, moment_id, changed, now=NOW)
        assert trust.get_moment(session, people.me, moment_id).kept is False
        assert search_writing(session, people.me, "busy", KINDS).total == 1
        assert search_writing(session, people.stranger, "busy", KINDS).total == 0
        trust.delete_moment(session, people.me, moment_id)
    with open_vault.session() as session:
        assert search_writing(session, people.me, "busy", KINDS).total == 0
        assert trust.list_moments(session, people.me) == []


@pytest.mark.parametrize("field", ["person_name", "said", "note"])
def test_crisis_words_ask_for_the_help_card(
    open_vault: OpenVault, people: People, field: str
) -> None:
    values = {"said": "call", "kept": "yes", "person_name": "Sam", "note": ""}
    values[field] = "I want to end my life"
    with open_vault.session() as session:
        assert trust.add_moment(session, people.me, MomentText(**values), now=NOW).needs_help


def test_step_4_lists_the_moments(open_vault: OpenVault, people: People) -> None:
    with open_vault.session() as session:
        trust.add_moment(session, people.me, CALL, now=NOW)
        [item] = trust.step_items(session, people.me, 4)
        assert (item.title, item.detail) == ("Maya: Call after the meeting", "Did it")
        assert trust.step_items(session, people.me, 5) == []
