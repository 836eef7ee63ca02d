"""Unlock with the passphrase or the recovery key; lock by hand and after idle time."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from anchored.web.routes.unlock import WRONG_DELAY_SECONDS
from anchored.web.state import AppState
from tests.support import (
    BASE_URL,
    PASSPHRASE,
    FakeClock,
    launch,
    onboard,
    unlock_for,
    write_entry,
)

Client = tuple[TestClient, AppState]
NEW_PASSPHRASE = "lantern harbour green autumn"


def _redirects_to(client: TestClient, path: str, location: str) -> bool:
    response = client.get(path, follow_redirects=False)
    return response.status_code == 303 and response.headers["location"] == location


# -- unlock ----------------------------------------------------------------------------------


def test_locked_pages_go_to_unlock(locked_client: Client) -> None:
    client, _state = locked_client
    for path in ["/", "/journal", "/journal/new", "/journal/1"]:
        assert _redirects_to(client, path, unlock_for(path))
    page = client.get("/unlock")
    assert page.status_code == 200
    assert "Your vault is locked" in page.text
    assert 'action="/lock"' not in page.text


def test_right_passphrase_unlocks(locked_client: Client, clock: FakeClock) -> None:
    client, state = locked_client
    response = client.post("/unlock", data={"passphrase": PASSPHRASE}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    assert state.is_unlocked
    assert client.get("/").status_code == 200
    assert clock.slept == []  # no wait for the right one


def test_unlocking_goes_back_to_the_page_asked_for(locked_client: Client) -> None:
    client, state = locked_client
    asked = client.get("/journal/new", follow_redirects=False)
    assert asked.status_code == 303
    assert asked.headers["location"] == "/unlock?next=%2Fjournal%2Fnew"

    form = client.get(asked.headers["location"])
    assert '<input type="hidden" name="next" value="/journal/new">' in form.text
    response = client.post(
        "/unlock", data={"passphrase": PASSPHRASE, "next": "/journal/new"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/journal/new"
    assert state.is_unlocked


def test_the_page_asked_for_keeps_its_query(locked_client: Client) -> None:
    client, _state = locked_client
    asked = client.get("/journal?page=2", follow_redirects=False)
    assert asked.headers["location"] == "/unlock?next=%2Fjournal%3Fpage%3D2"
    unlocked = client.post(
        "/unlock",
        data={"passphrase": PASSPHRASE, "next": "/journal?page=2"},
        follow_redirects=False,
    )
    assert unlocked.headers["location"] == "/journal?page=2"


def test_home_needs_no_next(locked_client: Client) -> None:
    client, _state = locked_client
    assert _redirects_to(client, "/", "/unlock")


def test_a_page_updated_in_place_comes_back_to_the_page_it_is_on(locked_client: Client) -> None:
    # htmx asks for a part of a page: after unlocking, the person wants the page, not the part.
    client, _state = locked_client
    response = client.get(
        "/journal",
        headers={"HX-Request": "true", "HX-Current-URL": f"{BASE_URL}/check-in/history?page=3"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/unlock?next=%2Fcheck-in%2Fhistory%3Fpage%3D3"


def test_a_wrong_passphrase_keeps_the_page_asked_for(locked_client: Client) -> None:
    client, _state = locked_client
    response = client.post(
        "/unlock", data={"passphrase": "not my passphrase at all", "next": "/journal/new"}
    )
    assert response.status_code == 422
    assert '<input type="hidden" name="next" value="/journal/new">' in response.text


def test_already_unlocked_goes_straight_to_the_page_asked_for(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    assert _redirects_to(client, "/unlock?next=/journal", "/journal")


UNSAFE_NEXT = [
    "//evil.example/steal",
    "/\\evil.example/steal",
    "/\\/evil.example",
    "https://evil.example/",
    "http:/evil.example",
    "javascript:alert(1)",
    "\t//evil.example",
    " //evil.example",
    "journal",
    "/journal#section",
    "/journal/../../evil.example",
]


@pytest.mark.parametrize("target", UNSAFE_NEXT)
def test_the_page_asked_for_is_never_another_site(locked_client: Client, target: str) -> None:
    client, state = locked_client
    form = client.get("/unlock", params={"next": target})
    assert form.status_code == 200
    assert 'name="next"' not in form.text
    response = client.post(
        "/unlock", data={"passphrase": PASSPHRASE, "next": target}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    assert state.is_unlocked


def test_wrong_passphrase_is_calm_and_slow(locked_client: Client, clock: FakeClock) -> None:
    client, state = locked_client
    response = client.post("/unlock", data={"passphrase": "not my passphrase at all"})

    assert response.status_code == 422
    assert "Take your time and try again" in response.text
    assert "not my passphrase at all" not in response.text
    assert clock.slept == [WRONG_DELAY_SECONDS]  # each wrong guess costs a second
    assert not state.is_unlocked


def test_empty_passphrase_is_explained(locked_client: Client) -> None:
    client, state = locked_client
    response = client.post("/unlock", data={"passphrase": ""})
    assert response.status_code == 422
    assert "Type your passphrase to unlock." in response.text
    assert not state.is_unlocked


def test_unlock_without_a_vault_goes_to_welcome(session_client: Client) -> None:
    client, _state = session_client
    assert _redirects_to(client, "/unlock", "/welcome")


def test_recovery_key_unlocks_and_sets_a_new_passphrase(session_client: Client) -> None:
    client, state = session_client
    key = onboard(client)
    write_entry(client, "still here after recovery", title="Kept")
    client.post("/lock")

    response = client.post(
        "/unlock/recovery",
        data={
            "recovery_key": key.lower(),
            "new_passphrase": NEW_PASSPHRASE,
            "new_passphrase_again": NEW_PASSPHRASE,
        },
        follow_redirects=False,
    )
    # It says so: the person has to remember the new one from now on.
    assert response.status_code == 200
    assert "<h1>Your new passphrase is set</h1>" in response.text
    assert "recovery key still works" in response.text
    assert NEW_PASSPHRASE not in response.text
    assert '<a class="button button-primary" href="/">Continue</a>' in response.text
    assert state.is_unlocked
    assert "Kept" in client.get("/journal").text

    client.post("/lock")
    old = client.post("/unlock", data={"passphrase": PASSPHRASE})
    assert old.status_code == 422
    new = client.post("/unlock", data={"passphrase": NEW_PASSPHRASE}, follow_redirects=False)
    assert new.status_code == 303
    assert state.is_unlocked


def test_recovery_goes_on_to_the_page_asked_for(session_client: Client) -> None:
    client, state = session_client
    key = onboard(client)
    client.post("/lock")
    form = client.get("/unlock?next=/journal/new")
    assert form.text.count('<input type="hidden" name="next" value="/journal/new">') == 2

    data = {
        "recovery_key": key,
        "new_passphrase": NEW_PASSPHRASE,
        "new_passphrase_again": NEW_PASSPHRASE,
        "next": "/journal/new",
    }
    response = client.post("/unlock/recovery", data=data, follow_redirects=False)
    assert response.status_code == 200
    assert '<a class="button button-primary" href="/journal/new">Continue</a>' in response.text
    # Sent again (a reload): nothing is set twice, it only goes on.
    again = client.post("/unlock/recovery", data=data, follow_redirects=False)
    assert again.status_code == 303
    assert again.headers["location"] == "/journal/new"
    assert state.is_unlocked


def test_recovery_asks_for_the_new_passphrase_twice(locked_client: Client) -> None:
    client, state = locked_client
    form = client.get("/unlock").text
    assert 'name="new_passphrase_again"' in form
    response = client.post(
        "/unlock/recovery",
        data={
            "recovery_key": "-".join(["0000"] * 8),
            "new_passphrase": NEW_PASSPHRASE,
            "new_passphrase_again": NEW_PASSPHRASE + " x",
        },
    )
    assert response.status_code == 422
    assert 'id="new_passphrase_again-error"' in response.text
    assert "not the same" in response.text
    assert not state.is_unlocked


def test_a_weak_new_passphrase_is_asked_about_once_more(session_client: Client) -> None:
    client, state = session_client
    key = onboard(client)
    client.post("/lock")
    data = {"recovery_key": key, "new_passphrase": "password123"}
    data["new_passphrase_again"] = data["new_passphrase"]

    asked = client.post("/unlock/recovery", data=data)
    assert asked.status_code == 422
    assert 'id="new_passphrase_weak-error"' in asked.text
    assert 'name="new_passphrase_weak" value="yes"' in asked.text
    assert "password123" not in asked.text
    assert not state.is_unlocked

    chosen = client.post("/unlock/recovery", data={**data, "new_passphrase_weak": "yes"})
    assert chosen.status_code == 200
    assert "<h1>Your new passphrase is set</h1>" in chosen.text
    assert state.is_unlocked


def test_wrong_recovery_key_is_explained(locked_client: Client, clock: FakeClock) -> None:
    client, state = locked_client
    wrong = "-".join(["0000"] * 8)
    response = client.post(
        "/unlock/recovery",
        data={
            "recovery_key": wrong,
            "new_passphrase": NEW_PASSPHRASE,
            "new_passphrase_again": NEW_PASSPHRASE,
        },
    )
    assert response.status_code == 422
    assert "does not open this vault" in response.text
    assert NEW_PASSPHRASE not in response.text
    assert clock.slept == [WRONG_DELAY_SECONDS]  # guessing recovery keys is slowed too
    assert not state.is_unlocked
    assert client.post("/unlock", data={"passphrase": PASSPHRASE}).url.path == "/"


def test_malformed_recovery_key_is_explained(locked_client: Client) -> None:
    client, state = locked_client
    response = client.post(
        "/unlock/recovery",
        data={
            "recovery_key": "ABCD-EFGH",
            "new_passphrase": NEW_PASSPHRASE,
            "new_passphrase_again": NEW_PASSPHRASE,
        },
    )
    assert response.status_code == 422
    assert "groups of four" in response.text
    assert not state.is_unlocked


def test_recovery_form_checks_every_field(locked_client: Client, clock: FakeClock) -> None:
    client, state = locked_client
    response = client.post(
        "/unlock/recovery",
        data={"recovery_key": "", "new_passphrase": "short", "new_passphrase_again": "short"},
    )
    assert response.status_code == 422
    assert clock.slept == []  # nothing was tried, so nothing to slow down
    assert 'id="recovery_key-error"' in response.text
    assert 'id="new_passphrase-error"' in response.text
    assert '<details class="card" open>' in response.text
    assert not state.is_unlocked


# -- lock ------------------------------------------------------------------------------------


def test_lock_button_is_on_pages_when_unlocked(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    for path in ["/", "/journal", "/journal/new", "/help", "/about"]:
        assert '<form method="post" action="/lock"' in client.get(path).text


def test_lock_button_locks(unlocked_client: Client) -> None:
    client, state = unlocked_client
    opened = state._open
    assert opened is not None
    key = opened._data_key
    assert any(key)
    response = client.post("/lock", follow_redirects=False)
    assert bytes(key) == bytes(len(key))  # our copy of the key is overwritten
    assert not opened.is_open  # and the engine is gone
    assert response.status_code == 303
    assert response.headers["location"] == "/unlock"
    assert not state.is_unlocked
    for path in ["/", "/journal"]:
        assert _redirects_to(client, path, unlock_for(path))


def test_idle_time_locks_on_the_next_request(unlocked_client: Client, clock: FakeClock) -> None:
    client, state = unlocked_client
    clock.advance(minutes=15)
    assert _redirects_to(client, "/journal", "/unlock?next=%2Fjournal")
    assert not state.is_unlocked


def test_activity_keeps_it_unlocked(unlocked_client: Client, clock: FakeClock) -> None:
    client, state = unlocked_client
    for _ in range(3):
        clock.advance(minutes=14)
        assert client.get("/journal").status_code == 200
    assert state.is_unlocked


def test_idle_lock_needs_no_request(unlocked_client: Client, clock: FakeClock) -> None:
    _client, state = unlocked_client
    clock.advance(minutes=14)
    assert state.lock_if_idle() is False
    assert state.is_unlocked
    clock.advance(minutes=1)
    assert state.lock_if_idle() is True
    assert not state.is_unlocked


def test_leaving_the_app_locks_the_vault(app: FastAPI, state: AppState) -> None:
    with TestClient(app, base_url=BASE_URL) as client:
        launch(client, state)
        onboard(client)
        assert state.is_unlocked
    assert not state.is_unlocked


def test_resume_cannot_point_to_another_site(locked_client: Client) -> None:
    # Browsers read "/\host" as "//host": a form there would post the text off this machine.
    client, _state = locked_client
    forged = '{"action": "/\\\\evil.example/steal", "fields": [["body", "x"]]}'
    response = client.post(
        "/unlock", data={"passphrase": PASSPHRASE, "resume": forged}, follow_redirects=False
    )
    assert "evil.example" not in response.text
    assert response.status_code == 303
    assert response.headers["location"] == "/"
