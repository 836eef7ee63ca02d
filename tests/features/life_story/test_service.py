"""Life-story events in the vault: add, edit, delete, the order, the pacing by the person's
day; owner-scoped, searchable, crisis-checked."""

from __future__ import annotations

from datetime import timedelta

import pytest

from anchored.core.errors import InvalidInput, NotFound
from anchored.features import FEATURES
from anchored.features.life_story import service as life_story
from anchored.features.life_story.service import EventText
from anchored.features.search.service import search_writing
from anchored.manifest import Registry
from anchored.storage.vault import OpenVault
from tests.support import NOW, People

KINDS = {k.code: k for k in Registry(FEATURES).feature("life_story").search}


def test_events_come_back_in_the_order_they_happened(open_vault: OpenVault, people: People) -> None:
    with open_vault.session() as session:
        for text in (
            EventText("A new school", year="1995"),
            EventText("Dad moved out", age="7", year="1992", note="The blue car."),
            EventText("First flat", age="19"),
        ):
            life_story.add_event(session, people.me, text, now=NOW)
        life_story.add_event(session, people.stranger, EventText("Theirs", age="1"), now=NOW)
    with open_vault.session() as session:
        titles = [e.title for e in life_story.timeline(session, people.me)]
        assert titles == ["Dad moved out", "A new school", "First flat"]


def test_a_title_and_a_time_are_needed(open_vault: OpenVault, people: People) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        life_story.add_event(session, people.me, EventText("  ", note="x"), now=NOW)
    assert set(caught.value.errors) == {"title", "age"}
    next_year = str(NOW.year + 1)
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        life_story.add_event(session, people.me, EventText("Later", year=next_year), now=NOW)
    assert set(caught.value.errors) == {"year"}


def test_enough_for_today_counts_the_persons_day_and_can_be_set_aside(
    open_vault: OpenVault, people: People
) -> None:
    yesterday = NOW - timedelta(days=1)
    with open_vault.session() as session:
        life_story.add_event(session, people.me, EventText("Yesterday", age="3"), now=yesterday)
        for n in range(2):
            life_story.add_event(session, people.me, EventText(f"E{n}", age="4"), now=NOW)
        assert life_story.pace(session, people.me, now=NOW) == life_story.Pace(2, False)
        life_story.add_event(session, people.me, EventText("Third", age="5"), now=NOW)
        assert life_story.pace(session, people.me, now=NOW) == life_story.Pace(3, True)
        assert life_story.pace(session, people.stranger, now=NOW) == life_story.Pace(0, False)
        life_story.go_on_today(session, people.me, now=NOW)
        life_story.go_on_today(session, people.me, now=NOW)  # twice is the same
        assert life_story.pace(session, people.me, now=NOW) == life_story.Pace(3, False)
    tomorrow = NOW + timedelta(days=1)
    with open_vault.session() as session:
        for n in range(3):
            life_story.add_event(session, people.me, EventText(f"T{n}", age="6"), now=tomorrow)
        # Set aside yesterday does not carry over to a new day.
        assert life_story.pace(session, people.me, now=tomorrow) == life_story.Pace(3, True)


def test_edit_delete_and_search_stay_with_the_owner(open_vault: OpenVault, people: People) -> None:
    with open_vault.session() as session:
        event_id = life_story.add_event(
            session, people.me, EventText("Moving house", age="7", note="The lighthouse."), now=NOW
        ).id
    for other in (people.therapist, people.stranger):
        with open_vault.session() as session:
            with pytest.raises(NotFound):
                life_story.get_event(session, other, event_id)
            with pytest.raises(NotFound):
                life_story.update_event(session, other, event_id, EventText("x", "1"), now=NOW)
            with pytest.raises(NotFound):
                life_story.delete_event(session, other, event_id)
            assert search_writing(session, other, "lighthouse", KINDS).total == 0
    with open_vault.session() as session:
        life_story.update_event(
            session, people.me, event_id, EventText("Moving house", year="1990"), now=NOW
        )
        event = life_story.get_event(session, people.me, event_id)
        assert (event.age, event.year, event.note) == (None, 1990, "")
        assert search_writing(session, people.me, "lighthouse", KINDS).total == 0
        assert search_writing(session, people.me, "moving", KINDS).total == 1
        life_story.delete_event(session, people.me, event_id)
    with open_vault.session() as session:
        assert search_writing(session, people.me, "moving", KINDS).total == 0


@pytest.mark.parametrize("field", ["title", "note"])
def test_crisis_words_ask_for_the_help_card(
    open_vault: OpenVault, people: People, field: str
) -> None:
    values = {"title": "Leaving home", "age": "16", field: "I want to end my life"}
    with open_vault.session() as session:
        assert life_story.add_event(session, people.me, EventText(**values), now=NOW).needs_help


def test_step_1_lists_titles_only(open_vault: OpenVault, people: People) -> None:
    with open_vault.session() as session:
        life_story.add_event(
            session, people.me, EventText("A loss", age="9", note="Too much."), now=NOW
        )
        [item] = life_story.step_items(session, people.me, 1)
        assert (item.title, item.detail) == ("A loss", "Age 9")
        assert "Too much" not in repr(item)
        assert life_story.step_items(session, people.me, 4) == []
