from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features import FEATURES
from anchored.features.pause.models import PauseEpisode
from anchored.features.trigger_log import service as trigger_log
from anchored.features.trigger_log.service import TriggerText
from anchored.manifest import Registry
from anchored.services.records import count_records
from anchored.storage.vault import OpenVault
from tests.support import NOW

STRANGER = Owner(id=2)
# What the pause offers, found the way the app finds it: through the registry.
PAUSE = Registry(FEATURES).offer("pause.trigger_prefill")
FULL = TriggerText(
    trigger="He said he'd call at eight and didn't.",
    origin="Dad often promised to come and then didn't.",
    usual_response="Send message after message until he answers.",
    new_response="Breathe, wait twenty minutes, then send one calm message.",
)


def _episode(session: Session, owner: Owner, **fields: str) -> int:
    now = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
    episode = PauseEpisode(
        owner_id=owner.id,
        started_at=now,
        ends_at=now + timedelta(minutes=20),
        ended_at=now + timedelta(minutes=20),
        planned_minutes=20,
        status="finished",
        **fields,
    )
    session.add(episode)
    session.flush()
    return episode.id


def test_an_entry_keeps_all_four_answers(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        entry_id = trigger_log.add_entry(session, PERSONAL_OWNER, FULL, now=NOW).id
    with open_vault.session() as session:
        entry = trigger_log.get_entry(session, PERSONAL_OWNER, entry_id)
        assert (entry.trigger, entry.origin) == (FULL.trigger, FULL.origin)
        assert (entry.usual_response, entry.new_response) == (
            FULL.usual_response,
            FULL.new_response,
        )
        assert entry.episode_id is None
        assert entry.created_at.utcoffset() == timedelta(0)


def test_only_the_trigger_is_needed_and_text_is_trimmed(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        done = trigger_log.add_entry(
            session, PERSONAL_OWNER, TriggerText("  left on read \n"), now=NOW
        )
        entry = trigger_log.get_entry(session, PERSONAL_OWNER, done.id)
        assert entry.trigger == "left on read"
        assert entry.origin == entry.usual_response == entry.new_response == ""


@pytest.mark.parametrize("trigger", ["", "  \n\t "])
def test_an_empty_trigger_is_refused_and_nothing_saved(open_vault: OpenVault, trigger: str) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        trigger_log.add_entry(
            session, PERSONAL_OWNER, TriggerText(trigger, origin="something"), now=NOW
        )
    assert set(caught.value.errors) == {"trigger"}
    with open_vault.session() as session:
        assert trigger_log.count_entries(session, PERSONAL_OWNER) == 0


def test_over_long_answers_name_the_limit_without_echoing(open_vault: OpenVault) -> None:
    long = "x" * (trigger_log.TEXT_MAX + 1)
    text = TriggerText("ok", origin=long, new_response=long)
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        trigger_log.add_entry(session, PERSONAL_OWNER, text, now=NOW)
    assert set(caught.value.errors) == {"origin", "new_response"}
    assert "5,000" in caught.value.errors["origin"]
    assert "xxxx" not in caught.value.errors["origin"]


def test_listed_newest_first_and_counted(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        for trigger in ["first", "second", "third"]:
            trigger_log.add_entry(session, PERSONAL_OWNER, TriggerText(trigger), now=NOW)
    with open_vault.session() as session:
        entries = trigger_log.list_entries(session, PERSONAL_OWNER)
        assert [e.trigger for e in entries] == ["third", "second", "first"]
        assert [e.trigger for e in trigger_log.list_entries(session, PERSONAL_OWNER, limit=1)] == [
            "third"
        ]
        assert trigger_log.count_entries(session, PERSONAL_OWNER) == 3


def test_edit_changes_the_answers_but_not_the_date(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        done = trigger_log.add_entry(session, PERSONAL_OWNER, TriggerText("before"), now=NOW)
        entry = trigger_log.get_entry(session, PERSONAL_OWNER, done.id)
        entry_id, created = entry.id, entry.created_at
    with open_vault.session() as session:
        trigger_log.update_entry(session, PERSONAL_OWNER, entry_id, FULL)
    with open_vault.session() as session:
        entry = trigger_log.get_entry(session, PERSONAL_OWNER, entry_id)
        assert entry.trigger == FULL.trigger
        assert entry.new_response == FULL.new_response
        assert entry.created_at == created
        with pytest.raises(InvalidInput):
            trigger_log.update_entry(session, PERSONAL_OWNER, entry_id, TriggerText(""))


def test_delete(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        entry_id = trigger_log.add_entry(session, PERSONAL_OWNER, FULL, now=NOW).id
    with open_vault.session() as session:
        trigger_log.delete_entry(session, PERSONAL_OWNER, entry_id)
    with open_vault.session() as session:
        with pytest.raises(NotFound):
            trigger_log.get_entry(session, PERSONAL_OWNER, entry_id)
        with pytest.raises(NotFound):
            trigger_log.delete_entry(session, PERSONAL_OWNER, entry_id)


def test_a_pause_fills_in_a_new_entry(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        episode_id = _episode(
            session,
            PERSONAL_OWNER,
            what_happened=" No reply for three hours. ",
            held_message="Why are you ignoring me?",
        )
        text = trigger_log.from_pause(session, PERSONAL_OWNER, episode_id, PAUSE)
    assert text == TriggerText(
        trigger="No reply for three hours.",
        usual_response="Wanted to send: Why are you ignoring me?",
    )


def test_a_pause_without_a_held_message_leaves_the_usual_response_empty(
    open_vault: OpenVault,
) -> None:
    with open_vault.session() as session:
        episode_id = _episode(session, PERSONAL_OWNER, what_happened="Plans changed.")
        text = trigger_log.from_pause(session, PERSONAL_OWNER, episode_id, PAUSE)
    assert text == TriggerText(trigger="Plans changed.")


def test_the_saved_entry_links_its_pause(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        episode_id = _episode(session, PERSONAL_OWNER, what_happened="Left on read.")
        assert trigger_log.entry_for_episode(session, PERSONAL_OWNER, episode_id) is None
        done = trigger_log.add_entry(
            session, PERSONAL_OWNER, FULL, now=NOW, episode_id=episode_id, pause_prefill=PAUSE
        )
        entry = trigger_log.get_entry(session, PERSONAL_OWNER, done.id)
        assert entry.episode_id == episode_id
        found = trigger_log.entry_for_episode(session, PERSONAL_OWNER, episode_id)
        assert found is not None
        assert found.id == entry.id


def test_a_missing_pause_is_simply_not_linked(open_vault: OpenVault) -> None:
    """The person's writing is never lost because the pause went away meanwhile."""
    with open_vault.session() as session:
        done = trigger_log.add_entry(
            session, PERSONAL_OWNER, FULL, now=NOW, episode_id=999, pause_prefill=PAUSE
        )
        assert trigger_log.get_entry(session, PERSONAL_OWNER, done.id).episode_id is None


def test_strangers_see_nothing(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        entry_id = trigger_log.add_entry(session, PERSONAL_OWNER, FULL, now=NOW).id
        episode_id = _episode(session, PERSONAL_OWNER, what_happened="private")
        trigger_log.add_entry(
            session, PERSONAL_OWNER, FULL, now=NOW, episode_id=episode_id, pause_prefill=PAUSE
        )
    with open_vault.session() as session:
        assert trigger_log.list_entries(session, STRANGER) == []
        assert trigger_log.count_entries(session, STRANGER) == 0
        for action in (
            lambda: trigger_log.get_entry(session, STRANGER, entry_id),
            lambda: trigger_log.update_entry(session, STRANGER, entry_id, TriggerText("mine")),
            lambda: trigger_log.delete_entry(session, STRANGER, entry_id),
        ):
            with pytest.raises(NotFound):
                action()
        assert trigger_log.from_pause(session, STRANGER, episode_id, PAUSE) is None
        assert trigger_log.entry_for_episode(session, STRANGER, episode_id) is None
        # Someone else's pause is not linked to a stranger's entry.
        theirs = trigger_log.add_entry(
            session, STRANGER, FULL, now=NOW, episode_id=episode_id, pause_prefill=PAUSE
        )
        assert trigger_log.get_entry(session, STRANGER, theirs.id).episode_id is None
        assert count_records(session, STRANGER)["trigger log entries"] == 1
        assert count_records(session, PERSONAL_OWNER)["trigger log entries"] == 2


# -- through the manifest: what it offers, and without a pause ---------------------------------


def test_the_entry_for_a_pause_is_offered_through_the_manifest(open_vault: OpenVault) -> None:
    entry_for_pause = Registry(FEATURES).offer("trigger_log.entry_for_pause")
    assert entry_for_pause is trigger_log.entry_for_pause
    with open_vault.session() as session:
        episode_id = _episode(session, PERSONAL_OWNER, what_happened="Left on read.")
        assert entry_for_pause(session, PERSONAL_OWNER, episode_id) is None
        first = trigger_log.add_entry(
            session, PERSONAL_OWNER, FULL, now=NOW, episode_id=episode_id, pause_prefill=PAUSE
        )
        trigger_log.add_entry(
            session, PERSONAL_OWNER, FULL, now=NOW, episode_id=episode_id, pause_prefill=PAUSE
        )
        assert entry_for_pause(session, PERSONAL_OWNER, episode_id) == f"/trigger-log/{first.id}"
        assert entry_for_pause(session, STRANGER, episode_id) is None


def test_only_a_finished_pause_fills_in_or_links(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        now = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
        running = PauseEpisode(
            owner_id=PERSONAL_OWNER.id,
            started_at=now,
            ends_at=now + timedelta(minutes=20),
            planned_minutes=20,
            status="running",
            what_happened="still pausing",
        )
        session.add(running)
        session.flush()
        assert trigger_log.from_pause(session, PERSONAL_OWNER, running.id, PAUSE) is None
        done = trigger_log.add_entry(
            session, PERSONAL_OWNER, FULL, now=NOW, episode_id=running.id, pause_prefill=PAUSE
        )
        assert trigger_log.get_entry(session, PERSONAL_OWNER, done.id).episode_id is None


def test_what_the_pause_offers_is_all_it_reads(open_vault: OpenVault) -> None:
    """The trigger log knows a pause only through the offer (here a stand-in)."""
    asked: list[tuple[Owner, int]] = []

    def prefill(_session: object, owner: Owner, episode_id: int) -> dict[str, str] | None:
        asked.append((owner, episode_id))
        return {"what_happened": " Plans changed. ", "held_message": " Why? "}

    with open_vault.session() as session:
        text = trigger_log.from_pause(session, PERSONAL_OWNER, 7, prefill)
    assert text == TriggerText(trigger="Plans changed.", usual_response="Wanted to send: Why?")
    assert asked == [(PERSONAL_OWNER, 7)]


def test_without_a_pause_feature_nothing_is_filled_in_or_linked(open_vault: OpenVault) -> None:
    """No feature offers pause.trigger_prefill: entries are still written, never linked."""
    with open_vault.session() as session:
        episode_id = _episode(session, PERSONAL_OWNER, what_happened="Left on read.")
        assert trigger_log.from_pause(session, PERSONAL_OWNER, episode_id, None) is None
        done = trigger_log.add_entry(
            session, PERSONAL_OWNER, FULL, now=NOW, episode_id=episode_id, pause_prefill=None
        )
        entry = trigger_log.get_entry(session, PERSONAL_OWNER, done.id)
        assert (entry.trigger, entry.episode_id) == (FULL.trigger, None)


def test_saves_say_whether_the_help_card_comes_first(open_vault: OpenVault) -> None:
    crisis = "I can't go on like this. I want to end my life."
    with open_vault.session() as session:
        calm = trigger_log.add_entry(session, PERSONAL_OWNER, FULL, now=NOW)
        assert not calm.needs_help
        assert trigger_log.get_entry(session, PERSONAL_OWNER, calm.id).created_at == NOW
        for field in ("origin", "usual_response", "new_response"):
            text = TriggerText(**{"trigger": "A hard evening.", field: crisis})
            assert trigger_log.add_entry(session, PERSONAL_OWNER, text, now=NOW).needs_help
        edited = trigger_log.update_entry(session, PERSONAL_OWNER, calm.id, TriggerText(crisis))
        assert (edited.id, edited.needs_help) == (calm.id, True)


def test_too_long_uses_the_one_wording(open_vault: OpenVault) -> None:
    text = TriggerText("ok", origin="x" * (trigger_log.TEXT_MAX + 1))
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        trigger_log.add_entry(session, PERSONAL_OWNER, text, now=NOW)
    message = caught.value.errors["origin"]
    assert message == "This box can be up to 5,000 characters; this one has 5,001."


def test_the_held_message_a_pause_fills_in_is_still_checked(open_vault: OpenVault) -> None:
    """The app's "Wanted to send: " is left out; the held message after it is the person's."""
    with open_vault.session() as session:
        for held, card in (("Call me back.", False), ("I want to end my life.", True)):
            episode_id = _episode(
                session, PERSONAL_OWNER, what_happened="Left on read.", held_message=held
            )
            text = trigger_log.from_pause(session, PERSONAL_OWNER, episode_id, PAUSE)
            assert text is not None
            done = trigger_log.add_entry(
                session, PERSONAL_OWNER, text, now=NOW, episode_id=episode_id, pause_prefill=PAUSE
            )
            assert done.needs_help is card, held
