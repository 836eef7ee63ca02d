"""Joy list pages: add, did it today (with and without htmx), move, pick one, edit, delete,
another person's items, the help card, and where step 3 and the Tools page lead."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from anchored.features.joy import service as joy
from anchored.web.state import AppState
from tests.support import NOW, PEOPLE, FakeClock

Client = tuple[TestClient, AppState]
CRISIS = "I want to end my life tonight."
HTMX = {"HX-Request": "true"}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW.timestamp())


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _add(client: TestClient, what: str, last_done: str = "") -> int:
    response = client.post(
        "/joy/new", data={"what": what, "last_done": last_done}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/joy\?added=(\d+)#add-joy", response.headers["location"])
    assert match is not None, response.headers["location"]
    return int(match.group(1))


def _names(page: str) -> list[str]:
    return re.findall(r'<span class="joy-name">([^<]*)</span>', page)


def _strangers_item(state: AppState) -> int:
    with state.session() as session:
        return joy.add_joy(session, PEOPLE.stranger, "Their own thing", now=NOW).id


def test_the_empty_list_says_what_to_write_first(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/joy").text
    assert "Your joy list is empty." in page
    assert "tea on the back step before work" in page
    assert '<label for="what">Something that brings you joy</label>' in page
    assert '<label for="last_done">When did you last do it?' in page
    assert 'id="joy-pick"' not in page  # nothing to pick from yet


def test_add_then_see_it_on_the_list(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    first = _add(client, "Sea swimming", (NOW.date() - timedelta(days=3)).isoformat())
    _add(client, "Baking bread")
    page = client.get(f"/joy?added={first}").text
    assert "Added to your list." in page
    assert _names(page) == ["Sea swimming", "Baking bread"]
    assert "Last done 3 days ago" in page
    assert "Not noted yet" in page


def test_a_refused_add_says_why_and_keeps_the_typing(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    for data, field, message in [
        ({"what": "  ", "last_done": "2026-11-02"}, "what", "a few words are enough"),
        ({"what": "Tea", "last_done": "2026-12-02"}, "last_done", "hasn't come yet"),
        ({"what": "Tea", "last_done": "last week"}, "last_done", "Use a date like"),
    ]:
        response = client.post("/joy/new", data=data)
        assert response.status_code == 422
        assert f'<p class="field-error" id="{field}-error">' in response.text
        assert escape(message) in response.text
        assert f'value="{data["last_done"]}"' in response.text
    assert _names(client.get("/joy").text) == []


def test_did_it_today_without_javascript(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    walk = _add(client, "Walk by the river")
    response = client.post(f"/joy/{walk}/done", follow_redirects=False)
    assert response.headers["location"] == f"/joy?done={walk}#joy-{walk}"
    page = client.get(response.headers["location"]).text
    assert "Noted: you did “Walk by the river” today." in page
    assert "Last done today" in page


def test_did_it_today_with_htmx_updates_the_row_in_place(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    walk = _add(client, "Walk by the river")
    fragment = client.post(f"/joy/{walk}/done", headers=HTMX).text
    assert "<html" not in fragment
    assert f'id="joy-{walk}-when" hx-swap-oob="true">Last done today<' in fragment
    assert "Noted: you did “Walk by the river” today." in fragment


def test_move_up_and_down_without_javascript(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    tea, walk, song = (_add(client, what) for what in ("Tea", "Walk", "Song"))
    response = client.post(f"/joy/{song}/move", data={"direction": "up"}, follow_redirects=False)
    assert response.headers["location"] == f"/joy#joy-{song}"
    client.post(f"/joy/{tea}/move", data={"direction": "down"})
    page = client.get("/joy").text
    assert _names(page) == ["Song", "Tea", "Walk"]
    # The first cannot go higher, the last no lower: those buttons are off.
    up, down = r'disabled><span aria-hidden="true">↑', r'disabled><span aria-hidden="true">↓'
    assert re.findall(up + r".*?\((\w+)\)", page) == ["Song"]
    assert re.findall(down + r".*?\((\w+)\)", page) == ["Walk"]
    client.post(f"/joy/{walk}/move", data={"direction": "sideways"})
    assert _names(client.get("/joy").text) == ["Song", "Tea", "Walk"]


def test_pick_one_for_me_prefers_one_not_done_lately(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    _add(client, "Done today", NOW.date().isoformat())
    old = _add(client, "Pottery class", "2026-10-01")
    page = client.get("/joy/pick").text
    assert '<p class="joy-picked">Pottery class</p>' in page
    assert "Last done on 1 Oct 2026" in page
    assert f'href="/joy/pick?not={old}#joy-pick"' in page  # "Pick another"
    another = client.get(f"/joy/pick?not={old}").text
    assert '<p class="joy-picked">Done today</p>' in another
    fragment = client.get("/joy/pick", headers=HTMX).text
    assert "<html" not in fragment
    assert '<p class="joy-picked">Pottery class</p>' in fragment


def test_pick_with_an_empty_list_says_to_add_one(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/joy/pick", headers=HTMX).text
    assert "There is nothing on your list to pick yet." in page


def test_edit_and_delete_with_confirmation(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    tea = _add(client, "Tea", "2026-11-20")
    form = client.get(f"/joy/{tea}/edit").text
    assert 'value="Tea"' in form
    assert 'value="2026-11-20"' in form
    response = client.post(
        f"/joy/{tea}/edit",
        data={"what": "Tea on the step", "last_done": ""},
        follow_redirects=False,
    )
    assert response.headers["location"] == f"/joy?saved={tea}#joy-{tea}"
    page = client.get("/joy").text
    assert _names(page) == ["Tea on the step"]
    assert "Not noted yet" in page

    refused = client.post(f"/joy/{tea}/edit", data={"what": "", "last_done": "2026-11-20"})
    assert refused.status_code == 422
    assert 'value="2026-11-20"' in refused.text

    confirm = client.get(f"/joy/{tea}/delete").text
    assert "“Tea on the step” will be deleted for good." in confirm
    deleted = client.post(f"/joy/{tea}/delete", follow_redirects=False)
    assert deleted.headers["location"] == "/joy?deleted=1"
    page = client.get("/joy?deleted=1").text
    assert "Removed from your list." in page
    assert _names(page) == []


def test_another_persons_item_is_a_404(unlocked_client: Client) -> None:
    client, state = unlocked_client
    theirs = _strangers_item(state)
    data = {"what": "Mine now", "direction": "up"}
    for method, path in [
        ("GET", "edit"),
        ("POST", "edit"),
        ("GET", "delete"),
        ("POST", "delete"),
        ("POST", "done"),
        ("POST", "move"),
    ]:
        response = client.request(method, f"/joy/{theirs}/{path}", data=data)
        assert response.status_code == 404, (method, path)
    assert "Their own thing" not in client.get("/joy").text
    with state.session() as session:
        item = joy.get_joy(session, PEOPLE.stranger, theirs)
        assert (item.what, item.last_done) == ("Their own thing", None)


def test_a_crisis_sentence_is_saved_and_the_help_card_comes_first(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    response = client.post("/joy/new", data={"what": CRISIS}, follow_redirects=False)
    location = response.headers["location"]
    assert re.fullmatch(r"/joy\?added=\d+&support=1", location)
    page = client.get(location).text
    assert page.index("Before anything else") < page.index(CRISIS)
    again = client.get("/joy").text  # the list keeps the card while it holds those words
    assert again.index("Before anything else") < again.index(CRISIS)


def test_step_three_and_the_tools_page_lead_here(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    _add(client, "Sea swimming")
    step = client.get("/programme/3").text
    assert re.search(r'<a class="action" href="/joy"><span class="action-title">', step)
    assert '<a href="/joy#joy-' in step  # the list, under what I wrote for this step
    tools = client.get("/tools").text
    assert 'href="/joy"' in tools


def test_the_add_form_sent_twice_saves_once(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    form = re.search(
        r'<form method="post" action="/joy/new">(.*?)</form>', client.get("/joy").text, re.S
    )
    assert form is not None
    token = re.search(r'name="form_token" value="([^"]+)"', form.group(1))
    assert token is not None
    data = {"what": "Sea swimming", "last_done": "", "form_token": token.group(1)}
    first = client.post("/joy/new", data=data, follow_redirects=False)
    again = client.post("/joy/new", data=data, follow_redirects=False)
    item = re.fullmatch(r"/joy\?added=(\d+)#add-joy", first.headers["location"])
    assert item is not None
    assert again.headers["location"] == f"/joy?already=1#joy-{item.group(1)}"
    page = client.get(again.headers["location"]).text
    assert "saved a second time" in page
    assert _names(page) == ["Sea swimming"]
