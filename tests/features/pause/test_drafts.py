"""Drafts: what is typed during a pause is saved as the person types (htmx), and the page
never says something is saved unless it was."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from anchored.core.owner import Owner
from anchored.features.pause import service as pause
from anchored.web.state import AppState
from tests.support import FakeClock, stranger

Client = tuple[TestClient, AppState]
CRISIS = "If he leaves I don't want to be here anymore."


def start(client: TestClient) -> int:
    response = client.post("/pause/start", follow_redirects=False)
    match = re.fullmatch(r"/pause/(\d+)", response.headers["location"])
    assert match is not None
    return int(match.group(1))


def episode(state: AppState, episode_id: int) -> pause.PauseEpisode:
    with state.session() as session:
        return pause.get_pause(session, Owner(1), episode_id, now=state.now())


def test_the_running_page_saves_its_text_boxes_as_the_person_types(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    episode_id = start(client)
    page = client.get(f"/pause/{episode_id}").text
    for name, status in (
        ("what_happened", "now-draft"),
        ("held_message", "message-draft"),
        ("statements", "thoughts-draft"),
    ):
        box = re.search(rf'<textarea id="{name}"[^>]*>', page)
        assert box is not None, name
        assert f'hx-post="/pause/{episode_id}/draft"' in box.group(0), name
        assert 'hx-trigger="input changed delay:' in box.group(0), name
        assert f'hx-target="#{status}"' in box.group(0), name
        assert re.search(rf'<p class="[^"]*" id="{status}" role="status"[^>]*></p>', page), status
    assert f'data-draft-url="/pause/{episode_id}/draft"' in page


def test_a_draft_is_saved_and_says_so(unlocked_client: Client) -> None:
    client, state = unlocked_client
    episode_id = start(client)
    response = client.post(
        f"/pause/{episode_id}/draft",
        data={"held_message": "Still typing this", "what_happened": "No reply", "urge_before": "7"},
    )
    assert response.status_code == 200
    assert "Saved in your vault at " in response.text
    assert "<html" not in response.text  # a fragment for the status line
    saved = episode(state, episode_id)
    assert (saved.held_message, saved.what_happened, saved.urge_before) == (
        "Still typing this",
        "No reply",
        7,
    )


def test_a_draft_after_the_vault_locked_says_it_was_not_saved(
    unlocked_client: Client, clock: FakeClock
) -> None:
    client, state = unlocked_client
    episode_id = start(client)
    clock.advance(minutes=20)  # nothing on screen asked the server for a while: it locked
    response = client.post(f"/pause/{episode_id}/draft", data={"held_message": "Late words"})
    assert response.status_code == 200
    assert not state.is_unlocked
    assert "Not saved" in response.text
    assert "Saved in your vault" not in response.text
    assert "Welcome back" not in response.text


def test_a_draft_with_a_problem_is_not_saved_and_says_why(unlocked_client: Client) -> None:
    client, state = unlocked_client
    episode_id = start(client)
    response = client.post(
        f"/pause/{episode_id}/draft", data={"held_message": "Keep me", "urge_before": "11"}
    )
    assert "Not saved yet" in response.text
    assert "Choose a number from 0 (no urge at all) to 10" in response.text
    assert "Keep me" not in response.text  # never repeats what was typed
    assert episode(state, episode_id).held_message == ""


def test_a_draft_for_a_pause_that_has_ended(unlocked_client: Client) -> None:
    client, state = unlocked_client
    episode_id = start(client)
    client.post(f"/pause/{episode_id}/stop", data={"held_message": "Before"})
    response = client.post(f"/pause/{episode_id}/draft", data={"held_message": "After"})
    assert "Not saved" in response.text
    assert "has ended" in response.text
    assert episode(state, episode_id).held_message == "Before"


def test_a_draft_with_crisis_words_is_saved_and_points_to_help(unlocked_client: Client) -> None:
    client, state = unlocked_client
    episode_id = start(client)
    response = client.post(f"/pause/{episode_id}/draft", data={"held_message": CRISIS})
    assert "Saved in your vault at " in response.text
    assert '<a href="/help">Help now</a>' in response.text
    assert episode(state, episode_id).held_message == CRISIS


def test_drafts_are_only_for_the_owner_and_the_session(unlocked_client: Client) -> None:
    client, state = unlocked_client
    with state.session() as session:
        theirs, _ = pause.start_pause(session, Owner(id=2), now=state.now())
        theirs_id = theirs.id
    assert client.post(f"/pause/{theirs_id}/draft", data={"note": "x"}).status_code == 404
    mine = start(client)
    with stranger(client.app) as other:
        assert other.post(f"/pause/{mine}/draft", data={"held_message": "x"}).status_code == 403
        assert episode(state, mine).held_message == ""


def test_the_running_page_promises_only_what_is_true(unlocked_client: Client) -> None:
    """Without JavaScript only the buttons save: the page must not say closing it keeps
    what was typed."""
    client, _ = unlocked_client
    page = client.get(f"/pause/{start(client)}").text
    assert "You can also just close this page; the pause waits for you." not in page
    assert "what you last saved" in page
