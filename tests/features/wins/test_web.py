"""Wins pages: log, read, edit, delete with confirmation, affirmations with starters, "look how
far you've come", another owner's records, the help card."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from anchored.core.owner import PERSONAL_OWNER as ME
from anchored.features.wins import service as wins
from anchored.features.wins.content import load_starters
from anchored.web.state import AppState
from tests.support import NOW, FakeClock, People

Client = tuple[TestClient, AppState]
CRISIS = "I don't want to be here anymore."


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW.timestamp())


def post(client: TestClient, path: str, **data: str) -> str:
    response = client.post(path, data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def log_win(client: TestClient, text: str, **more: str) -> int:
    token = re.search(r'name="form_token" value="([^"]+)"', client.get("/wins/new").text)
    assert token is not None
    location = post(client, "/wins/new", text=text, form_token=token.group(1), **more)
    match = re.fullmatch(r"/wins/(\d+)\?saved=1", location)
    assert match is not None, location
    return int(match.group(1))


def test_the_empty_pages_say_what_to_write_first(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    assert "Log your first win" in client.get("/wins").text
    assert "You haven't written one yet" in client.get("/wins/affirmations").text
    far = client.get("/wins/far")
    assert far.status_code == 200
    assert "Once you log a few wins" in far.text


def test_log_a_win_then_read_edit_and_delete_it(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    form = client.get("/wins/new").text
    assert 'name="day" value="2026-12-01"' in form
    win_id = log_win(
        client, "Waited an hour before checking.", took="A slow breath", day="2026-11-28"
    )
    page = client.get(f"/wins/{win_id}?saved=1").text
    assert "Saved. That's a win worth noticing." in page
    assert "Waited an hour before checking." in page
    assert "A slow breath" in page
    assert "Saturday 28 November 2026" in page
    assert "Waited an hour before checking." in client.get("/wins").text

    edit = client.get(f"/wins/{win_id}/edit").text
    assert 'value="2026-11-28"' in edit
    post(client, f"/wins/{win_id}/edit", text="Waited two hours.", took="", day="2026-11-28")
    assert "Waited two hours." in client.get(f"/wins/{win_id}").text

    confirm = client.get(f"/wins/{win_id}/delete").text
    assert "Delete this win?" in confirm
    assert post(client, f"/wins/{win_id}/delete") == "/wins?deleted=1"
    assert client.get(f"/wins/{win_id}").status_code == 404
    assert "The win was deleted." in client.get("/wins?deleted=1").text


def test_a_wrong_win_keeps_what_was_written(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    response = client.post("/wins/new", data={"text": "", "took": "Courage", "day": "2030-01-01"})
    assert response.status_code == 422
    assert "an empty win is not saved" in response.text
    assert "That day hasn&#39;t come yet" in response.text
    assert ">Courage</textarea>" in response.text


def test_the_same_form_sent_twice_saves_one_win(unlocked_client: Client) -> None:
    client, state = unlocked_client
    token = re.search(r'name="form_token" value="([^"]+)"', client.get("/wins/new").text)
    assert token is not None
    data = {"text": "Said no kindly.", "took": "", "day": "", "form_token": token.group(1)}
    first = post(client, "/wins/new", **data)
    again = post(client, "/wins/new", **data)
    assert again.startswith(first.split("?")[0])
    with state.session() as session:
        assert wins.count_wins(session, ME) == 1


def test_crisis_language_in_a_win_shows_the_help_card(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    location = post(client, "/wins/new", text="Got out of bed.", took=CRISIS, day="")
    assert location.endswith("support=1")
    page = client.get(location).text
    assert "support-card" in page
    # Read again later, it still puts help first.
    assert "support-card" in client.get(location.split("?")[0]).text


def test_another_owners_records_are_404(unlocked_client: Client, people: People) -> None:
    client, state = unlocked_client
    with state.session() as session:
        win_id = wins.add_win(session, people.stranger, "Theirs", now=NOW).id
        item_id = wins.add_affirmation(session, people.stranger, "Theirs too", now=NOW).id
    for path in (f"/wins/{win_id}", f"/wins/{win_id}/edit", f"/wins/{win_id}/delete"):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/wins/{win_id}/delete").status_code == 404
    for path in (f"/wins/affirmations/{item_id}/edit", f"/wins/affirmations/{item_id}/delete"):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/wins/affirmations/{item_id}/delete").status_code == 404
    with state.session() as session:
        assert wins.get_win(session, people.stranger, win_id).text == "Theirs"


def test_a_starter_goes_into_the_box_and_is_saved_only_when_saved(unlocked_client: Client) -> None:
    client, state = unlocked_client
    starter = load_starters().starters[1]
    page = client.get("/wins/affirmations?starter=1").text
    assert f">{starter}</textarea>" in page.replace("&#39;", "'")
    with state.session() as session:
        assert wins.list_affirmations(session, ME) == []
    assert client.get("/wins/affirmations?starter=99").status_code == 200


def test_affirmations_are_written_edited_and_deleted(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    location = post(client, "/wins/affirmations/new", text="I am allowed to take my time.")
    match = re.fullmatch(r"/wins/affirmations\?saved=1#affirmation-(\d+)", location)
    assert match is not None
    item_id = match.group(1)
    page = client.get("/wins/affirmations").text
    assert f'id="affirmation-{item_id}"' in page
    assert "I am allowed to take my time." in page
    post(client, f"/wins/affirmations/{item_id}/edit", text="I can take my time.")
    assert "I can take my time." in client.get("/wins/affirmations").text
    assert "Delete this affirmation?" in client.get(f"/wins/affirmations/{item_id}/delete").text
    assert post(client, f"/wins/affirmations/{item_id}/delete") == "/wins/affirmations?deleted=1"
    assert "I can take my time." not in client.get("/wins/affirmations").text
    empty = client.post("/wins/affirmations/new", data={"text": " "})
    assert empty.status_code == 422
    assert "an empty affirmation is not saved" in empty.text


def test_how_far_you_have_come_shows_months_and_a_handful(unlocked_client: Client) -> None:
    client, state = unlocked_client
    with state.session() as session:
        for number, day in enumerate(("2026-08-10", "2026-10-02", "2026-10-20")):
            wins.add_win(session, ME, f"Win number {number}", day=day, now=NOW)
    page = client.get("/wins/far").text
    rows = re.findall(r'<th scope="row">([^<]+)</th>.*?wins-count">(\d+)<', page, re.DOTALL)
    assert rows == [("August 2026", "1"), ("September 2026", "0"), ("October 2026", "2")]
    assert all(f"Win number {n}" in page for n in range(3))
    assert "You have logged 3 wins." in page
    assert "Show me others" not in page  # all three are shown already
    assert client.get("/wins/far?turn=junk").status_code == 200
