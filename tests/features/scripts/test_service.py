"""Scripts in the vault: build, edit, delete, rehearse; owner-scoped, searchable, crisis-checked."""

from __future__ import annotations

from datetime import timedelta

import pytest

from anchored.core.errors import InvalidInput, NotFound
from anchored.features import FEATURES
from anchored.features.scripts import service as scripts
from anchored.features.scripts.service import ScriptAnswers
from anchored.features.search.service import search_writing
from anchored.manifest import Registry
from anchored.storage.vault import OpenVault
from tests.support import NOW, People

KINDS = {k.code: k for k in Registry(FEATURES).feature("scripts").search}
NEED = ScriptAnswers(
    "need",
    situation="You came home later than you said",
    feeling="anxious",
    need="to know you're OK",
    request="send a text if you'll be late",
    title="Late nights",
)
CRISIS = "I want to end my life."


def test_a_script_keeps_its_answers_and_the_words_to_say(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        done = scripts.add_script(session, people.me, NEED, now=NOW)
        assert not done.needs_help
    with open_vault.session() as session:
        script = scripts.get_script(session, people.me, done.id)
        assert (script.kind, script.title, script.feeling) == ("need", "Late nights", "anxious")
        assert script.wording.startswith("When you came home later than you said, I feel anxious.")
        assert script.wording.endswith("Would you be willing to send a text if you'll be late?")
        assert scripts.checks(script) == ()


def test_the_questions_each_kind_needs_are_asked_for(open_vault: OpenVault, people: People) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        scripts.add_script(session, people.me, ScriptAnswers("need", situation="  "), now=NOW)
    assert set(caught.value.errors) == {"situation", "feeling", "request"}
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        scripts.add_script(session, people.me, ScriptAnswers("boundary", "late talks"), now=NOW)
    assert set(caught.value.errors) == {"request"}  # what I will do


def test_an_unknown_kind_or_overlong_answer_is_refused_without_repeating_it(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        scripts.add_script(session, people.me, ScriptAnswers("shout", "x", "y"), now=NOW)
    assert set(caught.value.errors) == {"kind"}
    long = "w" * (scripts.ANSWER_MAX + 1)
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        scripts.add_script(
            session, people.me, ScriptAnswers("need", long, "sad", "", "call"), now=NOW
        )
    assert "2,000" in caught.value.errors["situation"]
    assert long not in caught.value.errors["situation"]


def test_a_repair_keeps_no_answer_it_does_not_ask(open_vault: OpenVault, people: People) -> None:
    answers = ScriptAnswers("repair", "Sent ten messages", "scared", "a need", "pause first")
    with open_vault.session() as session:
        script_id = scripts.add_script(session, people.me, answers, now=NOW).id
        script = scripts.get_script(session, people.me, script_id)
        assert script.need == ""
        assert "a need" not in script.wording


def test_editing_puts_the_words_together_again_and_keeps_the_kind(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        script_id = scripts.add_script(session, people.me, NEED, now=NOW).id
    later = NOW + timedelta(hours=1)
    changed = ScriptAnswers("boundary", "You never call", "hurt", "", "ring me at nine")
    with open_vault.session() as session:
        scripts.update_script(session, people.me, script_id, changed, now=later)
    with open_vault.session() as session:
        script = scripts.get_script(session, people.me, script_id)
        assert script.kind == "need"
        assert script.title is None
        assert script.wording == (
            "When you never call, I feel hurt. Would you be willing to ring me at nine?"
        )
        assert script.updated_at == later
        assert [s.code for s in scripts.checks(script)] == ["always_never"]


def test_rehearsals_keep_how_it_felt_and_refuse_other_numbers(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        script_id = scripts.add_script(session, people.me, NEED, now=NOW).id
        scripts.add_rehearsal(session, people.me, script_id, "3", now=NOW)
        scripts.add_rehearsal(session, people.me, script_id, 7, now=NOW + timedelta(days=1))
        for wrong in ("11", "-1", "", "five", "٣"):
            with pytest.raises(InvalidInput):
                scripts.add_rehearsal(session, people.me, script_id, wrong, now=NOW)
    with open_vault.session() as session:
        assert [r.felt for r in scripts.rehearsals(session, people.me, script_id)] == [3, 7]


def test_another_persons_script_is_not_found(open_vault: OpenVault, people: People) -> None:
    with open_vault.session() as session:
        script_id = scripts.add_script(session, people.me, NEED, now=NOW).id
    for other in (people.therapist, people.stranger):
        with open_vault.session() as session:
            with pytest.raises(NotFound):
                scripts.get_script(session, other, script_id)
            with pytest.raises(NotFound):
                scripts.update_script(session, other, script_id, NEED, now=NOW)
            with pytest.raises(NotFound):
                scripts.add_rehearsal(session, other, script_id, 5, now=NOW)
            with pytest.raises(NotFound):
                scripts.delete_script(session, other, script_id)
            assert scripts.list_scripts(session, other) == []
            assert scripts.rehearsals(session, other, script_id) == []


def test_search_finds_a_script_until_it_is_deleted(open_vault: OpenVault, people: People) -> None:
    with open_vault.session() as session:
        script_id = scripts.add_script(session, people.me, NEED, now=NOW).id
        scripts.add_rehearsal(session, people.me, script_id, 5, now=NOW)
    with open_vault.session() as session:
        found = search_writing(session, people.me, "late", KINDS)
        assert [hit.url for hit in found.results] == [f"/scripts/{script_id}"]
        assert found.results[0].title == "Late nights"
        assert search_writing(session, people.stranger, "late", KINDS).total == 0
        scripts.delete_script(session, people.me, script_id)
    with open_vault.session() as session:
        assert search_writing(session, people.me, "late", KINDS).total == 0
        assert scripts.rehearsals(session, people.me, script_id) == []


@pytest.mark.parametrize("field", ["situation", "feeling", "need", "request", "title"])
def test_crisis_words_in_any_answer_ask_for_the_help_card(
    open_vault: OpenVault, people: People, field: str
) -> None:
    values = {"kind": "need", "situation": "a", "feeling": "b", "request": "c", field: CRISIS}
    with open_vault.session() as session:
        assert scripts.add_script(session, people.me, ScriptAnswers(**values), now=NOW).needs_help


def test_step_pages_list_needs_and_repairs_for_5_and_boundaries_for_8(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        scripts.add_script(session, people.me, NEED, now=NOW)
        scripts.add_script(
            session, people.me, ScriptAnswers("boundary", "late talks", request="stop"), now=NOW
        )
        scripts.add_script(session, people.me, ScriptAnswers("repair", "did", "scared"), now=NOW)
        five = scripts.step_items(session, people.me, 5)
        eight = scripts.step_items(session, people.me, 8)
        assert sorted(item.detail for item in five) == [
            "Ask for what you need",
            "Repair after a hard moment",
        ]
        assert [item.detail for item in eight] == ["Set a boundary"]
        assert scripts.step_items(session, people.me, 1) == []
        assert scripts.step_items(session, people.stranger, 5) == []
