"""Pause episodes: start, write, timer, end, finish, stop; kept in the vault whatever happens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features import FEATURES
from anchored.features.pause import rules
from anchored.features.pause import service as pause
from anchored.features.pause.self_compassion import load_self_compassion, parse_self_compassion
from anchored.manifest import Registry
from anchored.services.records import count_records
from anchored.storage.vault import OpenVault

ME = PERSONAL_OWNER
T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
MARKER = "Held-message marker: the grey heron will not text back 5d1e77"


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def start(opened: OpenVault, when: datetime = T0, **kwargs: int) -> int:
    with opened.session() as session:
        episode, created = pause.start_pause(session, ME, now=when, **kwargs)
        assert created
        return episode.id


def load(opened: OpenVault, episode_id: int, when: datetime = T0) -> pause.PauseEpisode:
    with opened.session() as session:
        return pause.get_pause(session, ME, episode_id, now=when)


def texts_and_kinds(opened: OpenVault, episode_id: int) -> list[tuple[str, str]]:
    with opened.session() as session:
        episode = pause.get_pause(session, ME, episode_id, now=T0)
        return [(row.text, row.kind) for row in pause.statements(session, episode)]


# -- starting ---------------------------------------------------------------------------------


def test_start_makes_a_running_twenty_minute_pause(open_vault: OpenVault) -> None:
    episode_id = start(open_vault)
    episode = load(open_vault, episode_id)
    assert episode.status == "running"
    assert episode.planned_minutes == 20
    assert (episode.started_at, episode.ends_at) == (T0, at(20))
    assert episode.ended_at is None
    assert (episode.urge_before, episode.decision, episode.held_message) == (None, None, "")


def test_starting_again_returns_the_running_pause(open_vault: OpenVault) -> None:
    first = start(open_vault)
    with open_vault.session() as session:
        again, created = pause.start_pause(session, ME, now=at(3))
        assert (again.id, created) == (first, False)
        # Even after its timer ran out: the person lands on its end screen, not a duplicate.
        again, created = pause.start_pause(session, ME, now=at(25))
        assert (again.id, created) == (first, False)
        assert pause.count_pauses(session, ME) == 1


def test_a_new_pause_after_the_last_one_finished(open_vault: OpenVault) -> None:
    first = start(open_vault)
    with open_vault.session() as session:
        pause.finish_pause(session, ME, first, now=at(20))
    second = start(open_vault, at(30))
    assert second != first


def test_start_with_another_length(open_vault: OpenVault) -> None:
    episode = load(open_vault, start(open_vault, minutes=5))
    assert (episode.planned_minutes, episode.ends_at) == (5, at(5))
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        pause.start_pause(session, Owner(id=3), now=T0, minutes=7)
    assert "5, 10, 20 or 30" in caught.value.errors["minutes"]


def test_a_pause_left_running_long_ago_is_kept_as_abandoned(open_vault: OpenVault) -> None:
    forgotten = start(open_vault)
    with open_vault.session() as session:
        pause.save_progress(session, ME, forgotten, now=at(1), held_message="Are you there?")
    next_night = at(20) + rules.ABANDON_AFTER + timedelta(hours=20)
    newer = start(open_vault, next_night)  # not sent back to yesterday's pause
    assert newer != forgotten
    old = load(open_vault, forgotten, next_night)
    assert old.status == "abandoned"
    assert old.ended_at == at(20)  # it ended when its timer did
    assert old.held_message == "Are you there?"
    with open_vault.session() as session:
        assert pause.duration_seconds(old, now=next_night) == 20 * 60


def test_viewing_a_stale_pause_marks_it_abandoned(open_vault: OpenVault) -> None:
    episode_id = start(open_vault)
    assert load(open_vault, episode_id, at(20) + timedelta(minutes=30)).status == "running"
    assert load(open_vault, episode_id, at(20) + rules.ABANDON_AFTER).status == "abandoned"


# -- while it runs ----------------------------------------------------------------------------


def test_progress_is_saved_and_none_leaves_a_field_alone(open_vault: OpenVault) -> None:
    episode_id = start(open_vault)
    with open_vault.session() as session:
        pause.save_progress(
            session,
            ME,
            episode_id,
            now=at(1),
            what_happened="  Left on read since 9.  ",
            urge_before="8",
            held_message="Why are you ignoring me?",
        )
    with open_vault.session() as session:
        pause.save_progress(session, ME, episode_id, now=at(2), held_message="Call me?")
    episode = load(open_vault, episode_id)
    assert episode.what_happened == "Left on read since 9."
    assert episode.urge_before == 8
    assert episode.held_message == "Call me?"


@pytest.mark.parametrize("urge", ["11", "-1", "lots"])
def test_a_wrong_urge_saves_nothing_half_way(open_vault: OpenVault, urge: str) -> None:
    episode_id = start(open_vault)
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        pause.save_progress(
            session,
            ME,
            episode_id,
            now=at(1),
            what_happened="Should not be kept",
            urge_before=urge,
            held_message="Nor this",
            statement_text="Nor these",
        )
    assert "from 0 (no urge at all) to 10" in caught.value.errors["urge_before"]
    episode = load(open_vault, episode_id)
    assert (episode.what_happened, episode.held_message, episode.urge_before) == ("", "", None)
    assert texts_and_kinds(open_vault, episode_id) == []


def test_too_long_text_names_the_limit(open_vault: OpenVault) -> None:
    episode_id = start(open_vault)
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        pause.save_progress(
            session, ME, episode_id, now=at(1), held_message="y" * (rules.MESSAGE_MAX + 1)
        )
    assert f"{rules.MESSAGE_MAX:,}" in caught.value.errors["held_message"]
    assert "yyyy" not in caught.value.errors["held_message"]


def test_fact_or_feeling_statements_are_sorted_and_kept(open_vault: OpenVault) -> None:
    episode_id = start(open_vault)
    with open_vault.session() as session:
        pause.save_progress(
            session,
            ME,
            episode_id,
            now=at(1),
            statement_text="He hasn't replied in 3 hours.\nHe's losing interest.\n\n",
        )
    assert texts_and_kinds(open_vault, episode_id) == [
        ("He hasn't replied in 3 hours.", ""),
        ("He's losing interest.", ""),
    ]
    with open_vault.session() as session:
        episode = pause.get_pause(session, ME, episode_id, now=at(2))
        ids = [row.id for row in pause.statements(session, episode)]
        pause.save_progress(
            session, ME, episode_id, now=at(2), kinds={ids[0]: "fact", ids[1]: "feeling"}
        )
    assert texts_and_kinds(open_vault, episode_id) == [
        ("He hasn't replied in 3 hours.", "fact"),
        ("He's losing interest.", "feeling"),
    ]
    # Editing the list keeps the answers of thoughts that did not change.
    with open_vault.session() as session:
        pause.save_progress(
            session,
            ME,
            episode_id,
            now=at(3),
            statement_text="He's losing interest.\nHe is at work.",
            kinds={ids[0]: "feeling"},
        )
    assert texts_and_kinds(open_vault, episode_id) == [
        ("He's losing interest.", "feeling"),
        ("He is at work.", ""),
    ]


def test_a_wrong_kind_is_refused(open_vault: OpenVault) -> None:
    episode_id = start(open_vault)
    with open_vault.session() as session:
        pause.save_progress(session, ME, episode_id, now=at(1), statement_text="One")
    with open_vault.session() as session:
        episode = pause.get_pause(session, ME, episode_id, now=at(1))
        row_id = pause.statements(session, episode)[0].id
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        pause.save_progress(session, ME, episode_id, now=at(1), kinds={row_id: "maybe"})
    assert "statements" in caught.value.errors


def test_timer_length_counts_from_the_start(open_vault: OpenVault) -> None:
    episode_id = start(open_vault)
    with open_vault.session() as session:
        pause.set_minutes(session, ME, episode_id, 10, now=at(2))
    episode = load(open_vault, episode_id)
    assert (episode.planned_minutes, episode.ends_at) == (10, at(10))
    with open_vault.session() as session, pytest.raises(InvalidInput):
        pause.set_minutes(session, ME, episode_id, 12, now=at(2))


def test_extend_adds_time_from_the_end_or_from_now(open_vault: OpenVault) -> None:
    episode_id = start(open_vault)
    with open_vault.session() as session:
        pause.extend_pause(session, ME, episode_id, 5, now=at(3))
    assert load(open_vault, episode_id).ends_at == at(25)
    with open_vault.session() as session:
        pause.extend_pause(session, ME, episode_id, 10, now=at(40))  # after it ran out
    episode = load(open_vault, episode_id, at(40))
    assert (episode.ends_at, episode.planned_minutes) == (at(50), 50)
    with open_vault.session() as session, pytest.raises(InvalidInput):
        pause.extend_pause(session, ME, episode_id, 30, now=at(41))


def test_extend_has_a_ceiling(open_vault: OpenVault) -> None:
    episode_id = start(open_vault, minutes=30)
    with open_vault.session() as session:
        for _ in range(9):  # 30 + 90 = 120 minutes: the most a pause can run
            pause.extend_pause(session, ME, episode_id, 10, now=at(1))
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        pause.extend_pause(session, ME, episode_id, 5, now=at(1))
    assert "2 hours" in caught.value.errors["minutes"]
    assert load(open_vault, episode_id).planned_minutes == rules.MAX_MINUTES


def test_end_early_moves_the_end_to_now(open_vault: OpenVault) -> None:
    episode_id = start(open_vault)
    with open_vault.session() as session:
        pause.end_early(session, ME, episode_id, now=at(8))
    episode = load(open_vault, episode_id, at(8))
    assert episode.status == "running"  # on to the end screen, not finished yet
    assert episode.ends_at == at(8)
    assert rules.is_time_up(episode.ends_at, at(8))


# -- the end ----------------------------------------------------------------------------------


def test_full_lifecycle_start_extend_end_early_finish(open_vault: OpenVault) -> None:
    episode_id = start(open_vault)
    with open_vault.session() as session:
        pause.save_progress(
            session,
            ME,
            episode_id,
            now=at(1),
            what_happened="Plans cancelled by text",
            urge_before=9,
            held_message="Fine. Do whatever you want.",
        )
        pause.extend_pause(session, ME, episode_id, 5, now=at(10))
        pause.end_early(session, ME, episode_id, now=at(18))
    with open_vault.session() as session:
        pause.finish_pause(
            session,
            ME,
            episode_id,
            now=at(21),
            urge_after="3",
            decision="sent_changed",
            final_message="  I'm disappointed. Can we talk tomorrow?  ",
            note="The walk helped.",
        )
    episode = load(open_vault, episode_id, at(21))
    assert episode.status == "finished"
    assert (episode.urge_before, episode.urge_after) == (9, 3)
    assert episode.decision == "sent_changed"
    assert episode.final_message == "I'm disappointed. Can we talk tomorrow?"
    assert episode.held_message == "Fine. Do whatever you want."
    assert episode.note == "The walk helped."
    assert episode.ended_at == at(21)
    with open_vault.session() as session:
        assert pause.duration_seconds(episode, now=at(60)) == 18 * 60


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"urge_after": "11"}, "urge_after"),
        ({"urge_after": "-1"}, "urge_after"),
        ({"decision": "told_everyone"}, "decision"),
        ({"note": "n" * (rules.NOTE_MAX + 1)}, "note"),
    ],
)
def test_a_wrong_finish_changes_nothing(
    open_vault: OpenVault, fields: dict[str, str], key: str
) -> None:
    episode_id = start(open_vault)
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        pause.finish_pause(
            session, ME, episode_id, now=at(20), **{"final_message": "kept?", **fields}
        )
    assert key in caught.value.errors
    episode = load(open_vault, episode_id, at(20))
    assert (episode.status, episode.final_message, episode.urge_after) == ("running", "", None)


def test_everything_is_optional_at_the_end(open_vault: OpenVault) -> None:
    episode_id = start(open_vault)
    with open_vault.session() as session:
        pause.finish_pause(session, ME, episode_id, now=at(20))
    episode = load(open_vault, episode_id, at(20))
    assert (episode.status, episode.decision, episode.urge_after) == ("finished", None, None)


def test_stopping_without_finishing_keeps_everything(open_vault: OpenVault) -> None:
    episode_id = start(open_vault)
    with open_vault.session() as session:
        pause.save_progress(
            session, ME, episode_id, now=at(1), urge_before=6, held_message="Pick up!"
        )
    with open_vault.session() as session:
        pause.abandon_pause(session, ME, episode_id, now=at(4))
    episode = load(open_vault, episode_id, at(4))
    assert episode.status == "abandoned"
    assert (episode.urge_before, episode.held_message) == (6, "Pick up!")
    assert episode.ended_at == at(4)
    with open_vault.session() as session:
        assert pause.duration_seconds(episode, now=at(60)) == 4 * 60
        assert [e.id for e in pause.list_pauses(session, ME, now=at(60))] == [episode_id]


@pytest.mark.parametrize("closing", ["finish_pause", "abandon_pause"])
def test_a_closed_pause_cannot_be_changed(open_vault: OpenVault, closing: str) -> None:
    episode_id = start(open_vault)
    with open_vault.session() as session:
        getattr(pause, closing)(session, ME, episode_id, now=at(5))
    with open_vault.session() as session:
        with pytest.raises(pause.PauseClosed):
            pause.save_progress(session, ME, episode_id, now=at(6), held_message="late")
        with pytest.raises(pause.PauseClosed):
            pause.extend_pause(session, ME, episode_id, 5, now=at(6))
        with pytest.raises(pause.PauseClosed):
            pause.finish_pause(session, ME, episode_id, now=at(6))
        with pytest.raises(pause.PauseClosed):
            pause.abandon_pause(session, ME, episode_id, now=at(6))


# -- history and owners -----------------------------------------------------------------------


def test_history_is_newest_first(open_vault: OpenVault) -> None:
    ids = []
    for day in range(3):
        when = T0 + timedelta(days=day)
        ids.append(start(open_vault, when))
        with open_vault.session() as session:
            pause.finish_pause(session, ME, ids[-1], now=when + timedelta(minutes=20))
    with open_vault.session() as session:
        listed = pause.list_pauses(session, ME, now=T0 + timedelta(days=5))
        assert [e.id for e in listed] == ids[::-1]
        assert [e.id for e in pause.list_pauses(session, ME, now=T0, limit=1, offset=1)] == [ids[1]]
        assert count_records(session, ME)["pauses"] == 3


def test_another_owner_sees_and_changes_nothing(open_vault: OpenVault) -> None:
    stranger = Owner(id=2)
    episode_id = start(open_vault)
    with open_vault.session() as session:
        assert pause.list_pauses(session, stranger, now=T0) == []
        assert pause.current_pause(session, stranger, now=T0) is None
        for call in (
            lambda: pause.get_pause(session, stranger, episode_id, now=T0),
            lambda: pause.save_progress(session, stranger, episode_id, now=T0, held_message="x"),
            lambda: pause.extend_pause(session, stranger, episode_id, 5, now=T0),
            lambda: pause.end_early(session, stranger, episode_id, now=T0),
            lambda: pause.finish_pause(session, stranger, episode_id, now=T0),
            lambda: pause.abandon_pause(session, stranger, episode_id, now=T0),
        ):
            with pytest.raises(NotFound):
                call()
        # The stranger's own first pause is a new one, not mine.
        theirs, created = pause.start_pause(session, stranger, now=T0)
        assert created
        assert theirs.id != episode_id
    assert load(open_vault, episode_id).held_message == ""


@pytest.mark.sqlcipher_only  # about the vault file
def test_the_held_message_is_only_inside_the_encrypted_vault(
    open_vault: OpenVault, data_dir: Path
) -> None:
    episode_id = start(open_vault)
    with open_vault.session() as session:
        pause.save_progress(
            session,
            ME,
            episode_id,
            now=at(1),
            held_message=MARKER,
            what_happened=MARKER + " (what happened)",
            statement_text=MARKER + " (a thought)",
        )
    with open_vault.session() as session:
        pause.finish_pause(
            session, ME, episode_id, now=at(20), final_message=MARKER, note=MARKER + " (note)"
        )
    assert load(open_vault, episode_id, at(20)).held_message == MARKER  # really saved
    open_vault.lock()
    needles = [MARKER.encode("utf-8"), MARKER.encode("utf-16-le"), b"grey heron", b"5d1e77"]
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    assert any(p.name == "anchored.db" for p in files)
    for path in files:
        content = path.read_bytes()
        for needle in needles:
            assert needle not in content, f"{needle!r} found in {path.name}"


# -- every save of what was written runs the crisis check -------------------------------------

CRISIS = "If he leaves I don't want to be here anymore."


def test_saves_say_whether_the_help_card_comes_first(open_vault: OpenVault) -> None:
    episode_id = start(open_vault)
    with open_vault.session() as session:
        calm = pause.save_progress(session, ME, episode_id, now=at(1), held_message="Call me?")
        assert (calm.id, calm.needs_help) == (episode_id, False)
        for field in ("what_happened", "held_message", "statement_text"):
            done = pause.save_progress(session, ME, episode_id, now=at(1), **{field: CRISIS})
            assert (done.id, done.needs_help) == (episode_id, True), field
        # Sorting thoughts writes nothing new: no check to run.
        assert not pause.save_progress(session, ME, episode_id, now=at(2), kinds={}).needs_help
    with open_vault.session() as session:
        done = pause.finish_pause(session, ME, episode_id, now=at(20), note=CRISIS)
        assert (done.id, done.needs_help) == (episode_id, True)


def test_too_long_uses_the_one_wording(open_vault: OpenVault) -> None:
    episode_id = start(open_vault)
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        pause.finish_pause(session, ME, episode_id, now=at(20), note="n" * (rules.NOTE_MAX + 1))
    message = caught.value.errors["note"]
    assert message == "A note can be up to 5,000 characters; this one has 5,001."


# -- what the pause offers other features -----------------------------------------------------


def finished(opened: OpenVault, owner: Owner = ME, **writing: str) -> int:
    with opened.session() as session:
        episode, _created = pause.start_pause(session, owner, now=T0)
        pause.save_progress(session, owner, episode.id, now=at(1), **writing)
        pause.finish_pause(session, owner, episode.id, now=at(20))
        return episode.id


def test_the_trigger_prefill_is_offered_through_the_manifest() -> None:
    assert Registry(FEATURES).offer("pause.trigger_prefill") is pause.trigger_prefill


def test_a_finished_pause_prefills_what_happened_and_the_held_message(
    open_vault: OpenVault,
) -> None:
    episode_id = finished(
        open_vault, what_happened=" No reply for three hours. ", held_message="Where are you?"
    )
    with open_vault.session() as session:
        assert pause.trigger_prefill(session, ME, episode_id) == {
            "what_happened": "No reply for three hours.",
            "held_message": "Where are you?",
        }
        empty = finished(open_vault, what_happened="")
        assert pause.trigger_prefill(session, ME, empty) == {
            "what_happened": "",
            "held_message": "",
        }


def test_only_the_owners_finished_pause_prefills_anything(open_vault: OpenVault) -> None:
    theirs = finished(open_vault, Owner(id=3), what_happened="not yours to read")
    stopped = start(open_vault)
    with open_vault.session() as session:
        pause.abandon_pause(session, ME, stopped, now=at(3))
    running = start(open_vault, at(30))
    with open_vault.session() as session:
        for episode_id in (theirs, stopped, running, 4242):
            assert pause.trigger_prefill(session, ME, episode_id) is None, episode_id


# -- self-compassion content ------------------------------------------------------------------


def test_self_compassion_lines_load_and_are_stable() -> None:
    content = load_self_compassion()
    assert 10 <= len(content.lines) <= 15
    assert all(len(line) <= 140 for line in content.lines)
    assert content.line_for(7) == content.line_for(7 + len(content.lines))
    # Never a promise of safety or a clinical claim (see the safety rules).
    for line in content.lines:
        lowered = line.lower()
        assert "you are safe" not in lowered
        assert "cure" not in lowered.split()


@pytest.mark.parametrize(
    "text",
    [
        "lines: [" + ", ".join(f"'A kind line number {n}.'" for n in range(9)) + "]",
        "lines: [" + ", ".join(f"'A kind line number {n}.'" for n in range(16)) + "]",
        "lines: [" + ", ".join("'The very same kind line.'" for _ in range(10)) + "]",
        "lines: [" + ", ".join(f"'A kind line number {n}.'" for n in range(10)) + "]\nextra: 1",
        "lines: ['short', " + ", ".join(f"'A kind line number {n}.'" for n in range(9)) + "]",
    ],
)
def test_self_compassion_content_is_checked_on_load(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_self_compassion(text)
