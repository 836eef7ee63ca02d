"""Unlock with the passphrase or the recovery key; lock by hand and after idle time."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from anchored.web.routes.unlock import WRONG_DELAY_SECONDS
from anchored.web.state import AppState
from tests.support import BASE_URL, PASSPHRASE, FakeClock, launch, onboard, write_entry

Client = tuple[TestClient, AppState]
NEW_PASSPHRASE = "lantern harbour green autumn"


def _redirects_to(client: TestClient, path: str, location: str) -> bool:
    response = client.get(path, follow_redirects=False)
    return response.status_code == 303 and response.headers["location"] == location


# -- unlock ----------------------------------------------------------------------------------


def test_locked_pages_go_to_unlock(locked_client: Client) -> None:
    client, _state = locked_client
    for path in ["/", "/journal", "/journal/new", "/journal/1"]:
        assert _redirects_to(client, path, "/unlock")
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
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    assert state.is_unlocked
    assert "Kept" in client.get("/journal").text

    client.post("/lock")
    old = client.post("/unlock", data={"passphrase": PASSPHRASE})
    assert old.status_code == 422
    new = client.post("/unlock", data={"passphrase": NEW_PASSPHRASE}, follow_redirects=False)
    assert new.status_code == 303
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
        assert _redirects_to(client, path, "/unlock")


def test_idle_time_locks_on_the_next_request(unlocked_client: Client, clock: FakeClock) -> None:
    client, state = unlocked_client
    clock.advance(minutes=15)
    assert _redirects_to(client, "/journal", "/unlock")
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
