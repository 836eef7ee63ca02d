"""Trigger log pages: write, list, read, edit, delete, from a pause; what wrong input shows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from anchored.features import FEATURES
from anchored.features.pause.models import PauseEpisode
from anchored.features.trigger_log import service as trigger_log
from anchored.manifest import Registry
from anchored.web.app import create_app
from anchored.web.deps import current_owner
from anchored.web.state import AppState
from tests.support import BASE_URL, PORT, launch, onboard, unlock_for

Client = tuple[TestClient, AppState]
CRISIS = "I can't go on like this. I want to end my life."
ANSWERS = {
    "trigger": "He said he'd call at eight & didn't.",
    "origin": "Dad's promises.",
    "usual_response": "Message after message.",
    "new_response": "Wait twenty minutes, then one calm message.",
}


def _save(client: TestClient, **fields: str) -> int:
    response = client.post("/trigger-log/new", data=fields, follow_redirects=False)
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/trigger-log/(\d+)\?saved=1", response.headers["location"])
    assert match is not None
    return int(match.group(1))


def _episode(state: AppState, owner_id: int = 1, **fields: str) -> int:
    now = state.now()
    with state.session() as session:
        episode = PauseEpisode(
            owner_id=owner_id,
            started_at=now,
            ends_at=now + timedelta(minutes=20),
            planned_minutes=20,
            status="finished",
            **fields,
        )
        session.add(episode)
        session.flush()
        return episode.id


def _error(page: str, field: str) -> str:
    match = re.search(rf'id="{field}-error">([^<]*)<', page)
    assert match is not None, f"no message next to {field}"
    return match.group(1)


# -- the pages ---------------------------------------------------------------------------------


def test_empty_log_explains_itself(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/trigger-log")
    assert page.status_code == 200
    assert "<h1>Trigger log</h1>" in page.text
    assert "A trigger is anything that sets off the fear" in page.text
    assert 'href="/trigger-log/new"' in page.text


def test_form_has_a_label_for_every_field_and_states_the_limit(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/trigger-log/new").text
    for field in ANSWERS:
        assert f'<label for="{field}">' in page
        assert f'id="{field}" name="{field}"' in page
    assert "up to 5,000 characters" in page
    assert 'name="episode_id"' not in page


def test_write_then_read(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    entry_id = _save(client, **ANSWERS)
    page = client.get(f"/trigger-log/{entry_id}?saved=1").text
    assert 'role="status">Saved.' in page
    for answer in ANSWERS.values():
        assert str(escape(answer)) in page
    assert "Before anything else" not in page


def test_unanswered_questions_say_so(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    entry_id = _save(client, trigger="Left on read.")
    assert client.get(f"/trigger-log/{entry_id}").text.count("Not written yet.") == 3


def test_list_is_newest_first(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    ids = [_save(client, trigger=f"trigger number {n}") for n in range(3)]
    page = client.get("/trigger-log").text
    assert [int(i) for i in re.findall(r'<a href="/trigger-log/(\d+)">', page)] == ids[::-1]
    assert "A trigger is anything" not in page


def test_more_than_a_page(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    for n in range(21):
        _save(client, trigger=f"t{n}")
    first = client.get("/trigger-log").text
    assert 'href="/trigger-log?page=2"' in first
    second = client.get("/trigger-log?page=2").text
    assert len(re.findall(r'<a href="/trigger-log/\d+">', second)) == 1
    # A page that does not exist: the nearest one that does.
    assert client.get("/trigger-log?page=999").text == second
    assert client.get("/trigger-log?page=0").text == first


def test_edit_changes_the_entry(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    entry_id = _save(client, trigger="before")
    form = client.get(f"/trigger-log/{entry_id}/edit").text
    assert ">before</textarea>" in form
    assert f'action="/trigger-log/{entry_id}/edit"' in form
    response = client.post(
        f"/trigger-log/{entry_id}/edit", data={**ANSWERS}, follow_redirects=False
    )
    assert response.headers["location"] == f"/trigger-log/{entry_id}?saved=1"
    assert str(escape(ANSWERS["new_response"])) in client.get(f"/trigger-log/{entry_id}").text


def test_delete_asks_first_then_deletes(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    entry_id = _save(client, trigger="to be deleted")
    confirm = client.get(f"/trigger-log/{entry_id}/delete").text
    assert "Delete this entry?" in confirm
    assert "to be deleted" in confirm
    assert client.get(f"/trigger-log/{entry_id}").status_code == 200
    response = client.post(f"/trigger-log/{entry_id}/delete", follow_redirects=False)
    assert response.headers["location"] == "/trigger-log?deleted=1"
    assert "The entry was deleted." in client.get("/trigger-log?deleted=1").text
    assert client.get(f"/trigger-log/{entry_id}").status_code == 404


# -- input a person can fix: nothing typed is lost ---------------------------------------------


def test_empty_trigger_is_explained_next_to_it_and_the_rest_kept(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post("/trigger-log/new", data={**ANSWERS, "trigger": "  "})
    assert response.status_code == 422
    assert "Write what set it off first" in _error(response.text, "trigger")
    assert 'aria-invalid="true"' in response.text
    assert f">{escape(ANSWERS['origin'])}</textarea>" in response.text
    assert f">{escape(ANSWERS['new_response'])}</textarea>" in response.text
    assert "A trigger is anything" in client.get("/trigger-log").text


def test_over_long_text_names_the_limit_and_is_kept(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    long = "w" * 5_001
    response = client.post("/trigger-log/new", data={"trigger": "ok", "usual_response": long})
    assert response.status_code == 422
    assert "5,000" in _error(response.text, "usual_response")
    assert f">{long}</textarea>" in response.text
    assert ">ok</textarea>" in response.text


def test_invalid_edit_keeps_the_typing_and_the_old_entry(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    entry_id = _save(client, trigger="original words")
    response = client.post(
        f"/trigger-log/{entry_id}/edit", data={"trigger": "", "origin": "new words"}
    )
    assert response.status_code == 422
    assert ">new words</textarea>" in response.text
    assert "original words" in client.get(f"/trigger-log/{entry_id}").text


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/trigger-log/4242"),
        ("GET", "/trigger-log/4242/edit"),
        ("POST", "/trigger-log/4242/edit"),
        ("GET", "/trigger-log/4242/delete"),
        ("POST", "/trigger-log/4242/delete"),
        ("GET", "/trigger-log/99999999999999999999999"),
        ("GET", "/trigger-log/abc"),
        ("GET", "/trigger-log/0"),
    ],
)
def test_unknown_entry_is_a_calm_404(unlocked_client: Client, method: str, path: str) -> None:
    client, _state = unlocked_client
    response = client.request(method, path, data={"trigger": "text"})
    assert response.status_code == 404
    assert "We couldn't find that page" in response.text


# -- the help card -----------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["trigger", "new_response"])
def test_crisis_language_saves_and_puts_the_card_first(unlocked_client: Client, field: str) -> None:
    client, _state = unlocked_client
    data = {"trigger": "A hard evening.", field: CRISIS}
    response = client.post("/trigger-log/new", data=data, follow_redirects=False)
    assert response.status_code == 303
    location = response.headers["location"]
    assert re.fullmatch(r"/trigger-log/\d+\?saved=1&support=1", location)
    page = client.get(location).text
    assert page.index("Before anything else") < page.index("I want to end my life")
    # Read again later (no support=1 in the address): the card is still first.
    again = client.get(location.split("?", 1)[0]).text
    assert again.index("Before anything else") < again.index("I want to end my life")


def test_editing_into_crisis_language_also_shows_the_card(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    entry_id = _save(client, trigger="A hard evening.")
    response = client.post(
        f"/trigger-log/{entry_id}/edit", data={"trigger": CRISIS}, follow_redirects=False
    )
    assert response.headers["location"] == f"/trigger-log/{entry_id}?saved=1&support=1"


# -- from a pause ------------------------------------------------------------------------------


def test_a_finished_pause_fills_in_the_form_and_links_the_entry(unlocked_client: Client) -> None:
    client, state = unlocked_client
    episode_id = _episode(
        state, what_happened="No reply for three hours.", held_message="Why are you ignoring me?"
    )
    form = client.get(f"/trigger-log/new?from_pause={episode_id}").text
    assert ">No reply for three hours.</textarea>" in form
    assert f">{escape('Wanted to send: Why are you ignoring me?')}</textarea>" in form
    assert f'<input type="hidden" name="episode_id" value="{episode_id}">' in form
    assert "We filled in what you wrote during your pause." in form

    entry_id = _save(
        client,
        trigger="No reply for three hours.",
        usual_response="Wanted to send: Why are you ignoring me?",
        episode_id=str(episode_id),
    )
    with state.session() as session:
        assert trigger_log.get_entry(session, current_owner(), entry_id).episode_id == episode_id
    assert "made from a pause" in client.get(f"/trigger-log/{entry_id}").text
    assert "from a pause" in client.get("/trigger-log").text
    again = client.get(f"/trigger-log/new?from_pause={episode_id}").text
    assert f'href="/trigger-log/{entry_id}">an entry from this pause' in again


def test_a_missing_pause_keeps_the_writing(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    entry_id = _save(client, trigger="Still saved.", episode_id="987654")
    assert "made from a pause" not in client.get(f"/trigger-log/{entry_id}").text


@pytest.mark.parametrize("from_pause", ["abc", "-1", "0", "99999999999999999999999", "4242"])
def test_an_unusable_pause_gives_an_empty_form(unlocked_client: Client, from_pause: str) -> None:
    client, _state = unlocked_client
    page = client.get("/trigger-log/new", params={"from_pause": from_pause})
    assert page.status_code == 200
    assert 'name="episode_id"' not in page.text
    assert "We filled in" not in page.text


def test_someone_elses_pause_fills_in_nothing(unlocked_client: Client) -> None:
    client, state = unlocked_client
    episode_id = _episode(state, owner_id=2, what_happened="not yours to read")
    page = client.get(f"/trigger-log/new?from_pause={episode_id}").text
    assert "not yours to read" not in page
    assert 'name="episode_id"' not in page
    entry_id = _save(client, trigger="mine", episode_id=str(episode_id))
    assert "made from a pause" not in client.get(f"/trigger-log/{entry_id}").text


@pytest.fixture
def without_pause(state: AppState) -> Iterator[Client]:
    """The app as if there were no pause to fill in from: nothing offers pause.trigger_prefill."""
    features = tuple(replace(f, offers=()) if f.name == "pause" else f for f in FEATURES)
    app = create_app(state.settings, PORT, state=state, features=features)
    with TestClient(app, base_url=BASE_URL) as client:
        launch(client, state)
        onboard(client)
        yield client, state


def test_without_a_pause_the_log_still_works_and_fills_in_nothing(without_pause: Client) -> None:
    client, state = without_pause
    episode_id = _episode(state, what_happened="No reply for three hours.")
    form = client.get(f"/trigger-log/new?from_pause={episode_id}")
    assert form.status_code == 200
    assert "No reply for three hours." not in form.text
    assert 'name="episode_id"' not in form.text
    assert "We filled in" not in form.text
    entry_id = _save(client, trigger="Still saved.", episode_id=str(episode_id))
    page = client.get(f"/trigger-log/{entry_id}").text
    assert "Still saved." in page
    assert "made from a pause" not in page


def test_without_a_pause_an_old_link_to_it_is_plain_text(without_pause: Client) -> None:
    """An entry made from a pause earlier still says so, without a link that cannot open."""
    client, state = without_pause
    episode_id = _episode(state, what_happened="Left on read.")
    pause_prefill = Registry(FEATURES).offer("pause.trigger_prefill")
    with state.session() as session:
        done = trigger_log.add_entry(
            session,
            current_owner(),
            trigger_log.TriggerText("Left on read."),
            now=state.now(),
            episode_id=episode_id,
            pause_prefill=pause_prefill,
        )
    page = client.get(f"/trigger-log/{done.id}").text
    assert "made from a pause" in page
    assert f'href="/pause/{episode_id}"' not in page


# -- locked ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/trigger-log", "/trigger-log/new", "/trigger-log/1"])
def test_locked_pages_go_to_unlock(locked_client: Client, path: str) -> None:
    client, _state = locked_client
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == unlock_for(path)
