"""Searching the person's writing: ranking, freshness, owners, odd queries, what results show."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput
from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features import FEATURES
from anchored.features.check_in.models import CheckIn, CheckInEmotion
from anchored.features.journal import service as journal
from anchored.features.search.service import QUERY_MAX, after_unlock, search_writing
from anchored.features.thought_record.models import ThoughtRecord
from anchored.manifest import Registry
from anchored.services.search_results import first_words
from anchored.storage import search as index
from anchored.storage.search import index_document
from anchored.storage.vault import OpenVault
from tests.support import NOW

KINDS = Registry(FEATURES).search_kinds
STRANGER = Owner(id=2)


def _check_in(session: Session, owner: Owner, note: str, *emotions: str) -> int:
    """A check-in saved and indexed the way the check-in service does (empty title, note)."""
    check_in = CheckIn(
        owner_id=owner.id,
        note=note,
        emotions=[
            CheckInEmotion(position=i, emotion=slug, intensity=5) for i, slug in enumerate(emotions)
        ],
    )
    session.add(check_in)
    session.flush()
    index_document(session, owner.id, 2, check_in.id, "", note)
    return check_in.id


def _thought_record(session: Session, owner: Owner, thought: str, situation: str) -> int:
    """Indexed with the automatic thought as its title, as the thought record service does."""
    record = ThoughtRecord(owner_id=owner.id, automatic_thought=thought, situation=situation)
    session.add(record)
    session.flush()
    index_document(session, owner.id, 3, record.id, thought, situation)
    return record.id


def _titles(open_vault: OpenVault, query: str, owner: Owner = PERSONAL_OWNER) -> list[str]:
    with open_vault.session() as session:
        return [r.title for r in search_writing(session, owner, query, KINDS).results]


def test_a_better_match_comes_first(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        journal.add_entry(
            session,
            PERSONAL_OWNER,
            "A long day at work with meetings, errands and a late bus; a bit lonely at the end.",
            "Tuesday",
            now=NOW,
        )
        journal.add_entry(
            session, PERSONAL_OWNER, "Lonely again, and lonely all evening.", "Lonely", now=NOW
        )
        journal.add_entry(
            session, PERSONAL_OWNER, "Nothing to do with the word at all.", "Other", now=NOW
        )
    assert _titles(open_vault, "lonely") == ["Lonely", "Tuesday"]


def test_a_journal_entry_is_found_changed_and_gone(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        entry_id = journal.add_entry(session, PERSONAL_OWNER, "The heron stood still.", now=NOW).id
    with open_vault.session() as session:
        found = search_writing(session, PERSONAL_OWNER, "heron", KINDS)
    assert found.total == 1
    (result,) = found.results
    assert (result.kind, result.kind_label, result.url) == (
        "journal",
        "Journal",
        f"/journal/{entry_id}",
    )
    assert result.title == "The heron stood still."  # no title: its first words
    assert ("heron", True) in result.parts

    with open_vault.session() as session:
        journal.update_entry(session, PERSONAL_OWNER, entry_id, "The swan glided by.", now=NOW)
    assert _titles(open_vault, "heron") == []
    assert _titles(open_vault, "swan") == ["The swan glided by."]

    with open_vault.session() as session:
        journal.delete_entry(session, PERSONAL_OWNER, entry_id)
    assert _titles(open_vault, "swan") == []


def test_check_ins_and_thought_records_are_shown_with_their_own_titles(
    open_vault: OpenVault,
) -> None:
    when = datetime(2026, 2, 3, 21, 15, tzinfo=UTC)
    with open_vault.session() as session:
        check_in_id = _check_in(
            session, PERSONAL_OWNER, "He went quiet again.", "lonely", "anxious"
        )
        bare_id = _check_in(session, PERSONAL_OWNER, "Quiet evening, fine.")
        record_id = _thought_record(
            session, PERSONAL_OWNER, "They will leave me", "Quiet all day after our talk."
        )
        session.get_one(ThoughtRecord, record_id).created_at = when
    with open_vault.session() as session:
        found = search_writing(session, PERSONAL_OWNER, "quiet", KINDS)
    shown = {(r.kind, r.ref_id): r for r in found.results}
    assert found.total == 3
    check_in = shown[("check_in", check_in_id)]
    assert (check_in.kind_label, check_in.title) == ("Check-in", "Check-in: Lonely, Anxious")
    assert check_in.url == f"/check-in/{check_in_id}"
    assert shown[("check_in", bare_id)].title == "Check-in"
    record = shown[("thought_record", record_id)]
    assert (record.kind_label, record.title) == ("Thought record", "They will leave me")
    assert record.url == f"/thought-records/{record_id}"
    assert record.created_at == when


def test_results_are_loaded_with_one_query_per_kind(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        for i in range(6):
            journal.add_entry(session, PERSONAL_OWNER, f"tide entry {i}", now=NOW)
            _check_in(session, PERSONAL_OWNER, f"tide note {i}", "calm", "hopeful")
            _thought_record(session, PERSONAL_OWNER, f"tide thought {i}", "by the sea")
    with open_vault.session() as session, _counted(session) as statements:
        found = search_writing(session, PERSONAL_OWNER, "tide", KINDS)
    assert len(found.results) == 18
    # Three for the index (which match, this page's order, its snippets; on PostgreSQL two:
    # the blind index's matches, then this page's encrypted documents) and one for each
    # kind; none per result.
    index = 2 if open_vault.engine.dialect.name == "postgresql" else 3
    assert len(statements) == index + 3, statements


@contextmanager
def _counted(session: Session) -> Iterator[list[str]]:
    statements: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", note)


def test_another_owners_writing_is_never_returned(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        mine = journal.add_entry(session, PERSONAL_OWNER, "harbour at dawn", now=NOW).id
        theirs = journal.add_entry(session, STRANGER, "harbour at dusk", now=NOW).id
        _check_in(session, STRANGER, "harbour walk", "calm")
        _thought_record(session, STRANGER, "harbour thought", "harbour")
        # Even an index row that wrongly points at someone else's entry shows nothing of it.
        index_document(session, PERSONAL_OWNER.id, 1, theirs, "", "harbour mix-up")
    with open_vault.session() as session:
        found = search_writing(session, PERSONAL_OWNER, "harbour", KINDS)
        assert [r.ref_id for r in found.results] == [mine]
        assert "dusk" not in repr(found)
        stranger = search_writing(session, STRANGER, "dawn", KINDS)
        assert (stranger.total, stranger.results) == (0, ())


def test_a_hit_whose_record_is_gone_is_left_out(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        kept = journal.add_entry(session, PERSONAL_OWNER, "lantern light", now=NOW).id
        index_document(session, PERSONAL_OWNER.id, 2, 999, "", "lantern")
        index_document(session, PERSONAL_OWNER.id, 3, 999, "lantern", "")
    with open_vault.session() as session:
        found = search_writing(session, PERSONAL_OWNER, "lantern", KINDS)
    assert [(r.kind, r.ref_id) for r in found.results] == [("journal", kept)]


@pytest.mark.parametrize(
    "query",
    ['"', "'", "(", "()", '"unclosed', "it's", "AND", "a AND OR", "NEAR(", "NEAR(a b)", "*", "-",
     "-moon", "moon*", "moon:", "^moon", "{moon}", "moon OR", "NOT moon", "moon; DROP TABLE x"],
)  # fmt: skip
def test_quotes_and_punctuation_never_raise(open_vault: OpenVault, query: str) -> None:
    with open_vault.session() as session:
        journal.add_entry(
            session, PERSONAL_OWNER, 'The moon said "AND" it\'s (NEAR) - * ok', now=NOW
        )
    with open_vault.session() as session:
        found = search_writing(session, PERSONAL_OWNER, query, KINDS)
    assert found.total >= len(found.results)


def test_operators_are_searched_as_plain_words(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        journal.add_entry(session, PERSONAL_OWNER, "rain OR shine", "Weather", now=NOW)
        journal.add_entry(session, PERSONAL_OWNER, "only rain", "Rain", now=NOW)
    assert _titles(open_vault, "rain OR shine") == ["Weather"]
    assert sorted(_titles(open_vault, "-rain")) == ["Rain", "Weather"]  # not "without rain"


@pytest.mark.parametrize("query", ["", "   ", '"', "()", "*", "- -"])
def test_a_query_without_words_gives_a_kind_message(open_vault: OpenVault, query: str) -> None:
    with open_vault.session() as session:
        journal.add_entry(session, PERSONAL_OWNER, "anything at all", now=NOW)
        found = search_writing(session, PERSONAL_OWNER, query, KINDS)
    assert (found.total, found.results) == (0, ())
    assert found.message is not None
    assert "word" in found.message


def test_an_over_long_query_is_refused_with_the_limit(open_vault: OpenVault) -> None:
    query = "w" * (QUERY_MAX + 1)
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        search_writing(session, PERSONAL_OWNER, query, KINDS)
    message = caught.value.errors["q"]
    assert str(QUERY_MAX) in message
    assert "wwww" not in message
    with open_vault.session() as session:  # exactly at the limit is fine
        assert search_writing(session, PERSONAL_OWNER, "w" * QUERY_MAX, KINDS).total == 0


def test_pages_of_results(open_vault: OpenVault) -> None:
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    with open_vault.session() as session:
        for day in range(25):
            journal.add_entry(
                session,
                PERSONAL_OWNER,
                f"walk number {day}",
                when=start + timedelta(days=day),
                now=NOW,
            )
    with open_vault.session() as session:
        first = search_writing(session, PERSONAL_OWNER, "walk", KINDS)
        second = search_writing(session, PERSONAL_OWNER, "walk", KINDS, page=2)
        past = search_writing(session, PERSONAL_OWNER, "walk", KINDS, page=9)
    assert (first.total, len(first.results), first.has_next, first.has_previous) == (
        25,
        20,
        True,
        False,
    )
    assert (len(second.results), second.first, second.has_next, second.has_previous) == (
        5,
        21,
        False,
        True,
    )
    assert {r.ref_id for r in first.results}.isdisjoint(r.ref_id for r in second.results)
    assert (past.total, past.results) == (25, ())


def test_first_words_cuts_after_a_whole_word() -> None:
    assert first_words("  short\n and   sweet ") == "short and sweet"
    long = "I sat by the window and waited for the phone to light up again, " * 3
    cut = first_words(long, limit=40)
    assert cut == "I sat by the window and waited for the…"
    assert len(cut) <= 41


# -- every tool's writing is searched ----------------------------------------------------------


def test_a_trigger_log_entry_is_found_changed_and_gone(open_vault: OpenVault) -> None:
    from anchored.features.trigger_log import service as trigger_log

    text = trigger_log.TriggerText(
        "He cancelled our plans.", origin="The summer Dad left, the kestrel on the fence."
    )
    with open_vault.session() as session:
        entry_id = trigger_log.add_entry(session, PERSONAL_OWNER, text, now=NOW).id
        trigger_log.add_entry(session, STRANGER, text, now=NOW)
    with open_vault.session() as session:
        found = search_writing(session, PERSONAL_OWNER, "kestrel", KINDS)
    assert found.total == 1
    (result,) = found.results
    assert (result.kind, result.kind_label, result.url) == (
        "trigger_log",
        "Trigger log",
        f"/trigger-log/{entry_id}",
    )
    assert (result.title, result.created_at) == ("He cancelled our plans.", NOW)
    assert ("kestrel", True) in result.parts

    with open_vault.session() as session:
        changed = trigger_log.TriggerText("He cancelled again.", new_response="Call a wren.")
        trigger_log.update_entry(session, PERSONAL_OWNER, entry_id, changed)
    assert _titles(open_vault, "kestrel") == []
    assert _titles(open_vault, "wren") == ["He cancelled again."]
    with open_vault.session() as session:
        trigger_log.delete_entry(session, PERSONAL_OWNER, entry_id)
    assert _titles(open_vault, "wren") == []


def test_the_safety_plan_is_one_result_kept_up_to_date(open_vault: OpenVault) -> None:
    from anchored.features.safety_plan import service as safety_plan

    plan = {"coping_alone": "Walk to the lighthouse", "what_matters": "My sister, the lighthouse"}
    with open_vault.session() as session:
        plan_id = safety_plan.save_plan(session, PERSONAL_OWNER, plan, now=NOW).id
        safety_plan.save_plan(session, PERSONAL_OWNER, plan, now=NOW)  # saved again: one result
        safety_plan.save_plan(session, STRANGER, plan, now=NOW)
    with open_vault.session() as session:
        found = search_writing(session, PERSONAL_OWNER, "lighthouse", KINDS)
    assert found.total == 1
    (result,) = found.results
    assert (result.kind, result.kind_label, result.url, result.ref_id) == (
        "safety_plan",
        "Safety plan",
        "/safety-plan",
        plan_id,
    )
    assert result.title == "My safety plan"
    with open_vault.session() as session:
        safety_plan.save_plan(session, PERSONAL_OWNER, {"coping_alone": "A bath"}, now=NOW)
    assert _titles(open_vault, "lighthouse") == []
    assert _titles(open_vault, "bath") == ["My safety plan"]


def test_session_notes_are_found_and_gone_when_removed(open_vault: OpenVault) -> None:
    from anchored.features.therapy import service as therapy

    with open_vault.session() as session:
        item_id = therapy.add_item(
            session, PERSONAL_OWNER, "Ask about the panic on Sunday nights", now=NOW
        ).id
        therapy.add_item(session, STRANGER, "Sunday nights too", now=NOW)
    with open_vault.session() as session:
        found = search_writing(session, PERSONAL_OWNER, "sunday", KINDS)
    assert [(r.kind, r.kind_label, r.ref_id, r.title) for r in found.results] == [
        ("session_note", "Session note", item_id, "Ask about the panic on Sunday nights")
    ]
    assert found.results[0].url == f"/therapy#prep-{item_id}"
    with open_vault.session() as session:
        therapy.delete_item(session, PERSONAL_OWNER, item_id)
    assert _titles(open_vault, "sunday") == []


# -- emoji and other symbols ---------------------------------------------------------------------


def test_an_emoji_is_searched_for(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        crying = journal.add_entry(session, PERSONAL_OWNER, "He left on read 😢 again", now=NOW).id
        heart = journal.add_entry(session, PERSONAL_OWNER, "Made up ❤️ at dinner", now=NOW).id
        journal.add_entry(session, PERSONAL_OWNER, "A calm day, no emoji at all", now=NOW)
        journal.add_entry(session, STRANGER, "Their 😢 entry", now=NOW)
    with open_vault.session() as session:
        found = search_writing(session, PERSONAL_OWNER, "😢", KINDS)
        assert found.message is None
        assert [r.ref_id for r in found.results] == [crying]
        assert found.total == 1
        assert ("😢", True) in found.results[0].parts
        # With or without the emoji-style marker (U+FE0F), a heart finds a heart.
        assert [r.ref_id for r in search_writing(session, PERSONAL_OWNER, "❤", KINDS).results] == [
            heart
        ]
        assert search_writing(session, PERSONAL_OWNER, "❤️", KINDS).total == 1
        # Words and an emoji: both must appear.
        assert search_writing(session, PERSONAL_OWNER, "read 😢", KINDS).total == 1
        assert search_writing(session, PERSONAL_OWNER, "dinner 😢", KINDS).total == 0
        assert search_writing(session, PERSONAL_OWNER, "🌊", KINDS).total == 0


def test_an_emoji_far_into_a_long_entry_shows_in_its_snippet(open_vault: OpenVault) -> None:
    body = "word " * 300 + "then the 🌧️ came " + "word " * 300
    with open_vault.session() as session:
        journal.add_entry(session, PERSONAL_OWNER, body, now=NOW)
        (result,) = search_writing(session, PERSONAL_OWNER, "🌧", KINDS).results
    shown = "".join(text for text, _match in result.parts)
    assert "then the 🌧️ came" in shown
    assert len(shown) < 300
    assert ("🌧️", True) in result.parts


@pytest.mark.sqlcipher_only
def test_unlocking_merges_an_index_left_in_many_pieces(open_vault: OpenVault) -> None:
    for day in range(30):  # a month of entries, each saved on its own
        with open_vault.session() as session:
            journal.add_entry(
                session, PERSONAL_OWNER, f"Walked by the river on day {day}.", now=NOW
            )
    with open_vault.session() as session:
        assert index.segments(session) > index.TIDY_ABOVE
    after_unlock(open_vault, PERSONAL_OWNER, now=NOW)
    with open_vault.session() as session:
        assert index.segments(session) == 1
        found = search_writing(session, PERSONAL_OWNER, "river", KINDS)
    assert found.total == 30
