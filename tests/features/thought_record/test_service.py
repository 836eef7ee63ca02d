"""Thought records and own traps: stage by stage, drafts, refusals that change nothing, search."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features.thought_record import service as records
from anchored.features.thought_record import traps
from anchored.features.thought_record.models import (
    OwnTrap,
    ThoughtRecord,
    ThoughtRecordEmotion,
    ThoughtRecordTrap,
)
from anchored.features.thought_record.service import StageNotReady
from anchored.features.thought_record.trap_content import load_traps
from anchored.services import support
from anchored.services.records import count_records
from anchored.storage.search import search
from anchored.storage.vault import OpenVault
from tests.support import NOW

ME = PERSONAL_OWNER
STRANGER = Owner(id=2)
SITUATION = "He read my message at six and still hasn't replied."
THOUGHT = "He's losing interest and he is going to leave me."


def _draft(session: Session, owner: Owner = ME, *, through: str = "thought") -> int:
    """A record saved up to and including ``through``."""
    record_id = records.start_record(session, owner, SITUATION, now=NOW).id
    steps: list[tuple[str, Callable[[], object]]] = [
        ("thought", lambda: records.save_thought(session, owner, record_id, THOUGHT, now=NOW)),
        (
            "emotions",
            lambda: records.save_emotions(
                session, owner, record_id, [("abandoned", 8), ("anxious", "6")], now=NOW
            ),
        ),
        ("traps", lambda: records.save_traps(session, owner, record_id, ["mind-reading"], now=NOW)),
        (
            "evidence",
            lambda: records.save_evidence(
                session,
                owner,
                record_id,
                "No reply for three hours.",
                "He told me he loved me this morning.",
                "Give it time; busy days happen.",
                now=NOW,
            ),
        ),
        (
            "balanced",
            lambda: records.save_balanced(
                session,
                owner,
                record_id,
                "He is often quiet at work and always comes back.",
                now=NOW,
            ),
        ),
        (
            "rerate",
            lambda: records.save_rerate(
                session, owner, record_id, {"abandoned": 4, "anxious": "3"}, now=NOW
            ),
        ),
    ]
    if through == "situation":
        return record_id
    for name, step in steps:
        step()
        if name == through:
            break
    return record_id


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def _found(session: Session, query: str, owner: Owner = ME) -> list[int]:
    hits, _total = search(session, owner.id, query)
    return [h.ref_id for h in hits if h.code == 3]


# -- a whole record ---------------------------------------------------------------------------


def test_a_whole_record_stage_by_stage(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        record_id = _draft(session, through="rerate")
    with open_vault.session() as session:
        record = records.get_record(session, ME, record_id)
        assert records.is_finished(record)
        assert record.stage == "finished"
        assert (record.situation, record.automatic_thought) == (SITUATION, THOUGHT)
        assert record.evidence_against == "He told me he loved me this morning."
        assert record.friend_view == "Give it time; busy days happen."
        assert [c.short for c in records.emotion_changes(record)] == [
            "Abandoned 8 → 4",
            "Anxious 6 → 3",
        ]
        assert records.trap_names(session, ME, record) == ["Mind reading"]
        assert record.finished_at is not None
        assert record.finished_at.utcoffset() is not None


def test_text_is_trimmed(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        done = records.start_record(session, ME, "  left on read \n", now=NOW)
        record = records.get_record(session, ME, done.id)
        assert record.situation == "left on read"


def test_the_stage_remembers_how_far_a_draft_got(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        record_id = _draft(session, through="emotions")
        record = records.get_record(session, ME, record_id)
        assert record.stage == "traps"
        assert records.resume_stage(record) == "traps"
        assert not records.is_finished(record)
        # Going back to change the situation keeps the place and everything saved.
        records.save_situation(session, ME, record_id, "He read it at six.", now=NOW)
        assert record.stage == "traps"
        assert [e.emotion for e in record.emotions] == ["abandoned", "anxious"]
        assert record.automatic_thought == THOUGHT


def test_re_saving_emotions_keeps_re_ratings_of_the_ones_kept(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        record_id = _draft(session, through="rerate")
        records.save_emotions(session, ME, record_id, [("anxious", 7), ("abandoned", 9)], now=NOW)
        record = records.get_record(session, ME, record_id)
        assert [(e.emotion, e.before, e.after) for e in record.emotions] == [
            ("anxious", 7, 3),
            ("abandoned", 9, 4),
        ]
        assert records.is_finished(record)


def test_a_new_emotion_on_a_finished_record_makes_it_a_draft_again(
    open_vault: OpenVault,
) -> None:
    with open_vault.session() as session:
        record_id = _draft(session, through="rerate")
        records.save_emotions(session, ME, record_id, [("abandoned", 8), ("lonely", 6)], now=NOW)
        record = records.get_record(session, ME, record_id)
        assert not records.is_finished(record)
        assert records.resume_stage(record) == "rerate"
        assert _count(session, ThoughtRecordEmotion) == 2
        records.save_rerate(session, ME, record_id, {"abandoned": 4, "lonely": 5}, now=NOW)
        assert records.is_finished(record)


def test_traps_can_be_none_and_own_ones_mix_with_built_in(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        record_id = _draft(session, through="emotions")
        records.save_traps(session, ME, record_id, [], now=NOW)
        own = traps.add_own_trap(session, ME, "Waiting for the other shoe to drop")
        records.save_traps(
            session,
            ME,
            record_id,
            ["catastrophizing", traps.own_key(own.id), "catastrophizing"],
            now=NOW,
        )
        record = records.get_record(session, ME, record_id)
        assert records.trap_names(session, ME, record) == [
            "Catastrophizing",
            "Waiting for the other shoe to drop",
        ]


def test_a_whole_record_in_one_go_with_a_date(open_vault: OpenVault) -> None:
    when = datetime(2020, 5, 1, 21, 30, tzinfo=UTC)
    with open_vault.session() as session:
        done = records.add_finished_record(
            session,
            ME,
            situation=SITUATION,
            automatic_thought=THOUGHT,
            emotions={"rejected": 7},
            traps=["labeling"],
            balanced_thought="One quiet evening is not a verdict.",
            after={"rejected": 3},
            when=when,
            now=NOW,
        )
        record = records.get_record(session, ME, done.id)
        assert records.is_finished(record)
        assert record.created_at == when == record.finished_at


# -- refusals change nothing -------------------------------------------------------------------


@pytest.mark.parametrize("situation", ["", "   \n "])
def test_an_empty_situation_is_refused_and_nothing_saved(
    open_vault: OpenVault, situation: str
) -> None:
    with open_vault.session() as session:
        with pytest.raises(InvalidInput) as caught:
            records.start_record(session, ME, situation, now=NOW)
        assert "can't be empty" in caught.value.errors["situation"]
        assert _count(session, ThoughtRecord) == 0


def test_an_empty_thought_is_refused(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        record_id = _draft(session, through="situation")
        with pytest.raises(InvalidInput) as caught:
            records.save_thought(session, ME, record_id, "  ", now=NOW)
        assert caught.value.errors == {
            "automatic_thought": "Write the thought that came up, even a few words; "
            "this step can't be empty."
        }
        assert records.get_record(session, ME, record_id).automatic_thought == ""


@pytest.mark.parametrize(
    ("field", "save"),
    [
        ("situation", lambda s, i, t: records.save_situation(s, ME, i, t, now=NOW)),
        ("automatic_thought", lambda s, i, t: records.save_thought(s, ME, i, t, now=NOW)),
        ("evidence_for", lambda s, i, t: records.save_evidence(s, ME, i, t, "", "", now=NOW)),
        ("evidence_against", lambda s, i, t: records.save_evidence(s, ME, i, "", t, "", now=NOW)),
        ("friend_view", lambda s, i, t: records.save_evidence(s, ME, i, "", "", t, now=NOW)),
        ("balanced_thought", lambda s, i, t: records.save_balanced(s, ME, i, t, now=NOW)),
    ],
)
def test_over_long_text_names_the_limit_and_keeps_what_was_saved(
    open_vault: OpenVault, field: str, save: Callable[[Session, int, str], object]
) -> None:
    with open_vault.session() as session:
        record_id = _draft(session, through="balanced")
        before = getattr(records.get_record(session, ME, record_id), field)
        with pytest.raises(InvalidInput) as caught:
            save(session, record_id, "private words " * 400)
        message = caught.value.errors[field]
        assert message == "This box can be up to 5,000 characters; this one has 5,599."
        assert "private" not in message
        assert getattr(records.get_record(session, ME, record_id), field) == before


def test_an_over_long_situation_never_starts_a_record(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        with pytest.raises(InvalidInput, match="up to 5,000 characters"):
            records.start_record(session, ME, "x" * 5_001, now=NOW)
        assert _count(session, ThoughtRecord) == 0


@pytest.mark.parametrize(
    ("ratings", "field", "message"),
    [
        (
            [("abandoned", 11)],
            "intensity-abandoned",
            "Abandoned needs a whole number from 0 to 10.",
        ),
        ([("anxious", -1)], "intensity-anxious", "Anxious needs a whole number from 0 to 10."),
        ([("calm", "")], "intensity-calm", "Calm needs a number from 0 to 10."),
        ([("heartbroken", 5)], "emotions", "One of the emotions picked isn't in the list"),
        ([("sad", 3), ("sad", 4)], "emotions", "Each emotion can be picked once."),
    ],
)
def test_wrong_emotions_are_refused_and_nothing_saved(
    open_vault: OpenVault, ratings: list[tuple[str, int | str]], field: str, message: str
) -> None:
    with open_vault.session() as session:
        record_id = _draft(session, through="thought")
        with pytest.raises(InvalidInput) as caught:
            records.save_emotions(session, ME, record_id, [("lonely", 5), *ratings], now=NOW)
        assert caught.value.errors[field].startswith(message)
        assert _count(session, ThoughtRecordEmotion) == 0
        assert records.get_record(session, ME, record_id).stage == "emotions"


def test_at_least_one_emotion_is_needed(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        record_id = _draft(session, through="thought")
        with pytest.raises(InvalidInput) as caught:
            records.save_emotions(session, ME, record_id, [], now=NOW)
        assert caught.value.errors == {
            "emotions": "Pick at least one emotion, with how strong it is from 0 to 10."
        }


@pytest.mark.parametrize("key", ["mind_reading", "own:999", "own:abc", "", "Mind reading"])
def test_an_unknown_trap_is_refused_and_the_picks_stay(open_vault: OpenVault, key: str) -> None:
    with open_vault.session() as session:
        record_id = _draft(session, through="traps")
        with pytest.raises(InvalidInput) as caught:
            records.save_traps(session, ME, record_id, ["labeling", key], now=NOW)
        assert "isn't in the list" in caught.value.errors["traps"]
        record = records.get_record(session, ME, record_id)
        assert records.trap_names(session, ME, record) == ["Mind reading"]


def test_someone_elses_own_trap_cannot_be_picked(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        theirs = traps.add_own_trap(session, STRANGER, "Their private trap")
        record_id = _draft(session, through="emotions")
        with pytest.raises(InvalidInput):
            records.save_traps(session, ME, record_id, [traps.own_key(theirs.id)], now=NOW)
        assert _count(session, ThoughtRecordTrap) == 0


def test_re_rating_needs_every_emotion_and_saves_none_until_then(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        record_id = _draft(session, through="balanced")
        with pytest.raises(InvalidInput) as caught:
            records.save_rerate(session, ME, record_id, {"abandoned": 4, "lonely": 2}, now=NOW)
        assert caught.value.errors == {
            "after-anxious": "Anxious needs a number from 0 to 10 for how it feels now."
        }
        with pytest.raises(InvalidInput) as caught:
            records.save_rerate(session, ME, record_id, {"abandoned": "11", "anxious": 2}, now=NOW)
        assert caught.value.errors == {
            "after-abandoned": "Abandoned needs a whole number from 0 to 10."
        }
        record = records.get_record(session, ME, record_id)
        assert [e.after for e in record.emotions] == [None, None]
        assert not records.is_finished(record)


@pytest.mark.parametrize(
    ("through", "save", "missing"),
    [
        (
            "situation",
            lambda s, i: records.save_emotions(s, ME, i, [("sad", 4)], now=NOW),
            "thought",
        ),
        ("situation", lambda s, i: records.save_balanced(s, ME, i, "Fair.", now=NOW), "thought"),
        ("situation", lambda s, i: records.save_rerate(s, ME, i, {}, now=NOW), "thought"),
        ("thought", lambda s, i: records.save_traps(s, ME, i, [], now=NOW), "emotions"),
        (
            "traps",
            lambda s, i: records.save_rerate(s, ME, i, {"abandoned": 1}, now=NOW),
            "balanced",
        ),
    ],
)
def test_a_later_stage_waits_for_the_earlier_ones(
    open_vault: OpenVault,
    through: str,
    save: Callable[[Session, int], object],
    missing: str,
) -> None:
    with open_vault.session() as session:
        record_id = _draft(session, through=through)
        with pytest.raises(StageNotReady) as caught:
            save(session, record_id)
        assert caught.value.missing == missing
        assert "first" in caught.value.errors["stage"]
        assert not records.is_finished(records.get_record(session, ME, record_id))


def test_a_whole_record_in_one_go_is_all_or_nothing(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        with pytest.raises(InvalidInput):
            records.add_finished_record(
                session,
                ME,
                situation=SITUATION,
                automatic_thought=THOUGHT,
                emotions={"sad": 5},
                balanced_thought="Fair.",
                after={"sad": 11},
                now=NOW,
            )
        assert _count(session, ThoughtRecord) == 0
        assert _found(session, "leave") == []


# -- lists, owners, deleting --------------------------------------------------------------------


def test_finished_records_and_drafts_are_listed_apart(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        done = [_draft(session, through="rerate") for _ in range(3)]
        drafts = [_draft(session, through="emotions"), _draft(session, through="situation")]
        _draft(session, STRANGER, through="rerate")
    with open_vault.session() as session:
        assert records.count_records(session, ME, finished=True) == 3
        assert records.count_records(session, ME, finished=False) == 2
        finished = records.list_records(session, ME, finished=True, limit=2)
        assert [r.id for r in finished] == [done[2], done[1]]
        older = records.list_records(session, ME, finished=True, limit=2, offset=2)
        assert [r.id for r in older] == [done[0]]
        listed = records.list_records(session, ME, finished=False)
        assert {r.id for r in listed} == set(drafts)
        newest = records.newest_draft(session, ME)
        assert newest is not None
        assert newest.id == drafts[1]
        assert count_records(session, ME)["thought records"] == 5


def test_a_stranger_sees_and_changes_nothing(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        record_id = _draft(session, through="rerate")
        own = traps.add_own_trap(session, ME, "My own trap")
    with open_vault.session() as session:
        assert records.list_records(session, STRANGER, finished=True) == []
        assert records.newest_draft(session, STRANGER) is None
        for attempt in (
            lambda: records.get_record(session, STRANGER, record_id),
            lambda: records.save_situation(session, STRANGER, record_id, "Mine now", now=NOW),
            lambda: records.save_rerate(session, STRANGER, record_id, {}, now=NOW),
            lambda: records.delete_record(session, STRANGER, record_id),
            lambda: traps.get_own_trap(session, STRANGER, own.id),
            lambda: records.delete_own_trap(session, STRANGER, own.id),
        ):
            with pytest.raises(NotFound):
                attempt()
        assert [t.name for t in traps.list_traps(session, STRANGER) if t.own] == []
        assert _found(session, "leave", STRANGER) == []
    with open_vault.session() as session:
        assert records.get_record(session, ME, record_id).situation == SITUATION


def test_deleting_a_record_takes_its_parts_and_its_search_text(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        kept = _draft(session, through="rerate")
        gone = _draft(session, through="evidence")
        assert set(_found(session, "leave")) == {kept, gone}
        records.delete_record(session, ME, gone)
    with open_vault.session() as session:
        assert _found(session, "leave") == [kept]
        assert _count(session, ThoughtRecord) == 1
        assert _count(session, ThoughtRecordEmotion) == 2
        assert _count(session, ThoughtRecordTrap) == 1
        with pytest.raises(NotFound):
            records.get_record(session, ME, gone)


# -- search -----------------------------------------------------------------------------------


def test_every_save_keeps_the_search_text_current(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        record_id = _draft(session, through="situation")
        assert _found(session, "replied") == [record_id]
        records.save_situation(session, ME, record_id, "A quiet evening.", now=NOW)
        assert _found(session, "replied") == []
        records.save_thought(session, ME, record_id, THOUGHT, now=NOW)
        records.save_emotions(session, ME, record_id, [("jealous", 6)], now=NOW)
        own = traps.add_own_trap(session, ME, "Lighthouse spiral")
        records.save_traps(session, ME, record_id, ["comparing", traps.own_key(own.id)], now=NOW)
        records.save_evidence(session, ME, record_id, "", "", "Be gentle with yourself.", now=NOW)
        records.save_balanced(session, ME, record_id, "Plans change; that is all.", now=NOW)
        for word in ("leave", "quiet", "jealous", "comparing", "lighthouse", "gentle", "plans"):
            assert _found(session, word) == [record_id], word


def test_deleting_an_own_trap_takes_it_off_records_and_out_of_search(
    open_vault: OpenVault,
) -> None:
    with open_vault.session() as session:
        own = traps.add_own_trap(session, ME, "Lighthouse spiral", "It spins.", "Is it spinning?")
        record_id = _draft(session, through="emotions")
        records.save_traps(session, ME, record_id, ["blaming", traps.own_key(own.id)], now=NOW)
        assert traps.use_count(session, ME, own.id) == 1
        assert _found(session, "lighthouse") == [record_id]
    with open_vault.session() as session:
        assert records.delete_own_trap(session, ME, own.id) == 1
    with open_vault.session() as session:
        record = records.get_record(session, ME, record_id)
        assert records.trap_names(session, ME, record) == ["Blaming"]
        assert _found(session, "lighthouse") == []
        assert _found(session, "blaming") == [record_id]
        assert _count(session, OwnTrap) == 0


# -- own traps ----------------------------------------------------------------------------------


def test_built_in_traps_come_first_and_always_stay(open_vault: OpenVault) -> None:
    built_in = [t.name for t in load_traps().traps]
    with open_vault.session() as session:
        traps.add_own_trap(session, ME, "Zebra thinking", "Stripes everywhere.", "Any horses?")
        traps.add_own_trap(session, ME, "Another of mine")
        listed = traps.list_traps(session, ME)
    assert len(built_in) == 12
    assert [t.name for t in listed] == [*built_in, "Zebra thinking", "Another of mine"]
    assert all(t.example and t.question and not t.own for t in listed[:12])
    assert listed[12].definition == "Stripes everywhere."
    assert listed[12].own


@pytest.mark.parametrize(
    ("name", "definition", "field", "message"),
    [
        ("", "", "trap_name", "Give your trap a short name."),
        ("   ", "", "trap_name", "Give your trap a short name."),
        ("n" * 81, "", "trap_name", "up to 80 characters; this one has 81."),
        ("Mind Reading", "", "trap_name", "already in the list"),
        ("My trap", "d" * 1_001, "trap_definition", "up to 1,000 characters"),
    ],
)
def test_wrong_own_traps_are_refused_and_nothing_added(
    open_vault: OpenVault, name: str, definition: str, field: str, message: str
) -> None:
    with open_vault.session() as session:
        with pytest.raises(InvalidInput) as caught:
            traps.add_own_trap(session, ME, name, definition)
        assert message in caught.value.errors[field]
        assert _count(session, OwnTrap) == 0


def test_an_own_trap_name_is_taken_once_per_person(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        traps.add_own_trap(session, ME, "Waiting for the shoe")
        with pytest.raises(InvalidInput, match=r"You already have a trap with this name\."):
            traps.add_own_trap(session, ME, "  waiting FOR the shoe ")
        # Someone else may use the same name for their own.
        traps.add_own_trap(session, STRANGER, "Waiting for the shoe")
        assert _count(session, OwnTrap) == 2


def test_the_longest_own_trap_name_fits(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        done = traps.add_own_trap(session, ME, "n" * 80)
        assert len(traps.get_own_trap(session, ME, done.id).name) == 80


def test_an_own_trap_limit_is_named_and_adds_nothing(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        for number in range(traps.OWN_TRAPS.max_count):
            traps.add_own_trap(session, ME, f"Trap {number}")
        with pytest.raises(InvalidInput) as caught:
            traps.add_own_trap(session, ME, "One too many")
        assert caught.value.errors == {
            "trap_name": "You can keep up to 40 traps of your own; remove one to add another."
        }
        assert _count(session, OwnTrap) == 40
        # The limit is each person's own.
        traps.add_own_trap(session, STRANGER, "One too many")


def test_an_own_trap_name_is_stored_with_single_spaces(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        done = traps.add_own_trap(session, ME, "  Waiting   for\tthe shoe ", " It drops. ")
        trap = traps.get_own_trap(session, ME, done.id)
        assert (trap.name, trap.definition) == ("Waiting for the shoe", "It drops.")


# -- the help card: every save of words checks them -------------------------------------------

CRISIS = "I want to end my life tonight."


def test_every_stage_that_saves_words_asks_for_the_help_card(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        assert records.start_record(session, ME, CRISIS, now=NOW).needs_help
        record_id = _draft(session, through="emotions")
        saves = [
            records.save_situation(session, ME, record_id, CRISIS, now=NOW),
            records.save_thought(session, ME, record_id, CRISIS, now=NOW),
            records.save_evidence(session, ME, record_id, "", "", CRISIS, now=NOW),
            records.save_balanced(session, ME, record_id, CRISIS, now=NOW),
        ]
        assert [done.needs_help for done in saves] == [True] * 4
        assert {done.id for done in saves} == {record_id}
        assert traps.add_own_trap(session, ME, "Spiral", "", CRISIS).needs_help


def test_everyday_words_and_numbers_do_not(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        record_id = records.start_record(session, ME, SITUATION, now=NOW).id
        saves = [
            records.save_thought(session, ME, record_id, THOUGHT, now=NOW),
            records.save_emotions(session, ME, record_id, [("sad", 6)], now=NOW),
            records.save_traps(session, ME, record_id, ["labeling"], now=NOW),
            records.save_evidence(session, ME, record_id, "No reply yet.", now=NOW),
            records.save_balanced(session, ME, record_id, "Plans change.", now=NOW),
            records.save_rerate(session, ME, record_id, {"sad": 3}, now=NOW),
        ]
        assert [done.needs_help for done in saves] == [False] * 6
        assert {done.id for done in saves} == {record_id}
        done = records.add_finished_record(
            session,
            ME,
            situation=SITUATION,
            automatic_thought=CRISIS,
            emotions={"sad": 5},
            balanced_thought="Fair.",
            after={"sad": 4},
            now=NOW,
        )
        assert done.needs_help


def test_the_help_card_is_recorded_only_when_the_person_asked(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        records.start_record(session, ME, CRISIS, now=NOW)
        assert support.recorded_times(session, ME) == []
        support.set_keep_record(session, ME, True)
        records.start_record(session, ME, CRISIS, now=NOW)
        assert len(support.recorded_times(session, ME)) == 1


# -- an own trap added on the traps stage --------------------------------------------------------


def test_the_traps_stage_can_add_an_own_trap_and_tick_it(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        record_id = _draft(session, through="emotions")
        done = records.save_traps(
            session,
            ME,
            record_id,
            ["labeling"],
            now=NOW,
            new_trap=records.NewTrap("Waiting for the shoe", question=CRISIS),
        )
        assert (done.id, done.needs_help) == (record_id, True)
        assert done.added is not None
        own_id = traps.own_id_of(done.added)
        assert own_id is not None
        assert traps.get_own_trap(session, ME, own_id).question == CRISIS
        record = records.get_record(session, ME, record_id)
        assert records.trap_names(session, ME, record) == ["Labeling", "Waiting for the shoe"]
        plain = records.save_traps(session, ME, record_id, ["labeling"], now=NOW)
        assert (plain.added, plain.needs_help) == (None, False)


@pytest.mark.parametrize(
    ("keys", "name", "field"),
    [
        (["labeling", "own:4242"], "A fine name", "traps"),  # the pick is reported first
        (["labeling"], "", "trap_name"),
        (["labeling"], "Catastrophizing", "trap_name"),
    ],
)
def test_a_refused_pick_or_trap_on_the_traps_stage_adds_nothing(
    open_vault: OpenVault, keys: list[str], name: str, field: str
) -> None:
    with open_vault.session() as session:
        record_id = _draft(session, through="traps")
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        records.save_traps(session, ME, record_id, keys, now=NOW, new_trap=records.NewTrap(name))
    assert list(caught.value.errors) == [field]
    with open_vault.session() as session:
        assert _count(session, OwnTrap) == 0
        record = records.get_record(session, ME, record_id)
        assert records.trap_names(session, ME, record) == ["Mind reading"]


def test_a_new_trap_waits_for_the_stages_before_it(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        record_id = _draft(session, through="situation")
        with pytest.raises(StageNotReady):
            records.save_traps(session, ME, record_id, [], now=NOW, new_trap=records.NewTrap("X"))
        assert _count(session, OwnTrap) == 0


# -- the time comes from the caller --------------------------------------------------------------


def test_the_times_stored_are_the_ones_passed_in(open_vault: OpenVault) -> None:
    later = NOW + timedelta(days=2)
    with open_vault.session() as session:
        record_id = _draft(session, through="balanced")
        record = records.get_record(session, ME, record_id)
        assert record.created_at == record.updated_at == NOW
        assert record.finished_at is None
        records.save_rerate(session, ME, record_id, {"abandoned": 4, "anxious": 3}, now=later)
        assert (record.created_at, record.updated_at, record.finished_at) == (NOW, later, later)
        done = records.add_finished_record(
            session,
            ME,
            situation=SITUATION,
            automatic_thought=THOUGHT,
            emotions={"sad": 5},
            balanced_thought="Fair.",
            after={"sad": 4},
            now=later,
        )
        whole = records.get_record(session, ME, done.id)
        assert whole.created_at == whole.updated_at == whole.finished_at == later


# -- the manifest's free-text hook ----------------------------------------------------------------


def test_the_free_text_hook_can_run_twice_for_one_person(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        first = dict(records.free_text(session, ME, CRISIS, NOW))
        second = dict(records.free_text(session, ME, "A calm walk.", NOW))
    assert all(first.values())
    assert not any(second.values())
    assert set(first) == set(second)
    assert "own_traps.question" in first
    assert "thought_records.friend_view" in first


def test_the_trap_list_does_not_import_the_records() -> None:
    """One way only: the records use the trap list, never the other way round (no cycle)."""
    code = (
        "import sys, anchored.features.thought_record.traps; "
        "print('anchored.features.thought_record.service' in sys.modules)"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert found.stdout.strip() == "False"
