"""Scripts pages: build, read with the words to copy and the gentle checks, edit, delete,
rehearse; what wrong input shows; another person's script; the help card."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from anchored.features.scripts import service as scripts
from anchored.features.scripts.service import ScriptAnswers
from anchored.web.state import AppState
from tests.support import NOW, PEOPLE

Client = tuple[TestClient, AppState]
CRISIS = "I can't go on like this. I want to end my life."
NEED = {
    "kind": "need",
    "situation": "You came home two hours late",
    "feeling": "Anxious",
    "need": "to know you're safe",
    "request": "send a quick text if you'll be late",
    "title": "Late evenings",
}


def _save(client: TestClient, **fields: str) -> int:
    response = client.post("/scripts/new", data=fields, follow_redirects=False)
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/scripts/(\d+)\?saved=1", response.headers["location"])
    assert match is not None, response.headers["location"]
    return int(match.group(1))


def _error(page: str, field: str) -> str:
    match = re.search(rf'id="{field}-error">([^<]*)<', page)
    assert match is not None, f"no message next to {field}"
    return match.group(1)


def test_empty_list_offers_the_three_kinds_and_an_example(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/scripts").text
    for kind in ("need", "boundary", "repair"):
        assert f'href="/scripts/new?kind={kind}"' in page
    assert "No scripts yet." in page
    assert "For example:" in page


@pytest.mark.parametrize(
    ("kind", "labels"),
    [
        ("need", ["What happened? (facts only)", "What do I feel?", "What would I like them"]),
        ("boundary", ["When does it happen?", "What will I do?"]),
        ("repair", ["What did I do?", "What was I feeling underneath?", "What would I like next"]),
    ],
)
def test_each_kind_asks_its_own_questions_with_labels(
    unlocked_client: Client, kind: str, labels: list[str]
) -> None:
    client, _state = unlocked_client
    page = client.get(f"/scripts/new?kind={kind}").text
    for label in labels:
        assert label in page
    assert f'<input type="hidden" name="kind" value="{kind}">' in page
    assert 'name="form_token"' in page
    for field in re.findall(r'<textarea id="(\w+)"', page):
        assert f'<label for="{field}">' in page


def test_build_then_read_the_words_and_rehearse(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    script_id = _save(client, **NEED)
    page = client.get(f"/scripts/{script_id}?saved=1").text
    assert 'role="status">Saved.' in page
    assert str(escape("When you came home two hours late, I feel anxious.")) in page
    assert "Would you be willing to send a quick text" in page
    assert "A gentle suggestion" not in page
    assert "data-copy" in page  # a Copy button, shown by the script
    assert "Not rehearsed yet." in page
    assert "Before anything else" not in page

    rehearse = client.get(f"/scripts/{script_id}/rehearse").text
    assert "Take 30 seconds" in rehearse  # the note without JavaScript
    assert '<label for="felt">' in rehearse
    response = client.post(
        f"/scripts/{script_id}/rehearse", data={"felt": "4"}, follow_redirects=False
    )
    assert response.headers["location"] == f"/scripts/{script_id}?rehearsed=1#rehearsals"
    after = client.get(f"/scripts/{script_id}?rehearsed=1").text
    assert "Your rehearsal is noted." in after
    assert "<td>4</td>" in after
    listed = client.get("/scripts").text
    assert f'<a href="/scripts/{script_id}">Late evenings</a>' in listed


def test_blaming_words_get_a_gentle_suggestion(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    script_id = _save(
        client, kind="boundary", situation="U NEVER answer and you make me panic", request="wait"
    )
    page = client.get(f"/scripts/{script_id}").text
    assert "A gentle suggestion" in page
    assert "can sound like a verdict" in page
    assert "puts your feeling in their hands" in page
    assert "Only a suggestion" in page


def test_missing_answers_are_explained_and_nothing_typed_is_lost(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post(
        "/scripts/new", data={"kind": "need", "situation": "You never call", "feeling": ""}
    )
    assert response.status_code == 422
    assert "Write a few words here" in _error(response.text, "feeling")
    assert "Write a few words here" in _error(response.text, "request")
    assert ">You never call</textarea>" in response.text
    assert "can sound like a verdict" in response.text  # the checks help while fixing
    assert "No scripts yet." in client.get("/scripts").text


def test_edit_changes_the_words_and_delete_asks_first(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    script_id = _save(client, **NEED)
    form = client.get(f"/scripts/{script_id}/edit").text
    assert f'action="/scripts/{script_id}/edit"' in form
    assert ">You came home two hours late</textarea>" in form
    response = client.post(
        f"/scripts/{script_id}/edit",
        data={**NEED, "feeling": "lonely", "title": ""},
        follow_redirects=False,
    )
    assert response.headers["location"] == f"/scripts/{script_id}?saved=1"
    page = client.get(f"/scripts/{script_id}").text
    assert "I feel lonely." in page

    confirm = client.get(f"/scripts/{script_id}/delete").text
    assert "Delete this script?" in confirm
    response = client.post(f"/scripts/{script_id}/delete", follow_redirects=False)
    assert response.headers["location"] == "/scripts?deleted=1"
    assert "The script was deleted." in client.get("/scripts?deleted=1").text
    assert client.get(f"/scripts/{script_id}").status_code == 404


def test_a_rehearsal_needs_a_number_from_0_to_10(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    script_id = _save(client, **NEED)
    response = client.post(f"/scripts/{script_id}/rehearse", data={"felt": "12"})
    assert response.status_code == 422
    assert "from 0 to 10" in _error(response.text, "felt")
    assert "Not rehearsed yet." in client.get(f"/scripts/{script_id}").text


def test_another_persons_script_is_a_404(unlocked_client: Client) -> None:
    client, state = unlocked_client
    with state.session() as session:
        theirs = scripts.add_script(
            session, PEOPLE.stranger, ScriptAnswers("need", "a", "b", "", "c"), now=NOW
        ).id
    for method, path in [
        ("GET", f"/scripts/{theirs}"),
        ("GET", f"/scripts/{theirs}/edit"),
        ("POST", f"/scripts/{theirs}/edit"),
        ("GET", f"/scripts/{theirs}/rehearse"),
        ("POST", f"/scripts/{theirs}/rehearse"),
        ("GET", f"/scripts/{theirs}/delete"),
        ("POST", f"/scripts/{theirs}/delete"),
        ("GET", "/scripts/99999999999999999999999"),
    ]:
        response = client.request(method, path, data={"situation": "x", "felt": "3"})
        assert response.status_code == 404, (method, path)


def test_crisis_words_save_and_put_the_card_first(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post("/scripts/new", data={**NEED, "feeling": CRISIS}, follow_redirects=False)
    location = response.headers["location"]
    assert re.fullmatch(r"/scripts/\d+\?saved=1&support=1", location)
    page = client.get(location.split("?")[0]).text
    assert page.index("Before anything else") < page.index("Your words")
