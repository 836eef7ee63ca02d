"""Resilience memories pages: write, read, list, edit, delete, another person's memory, the
help card, and the gentle prompts."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from markupsafe import escape

from anchored.features.resilience import service as resilience
from anchored.features.resilience.prompts import load_prompts
from anchored.features.resilience.rules import MemoryText
from anchored.web.state import AppState
from tests.support import NOW, PEOPLE

Client = tuple[TestClient, AppState]
CRISIS = "I want to end my life tonight."


def _save(client: TestClient, **fields: str) -> int:
    response = client.post("/resilience/new", data=fields, follow_redirects=False)
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/resilience/(\d+)\?saved=1", response.headers["location"])
    assert match is not None, response.headers["location"]
    return int(match.group(1))


def test_the_empty_list_says_what_to_write_first_and_offers_prompts(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    page = client.get("/resilience").text
    assert "Nothing here yet." in page
    assert "I walked to the same café every morning" in page
    assert "Every one counts" in page
    assert escape(load_prompts().prompts[0].text) in page
    form = client.get("/resilience/new").text
    for field, label in [
        ("happened", "What happened?"),
        ("did", "What did you do to get through it?"),
        ("shows", "What does it show about you?"),
    ]:
        assert f'<label for="{field}">{escape(label)}' in form
    assert "Need help remembering?" in form


def test_write_then_read_then_list(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    memory_id = _save(
        client, happened="A lonely winter.", did="Swam twice a week.", shows="I find my way."
    )
    page = client.get(f"/resilience/{memory_id}?saved=1").text
    assert "Saved." in page
    for text in ("A lonely winter.", "Swam twice a week.", "I find my way."):
        assert text in page
    second = _save(client, happened="A job interview.")
    assert "Not written yet." in client.get(f"/resilience/{second}").text
    listed = client.get("/resilience").text
    assert re.findall(r'<a href="/resilience/(\d+)">', listed) == [str(second), str(memory_id)]
    assert "What it shows:</span> I find my way." in listed


def test_an_empty_memory_is_explained_and_the_rest_kept(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post("/resilience/new", data={"happened": " ", "did": "Kept going."})
    assert response.status_code == 422
    assert '<p class="field-error" id="happened-error">' in response.text
    assert ">Kept going.</textarea>" in response.text
    assert "Nothing here yet." in client.get("/resilience").text


def test_edit_and_delete_with_confirmation(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    memory_id = _save(client, happened="A lonely winter.")
    form = client.get(f"/resilience/{memory_id}/edit").text
    assert ">A lonely winter.</textarea>" in form
    response = client.post(
        f"/resilience/{memory_id}/edit",
        data={"happened": "A lonely winter.", "shows": "I can be my own company."},
        follow_redirects=False,
    )
    assert response.headers["location"] == f"/resilience/{memory_id}?saved=1"
    assert "I can be my own company." in client.get(f"/resilience/{memory_id}").text

    confirm = client.get(f"/resilience/{memory_id}/delete").text
    assert "will be deleted for good" in confirm
    deleted = client.post(f"/resilience/{memory_id}/delete", follow_redirects=False)
    assert deleted.headers["location"] == "/resilience?deleted=1"
    assert client.get(f"/resilience/{memory_id}").status_code == 404
    assert "The memory was deleted." in client.get("/resilience?deleted=1").text


def test_another_persons_memory_is_a_404(unlocked_client: Client) -> None:
    client, state = unlocked_client
    with state.session() as session:
        theirs = resilience.add_memory(
            session, PEOPLE.stranger, MemoryText("Their own winter."), now=NOW
        ).id
    for method, path in [
        ("GET", ""),
        ("GET", "/edit"),
        ("POST", "/edit"),
        ("GET", "/delete"),
        ("POST", "/delete"),
    ]:
        response = client.request(method, f"/resilience/{theirs}{path}", data={"happened": "x"})
        assert response.status_code == 404, (method, path)
    assert "Their own winter." not in client.get("/resilience").text
    with state.session() as session:
        assert resilience.get_memory(session, PEOPLE.stranger, theirs).happened == (
            "Their own winter."
        )


def test_a_crisis_sentence_is_saved_and_the_help_card_comes_first(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    response = client.post(
        "/resilience/new",
        data={"happened": "A hard spring.", "did": CRISIS},
        follow_redirects=False,
    )
    location = response.headers["location"]
    assert re.fullmatch(r"/resilience/\d+\?saved=1&support=1", location)
    page = client.get(location).text
    assert page.index("Before anything else") < page.index(CRISIS)
    again = client.get(location.split("?", 1)[0]).text
    assert again.index("Before anything else") < again.index(CRISIS)


def test_step_three_opens_the_form(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    step = client.get("/programme/3").text
    assert re.search(r'<a class="action" href="/resilience/new"><span class="action-title">', step)
    assert '<a href="/resilience">Your resilience memories</a>' in step


def test_the_form_sent_twice_saves_once(unlocked_client: Client) -> None:
    client, state = unlocked_client
    token = re.search(r'name="form_token" value="([^"]+)"', client.get("/resilience/new").text)
    assert token is not None
    data = {"happened": "A lonely winter.", "form_token": token.group(1)}
    first = client.post("/resilience/new", data=data, follow_redirects=False)
    again = client.post("/resilience/new", data=data, follow_redirects=False)
    memory = re.fullmatch(r"/resilience/(\d+)\?saved=1", first.headers["location"])
    assert memory is not None
    assert again.headers["location"] == f"/resilience/{memory.group(1)}?already=1"
    with state.session() as session:
        assert resilience.count_memories(session, PEOPLE.me) == 1
