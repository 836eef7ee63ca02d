"""Support people pages: add, read, edit, delete, reorder, the reach-out helper; what wrong
input shows; another owner's record is a 404; crisis words bring the help card."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from anchored.features.people import service as people
from anchored.features.people.service import Details
from anchored.web.state import AppState
from tests.support import NOW, PEOPLE

Client = tuple[TestClient, AppState]
SAM = {
    "name": "Sam",
    "kind": "person",
    "phone": "07700 900123",
    "email": "sam@example.com",
    "good_for": ["listening", "partner"],
    "note": "Text first; works nights.",
}
CRISIS = "I want to end my life tonight."


def _add(client: TestClient, **fields: object) -> int:
    response = client.post("/people/new", data={**SAM, **fields}, follow_redirects=False)
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/people/(\d+)\?saved=1", response.headers["location"])
    assert match is not None
    return int(match.group(1))


def _names(page: str) -> list[str]:
    return re.findall(r'<h2><a href="/people/\d+">([^<]+)</a>', page)


def test_empty_list_says_what_to_add_first_with_an_example(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/people").text
    assert "Nobody here yet" in page
    assert "For example" in page
    assert 'href="/people/new"' in page
    assert 'href="/people/new?kind=group"' in page
    assert "A group" in client.get("/people/new?kind=group").text


def test_add_then_read_with_call_text_and_email_links(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    form = client.get("/people/new").text
    assert 'name="form_token"' in form
    labels = ("Name", "Phone", "Email", "When it&#39;s about my partner", "A note for yourself")
    for label in labels:
        assert label in form
    person_id = _add(client)
    page = client.get(f"/people/{person_id}?saved=1").text
    assert "Saved." in page
    assert "<h1>Sam</h1>" in page
    assert 'href="tel:07700900123"' in page
    assert 'href="sms:07700900123"' in page
    assert 'href="mailto:sam@example.com"' in page
    assert "Listening · When it&#39;s about my partner" in page
    assert "Text first; works nights." in page
    listing = client.get("/people").text
    assert _names(listing) == ["Sam"]
    assert "Call 07700 900123" in listing


def test_the_same_form_sent_twice_saves_once(unlocked_client: Client) -> None:
    client, state = unlocked_client
    token = re.search(r'name="form_token" value="([^"]+)"', client.get("/people/new").text)
    assert token is not None
    data = {**SAM, "form_token": token.group(1)}
    first = client.post("/people/new", data=data, follow_redirects=False)
    again = client.post("/people/new", data=data, follow_redirects=False)
    assert first.status_code == again.status_code == 303
    with state.session() as session:
        assert people.count_people(session, PEOPLE.me) == 1


def test_wrong_phone_and_email_are_explained_and_nothing_is_lost(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post("/people/new", data={**SAM, "phone": "ring me", "email": "sam@home"})
    assert response.status_code == 422
    assert "Nothing was lost" in response.text
    assert 'id="phone-error"' in response.text
    assert 'id="email-error"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert 'value="ring me"' in response.text  # kept in the box to fix
    assert 'value="sam@home"' in response.text
    assert f">{escape(SAM['note'])}</textarea>" in response.text
    assert re.search(r'value="partner" checked', response.text)
    assert "Nobody here yet" in client.get("/people").text


def test_edit_changes_the_details(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    person_id = _add(client)
    form = client.get(f"/people/{person_id}/edit").text
    assert 'value="07700 900123"' in form
    assert re.search(r'value="listening" checked', form)
    response = client.post(
        f"/people/{person_id}/edit",
        data={**SAM, "name": "Sam K", "phone": "", "good_for": ["practical"]},
        follow_redirects=False,
    )
    assert response.headers["location"] == f"/people/{person_id}?saved=1"
    page = client.get(f"/people/{person_id}").text
    assert "<h1>Sam K</h1>" in page
    assert "tel:" not in page
    assert "Practical help" in page


def test_delete_asks_first_on_its_own_page(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    person_id = _add(client)
    confirm = client.get(f"/people/{person_id}/delete").text
    assert "Take Sam off your list?" in confirm
    assert f'action="/people/{person_id}/delete"' in confirm
    assert client.get(f"/people/{person_id}").status_code == 200
    response = client.post(f"/people/{person_id}/delete", follow_redirects=False)
    assert response.headers["location"] == "/people?deleted=1"
    assert "taken off your list" in client.get("/people?deleted=1").text
    assert client.get(f"/people/{person_id}").status_code == 404


def test_reorder_moves_one_place_and_comes_back_to_them(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    ids = [_add(client, name=name) for name in ("Sam", "Maya", "Jo")]
    page = client.get("/people").text
    assert 'Move up<span class="visually-hidden">: Sam<' not in page  # first: nowhere to go
    assert 'Move down<span class="visually-hidden">: Jo<' not in page
    assert 'Move up<span class="visually-hidden">: Jo<' in page
    response = client.post(
        f"/people/{ids[2]}/move", data={"direction": "up"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/people#person-{ids[2]}"
    assert _names(client.get("/people").text) == ["Sam", "Jo", "Maya"]
    client.post(f"/people/{ids[0]}/move", data={"direction": "down"})
    client.post(f"/people/{ids[0]}/move", data={"direction": "sideways"})
    assert _names(client.get("/people").text) == ["Jo", "Sam", "Maya"]


def test_crisis_words_bring_the_help_card_and_keep_it_in_view(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post("/people/new", data={**SAM, "note": CRISIS}, follow_redirects=False)
    assert "support=1" in response.headers["location"]
    page = client.get(response.headers["location"]).text
    assert "Before anything else" in page
    person_id = int(re.findall(r"/people/(\d+)", response.headers["location"])[0])
    assert "Before anything else" in client.get(f"/people/{person_id}").text


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/people/{id}"),
        ("GET", "/people/{id}/edit"),
        ("POST", "/people/{id}/edit"),
        ("GET", "/people/{id}/delete"),
        ("POST", "/people/{id}/delete"),
        ("POST", "/people/{id}/move"),
        ("GET", "/people/4242"),
        ("GET", "/people/abc"),
    ],
)
def test_someone_elses_or_a_missing_person_is_a_404(
    unlocked_client: Client, method: str, path: str
) -> None:
    client, state = unlocked_client
    with state.session() as session:
        theirs = people.add_person(session, PEOPLE.stranger, Details("Theirs"), now=NOW).id
    response = client.request(
        method, path.format(id=theirs), data={"name": "Mine now", "direction": "up"}
    )
    assert response.status_code == 404
    with state.session() as session:
        assert people.get_person(session, PEOPLE.stranger, theirs).name == "Theirs"


# -- the reach-out helper -------------------------------------------------------------------------


def test_reach_out_puts_a_message_together_to_copy(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    person_id = _add(client)
    form = client.get(f"/people/reach-out?to={person_id}").text
    assert f'<option value="{person_id}" selected>Sam</option>' in form
    assert '<script src="/static/people/people.js" defer></script>' in form
    page = client.post(
        "/people/reach-out",
        data={"to": str(person_id), "share": "Rough night, feeling alone.", "ask": "listen"},
    )
    assert page.status_code == 200
    assert "Your message to Sam" in page.text
    message = re.search(r'<textarea id="message"[^>]*>([^<]*)</textarea>', page.text)
    assert message is not None
    assert message.group(1) == (
        "Hi Sam,\n\nRough night, feeling alone.\n\n"
        "Could you just listen for a bit? You don&#39;t need to fix anything."
    )
    assert "hidden>Copy the message</button>" in page.text  # shown by the script only
    assert 'href="sms:07700900123"' in page.text
    assert "Nothing was sent and nothing was kept" in page.text
    assert client.get("/static/people/people.js").status_code == 200


def test_reach_out_without_anyone_yet_still_works(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    assert "add someone" in client.get("/people/reach-out").text
    page = client.post("/people/reach-out", data={"share": "Hard day.", "ask": ""}).text
    assert "Hi,\n\nHard day.</textarea>" in page


def test_reach_out_with_nothing_to_share_is_explained(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post("/people/reach-out", data={"share": "  ", "ask": "listen"})
    assert response.status_code == 422
    assert 'id="share-error"' in response.text
    assert 'value="listen" checked' in response.text
    assert 'id="message"' not in response.text


def test_reach_out_with_crisis_words_shows_the_help_card(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.post("/people/reach-out", data={"share": CRISIS}).text
    assert "Before anything else" in page
    assert page.index("Before anything else") < page.index("Your message")


def test_someone_elses_person_cannot_be_picked_for_a_message(unlocked_client: Client) -> None:
    client, state = unlocked_client
    with state.session() as session:
        theirs = people.add_person(
            session, PEOPLE.stranger, Details("Theirs", phone="07700 900999"), now=NOW
        ).id
    form = client.get(f"/people/reach-out?to={theirs}").text
    assert "Theirs" not in form
    response = client.post("/people/reach-out", data={"to": str(theirs), "share": "Hi"})
    assert response.status_code == 422
    assert "07700 900999" not in response.text


def test_step_twelve_opens_the_people_and_the_helper(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    _add(client, name="Walking group", kind="group")
    page = client.get("/programme/12").text
    assert 'href="/people"' in page
    assert 'href="/people/reach-out"' in page
    assert "Walking group" in page
