"""Every form that creates something saves once: the same form sent again (a double click, the
browser's "send again", Back then Save) shows what was saved, with a calm notice, instead of
saving a copy. Anything changed is saved. A form without a token (a page from before) still
saves. (Back in a real browser: tests/e2e/test_forms.py.)"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from anchored.core.owner import PERSONAL_OWNER as ME
from anchored.features.check_in import service as checkin
from anchored.features.journal import service as journal
from anchored.features.learn import service as learn
from anchored.features.learn.signs import load_signs
from anchored.features.reassurance import service as reassurance
from anchored.features.therapy import service as therapy
from anchored.features.thought_record import service as thought_records
from anchored.features.thought_record import traps
from anchored.features.trigger_log import service as trigger_log
from anchored.web.state import AppState
from tests.support import NOW, FakeClock

Client = tuple[TestClient, AppState]
NOTICE = "You had already saved this, so it wasn't saved a second time."
CRISIS = "I want to end my life tonight."


@pytest.fixture
def clock() -> FakeClock:
    """The app's clock at the tests' usual moment."""
    return FakeClock(NOW.timestamp())


@pytest.fixture
def web(unlocked_client: Client) -> Client:
    """The person's browser, stopping at each redirect to see where it leads."""
    client, state = unlocked_client
    client.follow_redirects = False
    return client, state


@dataclass(frozen=True)
class Form:
    """One form that creates something: where it is shown, where it is sent, what it sends,
    how many of its records there are, and where sending it again leads (``{id}``: the new
    record's id, read from where the first save led)."""

    page: str
    action: str
    data: dict[str, str]
    count: Callable[[Session], int]
    again: str
    saved_id: str | None = None  # a pattern for the record id in the first save's address


def _own_behaviours(session: Session) -> int:
    return sum(1 for b in reassurance.list_behaviours(session, ME) if b.builtin is None)


FORMS = {
    "journal": Form(
        "/journal/new",
        "/journal/new",
        {"body": "I waited before replying.", "title": "Tuesday", "when": ""},
        lambda s: journal.count_entries(s, ME),
        "/journal/{id}?already=1",
        r"/journal/(\d+)\?saved=1",
    ),
    "check-in": Form(
        "/check-in",
        "/check-in",
        {"emotion": "calm", "intensity-calm": "4", "note": "A slow morning.", "when": ""},
        lambda s: checkin.count_check_ins(s, ME),
        "/check-in/{id}?already=1",
        r"/check-in/history\?saved=(\d+)#check-in-\d+",
    ),
    "thought record": Form(
        "/thought-records/new",
        "/thought-records/new",
        {"situation": "No reply since this morning."},
        lambda s: thought_records.count_records(s, ME, finished=False),
        "/thought-records/{id}?already=1",
        r"/thought-records/(\d+)/thought",
    ),
    "trigger log": Form(
        "/trigger-log/new",
        "/trigger-log/new",
        {"trigger": "A plan changed at the last minute.", "new_response": "Ask, calmly."},
        lambda s: trigger_log.count_entries(s, ME),
        "/trigger-log/{id}?already=1",
        r"/trigger-log/(\d+)\?saved=1",
    ),
    "session notes": Form(
        "/therapy",
        "/therapy/prep",
        {"text": "Talk about the weekend."},
        lambda s: len(therapy.list_items(s, ME)),
        "/therapy?already=1#prep",
    ),
    "check-in tags": Form(
        "/check-in/tags",
        "/check-in/tags",
        {"name": "Choir"},
        lambda s: len(checkin.list_own_factors(s, ME)),
        "/check-in/tags?already=1",
    ),
    "thinking traps": Form(
        "/thought-records/traps",
        "/thought-records/traps",
        {
            "trap_name": "Counting the minutes",
            "trap_definition": "Reading the gap between replies as a verdict.",
            "trap_question": "What else fills someone's afternoon?",
        },
        lambda s: len(traps.list_own_traps(s, ME)),
        "/thought-records/traps?already=1#own-traps",
    ),
    "reassurance behaviours": Form(
        "/reassurance",
        "/reassurance/behaviours",
        {"name": "Asking friends what a message meant"},
        _own_behaviours,
        "/reassurance?already=1#behaviours",
    ),
    "signs reflection": Form(
        "/learn/signs",
        "/learn/signs",
        {"sign": load_signs().signs[0].slug},
        lambda s: len(learn.list_signs(s, ME)),
        "/learn/signs?already=1",
    ),
}


def token_in(page: str, action: str) -> str:
    """The form token of the form on ``page`` that is sent to ``action``."""
    form = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', page, re.S)
    assert form is not None, f"no form sent to {action}"
    token = re.search(r'<input type="hidden" name="form_token" value="([^"]+)">', form.group(1))
    assert token is not None, f"the form sent to {action} carries no token"
    return token.group(1)


def _count(state: AppState, form: Form) -> int:
    with state.session() as session:
        return form.count(session)


def _expected_again(form: Form, first: str) -> str:
    if form.saved_id is None:
        return form.again
    match = re.fullmatch(form.saved_id, first)
    assert match is not None, first
    return form.again.format(id=match.group(1))


@pytest.mark.parametrize("name", list(FORMS))
def test_the_same_form_sent_twice_saves_once(web: Client, name: str) -> None:
    client, state = web
    form = FORMS[name]
    before = _count(state, form)
    token = token_in(client.get(form.page).text, form.action)

    first = client.post(form.action, data={**form.data, "form_token": token})
    assert first.status_code == 303, first.text
    again = client.post(form.action, data={**form.data, "form_token": token})

    assert again.status_code == 303, again.text
    assert again.headers["location"] == _expected_again(form, first.headers["location"])
    assert _count(state, form) == before + 1
    shown = client.get(again.headers["location"])
    assert shown.status_code == 200
    assert NOTICE in shown.text


@pytest.mark.parametrize("name", list(FORMS))
def test_each_rendering_of_a_form_has_its_own_token(web: Client, name: str) -> None:
    client, _state = web
    form = FORMS[name]
    first = token_in(client.get(form.page).text, form.action)
    second = token_in(client.get(form.page).text, form.action)
    assert first != second


def test_a_form_without_a_token_still_saves(web: Client) -> None:
    """A page rendered before tokens existed (or a script) still saves."""
    client, state = web
    response = client.post("/journal/new", data={"body": "From an old page."})
    assert response.status_code == 303
    assert re.fullmatch(r"/journal/\d+\?saved=1", response.headers["location"])
    with state.session() as session:
        assert journal.count_entries(session, ME) == 1


def test_a_made_up_token_is_no_token(web: Client) -> None:
    client, state = web
    for token in ("x", "<script>", "a" * 200):
        response = client.post("/journal/new", data={"body": token, "form_token": token})
        assert response.status_code == 303
    with state.session() as session:
        assert journal.count_entries(session, ME) == 3


def test_another_rendering_of_the_form_saves_again(web: Client) -> None:
    """Opening the form again and sending the same words is a new check-in."""
    client, state = web
    data = {"emotion": "calm", "intensity-calm": "5"}
    for _ in range(2):
        token = token_in(client.get("/check-in").text, "/check-in")
        response = client.post("/check-in", data={**data, "form_token": token})
        assert "already" not in response.headers["location"]
    with state.session() as session:
        assert checkin.count_check_ins(session, ME) == 2


def test_the_same_form_changed_is_saved(web: Client) -> None:
    """Back to change something, then Save: nothing typed is thrown away."""
    client, state = web
    token = token_in(client.get("/journal/new").text, "/journal/new")
    client.post("/journal/new", data={"body": "First try.", "form_token": token})
    changed = {"body": "First try, with a change.", "form_token": token}
    response = client.post("/journal/new", data=changed)
    assert re.fullmatch(r"/journal/\d+\?saved=1", response.headers["location"])
    again = client.post("/journal/new", data=changed)
    assert again.headers["location"] == response.headers["location"].replace("saved", "already")
    with state.session() as session:
        assert journal.count_entries(session, ME) == 2


def test_a_form_sent_back_with_a_note_keeps_its_token(web: Client) -> None:
    """A form shown again to fix something keeps its token: fixed, saved, then sent once more
    (the browser's "send again"), it is still one entry."""
    client, state = web
    token = token_in(client.get("/journal/new").text, "/journal/new")
    refused = client.post("/journal/new", data={"body": " ", "title": "Mine", "form_token": token})
    assert refused.status_code == 422
    assert token_in(refused.text, "/journal/new") == token

    fixed = {"body": "Now with words.", "title": "Mine", "form_token": token}
    assert client.post("/journal/new", data=fixed).status_code == 303
    resent = client.post("/journal/new", data=fixed)
    assert resent.status_code == 303
    assert resent.headers["location"].endswith("?already=1")
    with state.session() as session:
        assert journal.count_entries(session, ME) == 1


def test_sent_again_after_the_entry_was_deleted_goes_to_the_list(web: Client) -> None:
    client, state = web
    token = token_in(client.get("/trigger-log/new").text, "/trigger-log/new")
    data = {"trigger": "Left on read.", "form_token": token}
    first = client.post("/trigger-log/new", data=data)
    entry_id = re.fullmatch(r"/trigger-log/(\d+)\?saved=1", first.headers["location"])
    assert entry_id is not None
    client.post(f"/trigger-log/{entry_id.group(1)}/delete")

    again = client.post("/trigger-log/new", data=data)
    assert again.headers["location"] == "/trigger-log?already=1"
    assert NOTICE in client.get(again.headers["location"]).text
    with state.session() as session:
        assert trigger_log.count_entries(session, ME) == 0


def test_words_that_call_for_help_bring_the_help_card_again(web: Client) -> None:
    client, _state = web
    token = token_in(client.get("/therapy").text, "/therapy/prep")
    data = {"text": CRISIS, "form_token": token}
    assert client.post("/therapy/prep", data=data).headers["location"] == "/therapy?support=1"
    again = client.post("/therapy/prep", data=data)
    assert again.headers["location"] == "/therapy?already=1&support=1"


def test_the_notice_is_only_for_an_open_vault(locked_client: Client) -> None:
    client, _state = locked_client
    page = client.get("/help?already=1")
    assert page.status_code == 200
    assert NOTICE not in page.text
