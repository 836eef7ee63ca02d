from datetime import UTC, datetime, timedelta

import pytest

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features.journal import service as journal
from anchored.services.records import count_records
from anchored.storage.vault import OpenVault
from tests.support import NOW

STRANGER = Owner(id=2)


def test_entries_are_listed_newest_first(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        for body in ["one", "two", "three"]:
            journal.add_entry(session, PERSONAL_OWNER, body, now=NOW)
    with open_vault.session() as session:
        assert [e.body for e in journal.list_entries(session, PERSONAL_OWNER)] == [
            "three",
            "two",
            "one",
        ]


def test_entry_time_is_stored_as_aware_utc(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        entry = journal.add_entry(session, PERSONAL_OWNER, "when?", now=NOW)
        entry_id = entry.id
    with open_vault.session() as session:
        stored = journal.get_entry(session, PERSONAL_OWNER, entry_id)
        assert stored.created_at.utcoffset() is not None
        assert stored.created_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


@pytest.mark.parametrize("body", ["", "   \n\t "])
def test_empty_entry_is_refused_and_nothing_saved(open_vault: OpenVault, body: str) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        journal.add_entry(session, PERSONAL_OWNER, body, now=NOW)
    assert "empty" in caught.value.errors["body"]
    with open_vault.session() as session:
        assert journal.list_entries(session, PERSONAL_OWNER) == []


def test_over_long_entry_names_the_limit_without_echoing_text(open_vault: OpenVault) -> None:
    body = "x" * (journal.BODY_MAX + 1)
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        journal.add_entry(session, PERSONAL_OWNER, body, now=NOW)
    message = caught.value.errors["body"]
    assert f"{journal.BODY_MAX:,}" in message
    assert "xxxx" not in message


def test_another_owner_sees_nothing(open_vault: OpenVault) -> None:
    stranger = Owner(id=2)
    with open_vault.session() as session:
        entry = journal.add_entry(session, PERSONAL_OWNER, "mine", now=NOW)
        entry_id = entry.id
    with open_vault.session() as session:
        assert journal.list_entries(session, stranger) == []
        with pytest.raises(NotFound):
            journal.get_entry(session, stranger, entry_id)
        assert count_records(session, stranger)["journal entries"] == 0
        assert count_records(session, PERSONAL_OWNER)["journal entries"] == 1


def test_edit_changes_text_title_and_date(open_vault: OpenVault) -> None:
    from datetime import UTC, datetime

    with open_vault.session() as session:
        entry_id = journal.add_entry(session, PERSONAL_OWNER, "first draft", now=NOW).id
    when = datetime(2026, 1, 2, 9, 30, tzinfo=UTC)
    with open_vault.session() as session:
        journal.update_entry(
            session, PERSONAL_OWNER, entry_id, "second draft", "Title", when, now=NOW
        )
    with open_vault.session() as session:
        entry = journal.get_entry(session, PERSONAL_OWNER, entry_id)
        assert (entry.body, entry.title, entry.created_at) == ("second draft", "Title", when)


def test_failed_edit_leaves_the_entry_as_it_was(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        entry_id = journal.add_entry(session, PERSONAL_OWNER, "keep this", now=NOW).id
    with open_vault.session() as session, pytest.raises(InvalidInput):
        journal.update_entry(session, PERSONAL_OWNER, entry_id, "", "new title", now=NOW)
    with open_vault.session() as session:
        entry = journal.get_entry(session, PERSONAL_OWNER, entry_id)
        assert (entry.body, entry.title) == ("keep this", None)


def test_delete_removes_only_that_entry(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        keep = journal.add_entry(session, PERSONAL_OWNER, "keep", now=NOW).id
        drop = journal.add_entry(session, PERSONAL_OWNER, "drop", now=NOW).id
    with open_vault.session() as session:
        journal.delete_entry(session, PERSONAL_OWNER, drop)
    with open_vault.session() as session:
        assert [e.id for e in journal.list_entries(session, PERSONAL_OWNER)] == [keep]
        assert journal.count_entries(session, PERSONAL_OWNER) == 1


def test_a_stranger_cannot_edit_or_delete(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        entry_id = journal.add_entry(session, PERSONAL_OWNER, "mine", now=NOW).id
    stranger = Owner(id=2)
    with open_vault.session() as session:
        with pytest.raises(NotFound):
            journal.update_entry(session, stranger, entry_id, "theirs", now=NOW)
        with pytest.raises(NotFound):
            journal.delete_entry(session, stranger, entry_id)
    with open_vault.session() as session:
        assert journal.get_entry(session, PERSONAL_OWNER, entry_id).body == "mine"


def test_naive_date_is_refused(open_vault: OpenVault) -> None:
    from datetime import datetime

    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        journal.add_entry(session, PERSONAL_OWNER, "text", when=datetime(2026, 1, 2), now=NOW)
    assert "when" in caught.value.errors


# -- guided prompts ----------------------------------------------------------------------------


def test_an_entry_can_answer_a_guided_prompt(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        entry_id = journal.add_entry(
            session, PERSONAL_OWNER, "By the sea.", prompt_id="tell-your-story", now=NOW
        ).id
    with open_vault.session() as session:
        assert journal.get_entry(session, PERSONAL_OWNER, entry_id).prompt_id == "tell-your-story"


def test_a_prompted_entry_shows_on_its_step_page(open_vault: OpenVault) -> None:
    from anchored.features.journal.prompts import load_prompts

    prompt = load_prompts().get("times-you-were-resilient")
    assert prompt is not None
    with open_vault.session() as session:
        entry = journal.add_entry(
            session, PERSONAL_OWNER, "The winter I moved.", prompt_id=prompt.id, now=NOW
        )
        items = journal.step_items(session, PERSONAL_OWNER, prompt.step)
        assert [item.path for item in items] == [f"/journal/{entry.id}"]


def test_an_unknown_prompt_is_refused_by_name_and_nothing_saved(open_vault: OpenVault) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        journal.add_entry(session, PERSONAL_OWNER, "", prompt_id="no-such-prompt", now=NOW)
    # Every problem at once, so the person fixes them in one go.
    assert set(caught.value.errors) == {"body", "prompt_id"}
    assert "prompt" in caught.value.errors["prompt_id"]
    assert "no-such-prompt" not in caught.value.errors["prompt_id"]
    with open_vault.session() as session:
        assert journal.count_entries(session, PERSONAL_OWNER) == 0


def test_editing_keeps_changes_or_removes_the_prompt(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        entry_id = journal.add_entry(
            session, PERSONAL_OWNER, "first", prompt_id="my-calming-kit", now=NOW
        ).id
    with open_vault.session() as session:
        journal.update_entry(session, PERSONAL_OWNER, entry_id, "second", now=NOW)
        assert journal.get_entry(session, PERSONAL_OWNER, entry_id).prompt_id == "my-calming-kit"
        journal.update_entry(
            session, PERSONAL_OWNER, entry_id, "third", prompt_id="my-strengths", now=NOW
        )
        assert journal.get_entry(session, PERSONAL_OWNER, entry_id).prompt_id == "my-strengths"
        with pytest.raises(InvalidInput) as caught:
            journal.update_entry(
                session, PERSONAL_OWNER, entry_id, "fourth", prompt_id="nope", now=NOW
            )
        assert "prompt_id" in caught.value.errors
    with open_vault.session() as session:
        entry = journal.get_entry(session, PERSONAL_OWNER, entry_id)
        assert (entry.body, entry.prompt_id) == ("third", "my-strengths")
        journal.update_entry(session, PERSONAL_OWNER, entry_id, "fifth", prompt_id=None, now=NOW)
        assert journal.get_entry(session, PERSONAL_OWNER, entry_id).prompt_id is None


# -- kept in the search index ------------------------------------------------------------------


def _found(open_vault: OpenVault, query: str) -> list[int]:
    from anchored.storage.search import search

    with open_vault.session() as session:
        hits, _total = search(session, PERSONAL_OWNER.id, query)
    return [hit.ref_id for hit in hits if hit.code == 1]


def test_the_search_index_follows_add_edit_and_delete(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        entry_id = journal.add_entry(
            session, PERSONAL_OWNER, "The heron waited.", "Pond", now=NOW
        ).id
    assert _found(open_vault, "heron") == [entry_id]
    assert _found(open_vault, "pond") == [entry_id]

    with open_vault.session() as session:
        journal.update_entry(session, PERSONAL_OWNER, entry_id, "The kingfisher dived.", now=NOW)
    assert _found(open_vault, "kingfisher") == [entry_id]
    assert _found(open_vault, "heron") == []
    assert _found(open_vault, "pond") == []  # the title was removed too

    with open_vault.session() as session:
        journal.delete_entry(session, PERSONAL_OWNER, entry_id)
    assert _found(open_vault, "kingfisher") == []


def test_a_refused_save_leaves_the_index_alone(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        entry_id = journal.add_entry(session, PERSONAL_OWNER, "steady words", now=NOW).id
    with open_vault.session() as session, pytest.raises(InvalidInput):
        journal.update_entry(
            session, PERSONAL_OWNER, entry_id, "x" * (journal.BODY_MAX + 1), now=NOW
        )
    assert _found(open_vault, "steady") == [entry_id]


def test_step_items_are_only_that_steps_and_owners(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        first = journal.add_entry(
            session, PERSONAL_OWNER, "my story", step=1, exercise="tell-your-story", now=NOW
        ).id
        second = journal.add_entry(
            session, PERSONAL_OWNER, "a timeline", step=1, exercise="early-losses-timeline", now=NOW
        ).id
        journal.add_entry(session, PERSONAL_OWNER, "another step", step=2, exercise="x", now=NOW)
        journal.add_entry(session, PERSONAL_OWNER, "untagged", now=NOW)
        journal.add_entry(
            session, STRANGER, "not yours", step=1, exercise="tell-your-story", now=NOW
        )
    with open_vault.session() as session:
        mine = journal.step_items(session, PERSONAL_OWNER, 1)
        assert [e.path for e in mine] == [f"/journal/{second}", f"/journal/{first}"]  # newest first
        assert {e.title for e in mine} == {"my story", "a timeline"}
        assert {e.detail for e in mine} == {"Tell your story", "A timeline of early losses"}
        assert [e.title for e in journal.step_items(session, PERSONAL_OWNER, 2)] == ["another step"]
        assert journal.step_items(session, PERSONAL_OWNER, 3) == []
        assert [e.title for e in journal.step_items(session, STRANGER, 1)] == ["not yours"]
        assert journal.step_items(session, STRANGER, 2) == []


def test_stranger_sees_no_entries(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        journal.add_entry(session, PERSONAL_OWNER, "private", step=5, exercise="x", now=NOW)
    with open_vault.session() as session:
        assert journal.step_items(session, STRANGER, 5) == []


def test_a_journal_exercise_without_a_prompt_stops_the_app() -> None:
    from anchored.content.programme import load_programme

    step = load_programme().step(1)
    assert step is not None
    assert journal.exercises_without_prompt([step]) == []
    bare = step.exercises[0].model_copy(update={"tool": "journal", "prompt": None})
    broken = step.model_copy(update={"exercises": (bare, *step.exercises[1:])})
    assert journal.exercises_without_prompt([broken]) == [
        f"step 1, exercise {bare.slug!r}: a journal exercise needs a prompt"
    ]


def test_an_edit_is_dated_by_the_time_it_is_given(open_vault: OpenVault) -> None:
    """The clock passed in is the only clock: saving again at the same moment keeps it."""
    later = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
    with open_vault.session() as session:
        entry_id = journal.add_entry(session, PERSONAL_OWNER, "first", now=NOW).id
    for when in (later, later):
        with open_vault.session() as session:
            journal.update_entry(session, PERSONAL_OWNER, entry_id, "again", now=when)
        with open_vault.session() as session:
            entry = journal.get_entry(session, PERSONAL_OWNER, entry_id)
            assert (entry.created_at, entry.updated_at) == (NOW, later)


# -- the crisis check looks at what the person wrote --------------------------------------------

APP_TITLE = "Thoughts of suicide, and who to call"  # a title the check would match


def _with_titled_content(monkeypatch: pytest.MonkeyPatch) -> tuple[str, int, str]:
    """A guided prompt and a journal exercise whose titles the app fills in as the entry's
    title, both worded so that the crisis check would match them."""
    prompts = journal.load_prompts()
    prompt = prompts.prompts[0].model_copy(update={"title": APP_TITLE})
    monkeypatch.setattr(
        journal,
        "load_prompts",
        lambda: prompts.model_copy(update={"prompts": (prompt, *prompts.prompts[1:])}),
    )
    programme = journal.load_steps()
    step, exercise = next(
        (s, e) for s in programme.steps for e in s.exercises if e.tool == "journal"
    )
    titled = exercise.model_copy(update={"title": APP_TITLE})
    changed = step.model_copy(
        update={"exercises": tuple(titled if e is exercise else e for e in step.exercises)}
    )
    steps = tuple(changed if s is step else s for s in programme.steps)
    changed_programme = programme.model_copy(update={"steps": steps})
    monkeypatch.setattr(journal, "load_steps", lambda: changed_programme)
    return prompt.id, step.number, exercise.slug


def test_a_title_the_app_filled_in_asks_for_no_card(
    open_vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    prompt_id, step, exercise = _with_titled_content(monkeypatch)
    with open_vault.session() as session:
        by_prompt = journal.add_entry(
            session, PERSONAL_OWNER, "By the sea.", APP_TITLE, prompt_id=prompt_id, now=NOW
        )
        by_exercise = journal.add_entry(
            session, PERSONAL_OWNER, "By the sea.", APP_TITLE, step=step, exercise=exercise, now=NOW
        )
        assert not by_prompt.needs_help
        assert not by_exercise.needs_help
        edited = journal.update_entry(
            session, PERSONAL_OWNER, by_prompt.id, "Calmer now.", APP_TITLE, now=NOW
        )
        assert not edited.needs_help
        # What the person writes, in the title or the body, is still checked.
        own = journal.add_entry(
            session,
            PERSONAL_OWNER,
            "By the sea.",
            f"{APP_TITLE}: I want to end my life",
            prompt_id=prompt_id,
            now=NOW,
        )
        assert own.needs_help
        assert journal.add_entry(session, PERSONAL_OWNER, APP_TITLE, APP_TITLE, now=NOW).needs_help


# -- dates in the future -----------------------------------------------------------------------

FUTURE = "That time hasn't come yet. Choose a time up to now, or leave the box empty for now."


@pytest.mark.parametrize("ahead", [timedelta(minutes=6), timedelta(days=1), timedelta(days=1500)])
def test_a_date_still_to_come_is_refused(open_vault: OpenVault, ahead: timedelta) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        journal.add_entry(session, PERSONAL_OWNER, "text", when=NOW + ahead, now=NOW)
    assert caught.value.errors == {"when": FUTURE}
    with open_vault.session() as session:
        assert journal.count_entries(session, PERSONAL_OWNER) == 0


def test_a_few_minutes_of_clock_difference_are_fine(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        entry_id = journal.add_entry(
            session, PERSONAL_OWNER, "text", when=NOW + timedelta(minutes=4), now=NOW
        ).id
        assert journal.get_entry(session, PERSONAL_OWNER, entry_id).created_at > NOW


def test_an_entry_cannot_be_moved_into_the_future(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        entry_id = journal.add_entry(session, PERSONAL_OWNER, "text", now=NOW).id
    later = NOW + timedelta(hours=2)
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        journal.update_entry(session, PERSONAL_OWNER, entry_id, "new text", when=later, now=NOW)
    assert caught.value.errors == {"when": FUTURE}


def test_an_entry_dated_ahead_before_can_still_be_edited(open_vault: OpenVault) -> None:
    """An entry saved with a future date (before such dates were refused) keeps it, unchanged,
    when its words are edited; moving it is up to the person."""
    ahead = NOW + timedelta(days=400)
    with open_vault.session() as session:
        entry_id = journal.add_entry(session, PERSONAL_OWNER, "old", now=ahead).id
    shown = ahead.replace(second=0, microsecond=0)  # what the form's date box sends back
    with open_vault.session() as session:
        journal.update_entry(session, PERSONAL_OWNER, entry_id, "new", when=shown, now=NOW)
        assert journal.get_entry(session, PERSONAL_OWNER, entry_id).body == "new"


def test_another_tool_saves_an_entry_through_the_offer(open_vault: OpenVault) -> None:
    """``journal.add_entry``: tagged to a step, searchable like any entry, crisis-checked."""
    from anchored.features import FEATURES
    from anchored.features.search.service import search_writing
    from anchored.manifest import Registry

    registry = Registry(FEATURES)
    add = registry.offer("journal.add_entry")
    assert add is not None
    kinds = {k.code: k for k in registry.feature("journal").search}
    with open_vault.session() as session:
        done = add(session, PERSONAL_OWNER, title="A letter", body="Dear heron.", step=6, now=NOW)
        assert not done.needs_help
        assert add(
            session, PERSONAL_OWNER, title="A letter", body="I want to die.", step=99, now=NOW
        ).needs_help
    with open_vault.session() as session:
        entry = journal.get_entry(session, PERSONAL_OWNER, done.id)
        assert (entry.title, entry.step) == ("A letter", 6)
        assert search_writing(session, PERSONAL_OWNER, "heron", kinds).total == 1
        with pytest.raises(InvalidInput):
            add(session, PERSONAL_OWNER, title="A letter", body=" ", step=6, now=NOW)
