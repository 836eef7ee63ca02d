"""Thought record pages: every stage as a plain form, drafts, the finished record, own traps,
what wrong input shows, and the help card."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from anchored.core.owner import Owner
from anchored.features.thought_record import service as records
from anchored.features.thought_record import traps
from anchored.web.deps import current_owner
from anchored.web.state import AppState
from tests.support import NOW

Client = tuple[TestClient, AppState]
ME = current_owner()
STRANGER = Owner(id=2)
SITUATION = "He read my message at six & still hasn't replied."
THOUGHT = "He's losing interest. He's going to leave me."
CRISIS = "I can't go on like this. I want to end my life."
BALANCED = "He is often quiet at work, and he has always come back."
STAGE_FORMS = {
    "thought": {"automatic_thought": THOUGHT},
    "emotions": {
        "emotion": ["abandoned", "anxious"],
        "intensity-abandoned": "8",
        "intensity-anxious": "6",
    },
    "traps": {"trap": ["mind-reading", "fortune-telling"]},
    "evidence": {
        "evidence_for": "No reply for three hours.",
        "evidence_against": "He said he loved me this morning.",
        "friend_view": "Busy days happen; give it time.",
    },
    "balanced": {"balanced_thought": BALANCED},
    "rerate": {"after-abandoned": "4", "after-anxious": "3"},
}


def _start(client: TestClient, situation: str = SITUATION) -> int:
    response = client.post(
        "/thought-records/new", data={"situation": situation}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/thought-records/(\d+)/thought", response.headers["location"])
    assert match is not None
    return int(match.group(1))


def _post(client: TestClient, record_id: int, stage: str, data: dict[str, object]) -> str:
    response = client.post(
        f"/thought-records/{record_id}/{stage}", data=data, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def _through(client: TestClient, last: str) -> int:
    record_id = _start(client)
    for stage, data in STAGE_FORMS.items():
        _post(client, record_id, stage, data)
        if stage == last:
            break
    return record_id


def _error(page: str, field: str) -> str:
    match = re.search(rf'id="{re.escape(field)}-error">([^<]*)<', page)
    assert match is not None, f"no message next to {field}"
    return html.unescape(match.group(1))


def _thought_quote(page: str) -> str | None:
    match = re.search(r'<blockquote class="entry-body">([^<]*)</blockquote>', page)
    return match.group(1) if match else None


# -- the pages ---------------------------------------------------------------------------------


def test_empty_list_explains_itself(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/thought-records")
    assert page.status_code == 200
    assert "<h1>Thought records</h1>" in page.text
    assert "Nothing here yet." in page.text
    assert 'href="/thought-records/new"' in page.text
    assert 'href="/thought-records/traps"' in page.text


def test_the_first_step_explains_briefly_and_asks_for_the_situation(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    page = client.get("/thought-records/new").text
    assert "Step 1 of 7" in page
    assert "It takes seven short steps" in page
    assert '<label for="situation">What happened?</label>' in page
    assert 'action="/thought-records/new"' in page
    assert ">Back<" not in page


def test_a_whole_record_without_javascript(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    record_id = _start(client)
    stages = list(STAGE_FORMS)
    for number, stage in enumerate(stages, start=2):
        page = client.get(f"/thought-records/{record_id}/{stage}")
        assert page.status_code == 200
        assert f"Step {number} of 7" in page.text
        previous = "situation" if number == 2 else stages[number - 3]
        assert f'href="/thought-records/{record_id}/{previous}">Back</a>' in page.text
        assert f'action="/thought-records/{record_id}/{stage}"' in page.text
        # The automatic thought stays in view on every step after it.
        assert _thought_quote(page.text) == (escape(THOUGHT) if stage != "thought" else None)
        following = stages[number - 1] if number - 1 < len(stages) else None
        location = _post(client, record_id, stage, STAGE_FORMS[stage])
        expected = f"/thought-records/{record_id}/{following}"
        assert location == (expected if following else f"/thought-records/{record_id}?saved=1")

    summary = client.get(f"/thought-records/{record_id}?saved=1").text
    assert "Saved." in summary
    assert '<span aria-hidden="true">Abandoned 8 → 4</span>' in summary
    assert "Abandoned: 8 out of 10 before, 4 after (4 lower)" in summary
    assert "Anxious 6 → 3" in summary
    assert "Mind reading" in summary
    assert "Fortune telling" in summary
    assert escape("He said he loved me this morning.") in summary
    assert escape(BALANCED) in summary
    assert f'href="/thought-records/{record_id}/situation">Edit</a>' in summary
    assert f'href="/thought-records/{record_id}/delete">Delete</a>' in summary

    listing = client.get("/thought-records").text
    assert "Finished" in listing
    assert "Drafts" not in listing
    assert "Abandoned 8 → 4" in listing


def test_going_back_shows_what_was_saved(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    record_id = _through(client, "traps")
    assert (
        f">{escape(SITUATION)}</textarea>"
        in client.get(f"/thought-records/{record_id}/situation").text
    )
    emotions = client.get(f"/thought-records/{record_id}/emotions").text
    assert 'value="abandoned" aria-describedby="hint-abandoned" checked' in emotions
    assert 'id="intensity-abandoned" name="intensity-abandoned"' in emotions
    assert re.search(r'name="intensity-abandoned"[^>]*value="8"', emotions)
    assert 'value="lonely" aria-describedby="hint-lonely">' in emotions
    trap_page = client.get(f"/thought-records/{record_id}/traps").text
    assert 'value="mind-reading" checked' in trap_page
    assert 'value="labeling">' in trap_page


def test_each_trap_shows_definition_example_and_question(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    record_id = _through(client, "emotions")
    page = client.get(f"/thought-records/{record_id}/traps").text
    assert page.count('<details class="tr-trap-details">') == 12
    assert "Treating a feeling as proof." in page
    assert escape("I feel abandoned, so I must be abandoned") in page
    assert "Is this a fact or a feeling?" in page
    assert '<label for="trap_name">Name</label>' in page


def test_the_evidence_step_asks_fact_or_feeling_and_the_traps_questions(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    record_id = _through(client, "traps")
    page = client.get(f"/thought-records/{record_id}/evidence").text
    assert "Is this a fact or a feeling?" in page
    assert "What would I tell a friend who thought this?" in page
    assert '<label for="friend_view">' in page
    assert "What do I really know about what they are thinking" in page


def test_a_number_without_a_tick_still_counts(unlocked_client: Client) -> None:
    client, state = unlocked_client
    record_id = _through(client, "thought")
    _post(client, record_id, "emotions", {"intensity-lonely": "5", "intensity-calm": ""})
    with state.session() as session:
        record = records.get_record(session, ME, record_id)
        assert [(e.emotion, e.before) for e in record.emotions] == [("lonely", 5)]


# -- drafts ------------------------------------------------------------------------------------


def test_drafts_come_first_with_a_continue_link(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    finished = _through(client, "rerate")
    draft = _through(client, "emotions")
    listing = client.get("/thought-records").text
    assert listing.index("Drafts") < listing.index("Finished")
    assert f'href="/thought-records/{draft}/traps" aria-label="Continue: ' in listing
    assert "Step 4 of 7: thinking traps" in listing
    assert f'href="/thought-records/{finished}"' in listing
    page = client.get(f"/thought-records/{draft}").text
    assert "isn't finished yet" in page
    assert f'href="/thought-records/{draft}/traps">Continue</a>' in page


def test_finished_records_are_paged(unlocked_client: Client) -> None:
    client, state = unlocked_client
    with state.session() as session:
        for i in range(25):
            records.add_finished_record(
                session,
                ME,
                situation=f"Evening {i}",
                automatic_thought=f"Thought number {i:02d}",
                emotions={"sad": 5},
                balanced_thought="Fair.",
                after={"sad": 4},
                now=NOW,
            )
    first = client.get("/thought-records").text
    assert first.count("Thought number") == 20
    assert "Thought number 24" in first
    assert 'href="/thought-records?page=2" rel="next"' in first
    second = client.get("/thought-records?page=2").text
    assert second.count("Thought number") == 5
    assert "Thought number 00" in second
    assert 'rel="next"' not in second
    assert client.get("/thought-records?page=9").text == second  # the last page there is


# -- editing a finished record ------------------------------------------------------------------


def test_editing_one_step_of_a_finished_record_goes_back_to_it(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    record_id = _through(client, "rerate")
    page = client.get(f"/thought-records/{record_id}/balanced").text
    assert "Save and see the record" in page
    location = _post(
        client, record_id, "balanced", {"balanced_thought": "Plans change.", "then": "summary"}
    )
    assert location == f"/thought-records/{record_id}?saved=1"
    assert "Plans change." in client.get(location).text


def test_a_new_emotion_on_a_finished_record_asks_for_its_re_rating(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    record_id = _through(client, "rerate")
    data = {"emotion": ["abandoned", "lonely"], "intensity-abandoned": "8", "intensity-lonely": "7"}
    location = _post(client, record_id, "emotions", {**data, "then": "summary"})
    assert location == f"/thought-records/{record_id}/rerate"
    page = client.get(location).text
    assert re.search(r'name="after-abandoned"[^>]*value="4"', page)
    assert re.search(r'name="after-lonely"[^>]*value=""', page)
    assert "Drafts" in client.get("/thought-records").text


# -- input a person can fix: nothing typed is lost ---------------------------------------------


def test_an_empty_situation_is_explained_and_nothing_started(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post("/thought-records/new", data={"situation": "   "})
    assert response.status_code == 422
    assert "can't be empty" in _error(response.text, "situation")
    assert 'aria-invalid="true"' in response.text
    assert 'role="alert"' in response.text
    assert "Nothing here yet." in client.get("/thought-records").text


def test_an_empty_thought_is_explained(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    record_id = _start(client)
    response = client.post(f"/thought-records/{record_id}/thought", data={"automatic_thought": ""})
    assert response.status_code == 422
    assert "this step can't be empty" in _error(response.text, "automatic_thought")


def test_intensity_11_is_explained_next_to_it_and_what_was_typed_kept(
    unlocked_client: Client,
) -> None:
    client, state = unlocked_client
    record_id = _through(client, "thought")
    data = {"emotion": ["abandoned", "sad"], "intensity-abandoned": "11", "intensity-sad": "-1"}
    response = client.post(f"/thought-records/{record_id}/emotions", data=data)
    assert response.status_code == 422
    assert _error(response.text, "intensity-abandoned") == (
        "Abandoned needs a whole number from 0 to 10."
    )
    assert _error(response.text, "intensity-sad") == "Sad needs a whole number from 0 to 10."
    # Two notes: both are summarised at the top, each linking to its field.
    assert 'href="#intensity-abandoned"' in response.text
    assert re.search(r'name="intensity-abandoned"[^>]*value="11"', response.text)
    assert 'value="sad" aria-describedby="hint-sad" checked' in response.text
    with state.session() as session:
        assert records.get_record(session, ME, record_id).emotions == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Pick at least one emotion"),
        ({"emotion": "heartbroken", "intensity-heartbroken": "5"}, "isn't in the list"),
        ({"emotion": "calm"}, "Calm needs a number from 0 to 10."),
    ],
)
def test_other_wrong_emotions_are_explained(
    unlocked_client: Client, data: dict[str, str], message: str
) -> None:
    client, _state = unlocked_client
    record_id = _through(client, "thought")
    response = client.post(f"/thought-records/{record_id}/emotions", data=data)
    assert response.status_code == 422
    assert message in html.unescape(response.text)


def test_an_unknown_trap_is_explained_and_the_picks_kept(unlocked_client: Client) -> None:
    client, state = unlocked_client
    record_id = _through(client, "traps")
    response = client.post(
        f"/thought-records/{record_id}/traps", data={"trap": ["labeling", "own:4242"]}
    )
    assert response.status_code == 422
    assert "isn't in the list" in _error(response.text, "traps")
    assert 'value="labeling" checked' in response.text
    with state.session() as session:
        record = records.get_record(session, ME, record_id)
        assert records.trap_names(session, ME, record) == [
            "Mind reading",
            "Fortune telling",
        ]


def test_over_long_evidence_names_the_limit_and_is_kept(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    record_id = _through(client, "traps")
    long = "w" * 5_001
    response = client.post(
        f"/thought-records/{record_id}/evidence",
        data={"evidence_for": "ok", "evidence_against": long},
    )
    assert response.status_code == 422
    assert "5,000" in _error(response.text, "evidence_against")
    assert f">{long}</textarea>" in response.text
    assert ">ok</textarea>" in response.text


def test_re_rating_needs_every_emotion(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    record_id = _through(client, "balanced")
    response = client.post(
        f"/thought-records/{record_id}/rerate", data={"after-abandoned": "2", "after-anxious": ""}
    )
    assert response.status_code == 422
    assert "Anxious needs a number from 0 to 10" in _error(response.text, "after-anxious")
    assert re.search(r'name="after-abandoned"[^>]*value="2"', response.text)
    assert "Drafts" in client.get("/thought-records").text


@pytest.mark.parametrize("stage", ["emotions", "traps", "evidence", "balanced", "rerate"])
def test_a_later_step_before_the_thought_goes_back_to_it(
    unlocked_client: Client, stage: str
) -> None:
    client, state = unlocked_client
    record_id = _start(client)
    for method in ("GET", "POST"):
        response = client.request(
            method,
            f"/thought-records/{record_id}/{stage}",
            data=STAGE_FORMS[stage],
            follow_redirects=False,
        )
        assert response.status_code == 303
        assert response.headers["location"] == f"/thought-records/{record_id}/thought?first=1"
    page = client.get(f"/thought-records/{record_id}/thought?first=1").text
    assert "fill in this step first" in page
    with state.session() as session:
        record = records.get_record(session, ME, record_id)
        assert (record.emotions, record.balanced_thought, record.finished_at) == ([], "", None)


# -- own traps -----------------------------------------------------------------------------------


def test_add_an_own_trap_from_the_traps_step_keeps_the_picks(unlocked_client: Client) -> None:
    client, state = unlocked_client
    record_id = _through(client, "emotions")
    location = _post(
        client,
        record_id,
        "traps",
        {
            "trap": "labeling",
            "trap_name": "Waiting for the other shoe",
            "trap_question": "Has the shoe ever dropped?",
            "then": "add-trap",
        },
    )
    match = re.fullmatch(rf"/thought-records/{record_id}/traps\?added=(\d+)#trap-own-\1", location)
    assert match is not None
    page = client.get(location).text
    assert "Your trap was added to the list and ticked" in page
    assert f'value="own:{match.group(1)}" checked' in page
    assert 'value="labeling" checked' in page
    assert "Has the shoe ever dropped?" in page
    assert _post(client, record_id, "traps", {"trap": ["labeling", f"own:{match.group(1)}"]}) == (
        f"/thought-records/{record_id}/evidence"
    )
    with state.session() as session:
        record = records.get_record(session, ME, record_id)
        assert records.trap_names(session, ME, record) == [
            "Labeling",
            "Waiting for the other shoe",
        ]


def test_a_wrong_own_trap_on_the_traps_step_adds_nothing(unlocked_client: Client) -> None:
    client, state = unlocked_client
    record_id = _through(client, "traps")
    response = client.post(
        f"/thought-records/{record_id}/traps",
        data={"trap": "labeling", "trap_name": "x" * 81, "then": "add-trap"},
    )
    assert response.status_code == 422
    assert "up to 80 characters" in _error(response.text, "trap_name")
    assert f'value="{"x" * 81}"' in response.text
    with state.session() as session:
        assert [t for t in traps.list_traps(session, ME) if t.own] == []
        record = records.get_record(session, ME, record_id)
        assert records.trap_names(session, ME, record) == [
            "Mind reading",
            "Fortune telling",
        ]


def test_the_traps_page_lists_all_and_manages_own_ones(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/thought-records/traps").text
    assert page.count("<details>") == 12
    assert "You haven't added any of your own yet." in page
    response = client.post(
        "/thought-records/traps",
        data={"trap_name": "Reading tea leaves", "trap_definition": "Signs in everything."},
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = client.get(response.headers["location"]).text
    assert "Your trap was added." in page
    assert "Reading tea leaves" in page
    link = re.search(r'href="(/thought-records/traps/(\d+)/delete)"', page)
    assert link is not None
    confirm = client.get(link.group(1)).text
    assert "Delete this trap?" in confirm
    assert "Yes, delete it" in confirm
    response = client.post(link.group(1), follow_redirects=False)
    assert response.headers["location"] == "/thought-records/traps?deleted=1#own-traps"
    page = client.get("/thought-records/traps").text
    assert "Reading tea leaves" not in page
    assert page.count("<details>") == 12


def test_the_traps_page_refuses_a_taken_name(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post("/thought-records/traps", data={"trap_name": "catastrophizing"})
    assert response.status_code == 422
    assert "already in the list" in _error(response.text, "trap_name")
    assert 'value="catastrophizing"' in response.text


def test_deleting_an_own_trap_says_how_many_records_name_it(unlocked_client: Client) -> None:
    client, state = unlocked_client
    record_id = _through(client, "emotions")
    with state.session() as session:
        trap_id = traps.add_own_trap(session, ME, "Mine").id
    _post(client, record_id, "traps", {"trap": f"own:{trap_id}"})
    confirm = client.get(f"/thought-records/traps/{trap_id}/delete").text
    assert "It is ticked in 1 thought record." in confirm


# -- deleting --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("last", "kind"), [("rerate", "thought record"), ("thought", "draft")])
def test_delete_asks_first_then_deletes(unlocked_client: Client, last: str, kind: str) -> None:
    client, _state = unlocked_client
    record_id = _through(client, last)
    confirm = client.get(f"/thought-records/{record_id}/delete").text
    assert f"Delete this {kind}?" in confirm
    assert f'href="/thought-records/{record_id}">No, keep it</a>' in confirm
    response = client.post(f"/thought-records/{record_id}/delete", follow_redirects=False)
    assert response.headers["location"] == "/thought-records?deleted=1"
    assert "The record was deleted." in client.get(response.headers["location"]).text
    assert client.get(f"/thought-records/{record_id}").status_code == 404


# -- someone else's, and addresses that don't exist ---------------------------------------------


def test_someone_elses_record_and_trap_are_404(unlocked_client: Client) -> None:
    client, state = unlocked_client
    with state.session() as session:
        record_id = records.start_record(session, STRANGER, "Their words", now=NOW).id
        trap_id = traps.add_own_trap(session, STRANGER, "Their trap").id
    paths = [
        ("GET", f"/thought-records/{record_id}"),
        ("GET", f"/thought-records/{record_id}/thought"),
        ("POST", f"/thought-records/{record_id}/thought"),
        ("POST", f"/thought-records/{record_id}/traps"),
        ("GET", f"/thought-records/{record_id}/delete"),
        ("POST", f"/thought-records/{record_id}/delete"),
        ("GET", f"/thought-records/traps/{trap_id}/delete"),
        ("POST", f"/thought-records/traps/{trap_id}/delete"),
    ]
    for method, path in paths:
        data = {"automatic_thought": "Mine now", "trap_name": "Sneaky", "then": "add-trap"}
        response = client.request(method, path, data=data)
        assert response.status_code == 404, path
    assert "Their trap" not in client.get("/thought-records/traps").text
    with state.session() as session:
        assert records.get_record(session, STRANGER, record_id).automatic_thought == ""
        assert [t.name for t in traps.list_traps(session, ME) if t.own] == []


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/thought-records/4242"),
        ("GET", "/thought-records/4242/evidence"),
        ("POST", "/thought-records/4242/evidence"),
        ("GET", "/thought-records/1/finished"),
        ("GET", "/thought-records/99999999999999999999999"),
        ("GET", "/thought-records/abc"),
        ("GET", "/thought-records/0"),
        ("GET", "/thought-records/traps/4242/delete"),
    ],
)
def test_unknown_addresses_are_a_calm_404(unlocked_client: Client, method: str, path: str) -> None:
    client, _state = unlocked_client
    _start(client)
    response = client.request(method, path)
    assert response.status_code == 404
    assert "We couldn't find that page" in response.text


# -- the help card -------------------------------------------------------------------------------


def test_crisis_language_puts_the_card_first_and_keeps_it_on_the_record(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    record_id = _start(client)
    location = _post(client, record_id, "thought", {"automatic_thought": CRISIS})
    assert location == f"/thought-records/{record_id}/emotions?support=1"
    page = client.get(location).text
    assert page.index("Before anything else") < page.index("<h1>")
    for stage in ("emotions", "traps"):
        _post(client, record_id, stage, STAGE_FORMS[stage])
    evidence = client.get(f"/thought-records/{record_id}/evidence").text
    assert "Before anything else" in evidence
    # No reframing questions from the traps on an entry that called for the card.
    assert "What do I really know about what they are thinking" not in evidence
    assert "Before anything else" in client.get(f"/thought-records/{record_id}").text


def test_no_card_for_everyday_worries(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    record_id = _through(client, "rerate")
    assert "Before anything else" not in client.get(f"/thought-records/{record_id}").text


def test_crisis_words_in_an_own_trap_put_the_card_first(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post(
        "/thought-records/traps",
        data={"trap_name": "The dark one", "trap_definition": CRISIS},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/thought-records/traps?added=1&support=1"
    assert "Before anything else" in client.get(response.headers["location"]).text
    record_id = _through(client, "emotions")
    location = _post(
        client,
        record_id,
        "traps",
        {"trap_name": "Another", "trap_question": CRISIS, "then": "add-trap"},
    )
    assert location == f"/thought-records/{record_id}/traps?added=2&support=1"
    page = client.get(location).text
    assert page.index("Before anything else") < page.index("<h1>")
