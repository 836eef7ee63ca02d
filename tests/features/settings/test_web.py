"""/settings in the browser without JavaScript: every choice saves calmly, the theme is on
<html> and stays while locked, the idle lock applies at once, and the passphrase and recovery
key change without ever echoing what was typed."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from anchored.services.vault import Vault
from anchored.web.state import AppState
from tests.support import PASSPHRASE, RECOVERY_KEY

NEW = "a quiet harbour at first light"
WRONG = "Zanzibar-typo-passphrase-77"


def test_the_page_lists_every_part_of_settings_and_your_data(
    unlocked_client: tuple[TestClient, AppState],
) -> None:
    client, _state = unlocked_client
    page = client.get("/settings")
    assert page.status_code == 200
    assert 'href="/settings/reminders"' in page.text  # from the reminders' manifest
    assert 'href="/self-checks/reminders"' in page.text  # from the self-checks' manifest
    assert page.text.count('class="action" href="/settings"') == 0  # not a link to itself
    assert 'href="/settings"' in client.get("/tools").text
    assert '<option value="GB" selected>' in page.text


def test_country_and_note_save_calmly(unlocked_client: tuple[TestClient, AppState]) -> None:
    client, _state = unlocked_client
    saved = client.post("/settings/country", data={"country": "IE"}, follow_redirects=False)
    assert saved.status_code == 303
    page = client.get(saved.headers["location"])
    assert "Saved. Help now shows this country&#39;s lines." in page.text
    assert '<option value="IE" selected>' in page.text
    assert client.post("/settings/country", data={"country": "XX"}).status_code == 422

    client.post("/settings/help-card-note", data={"keep": "on"})
    assert 'id="keep" name="keep" value="on" checked' in client.get("/settings").text
    client.post("/settings/help-card-note", data={})
    assert 'id="keep" name="keep" value="on">' in client.get("/settings").text


def test_the_theme_is_on_every_page_and_stays_while_locked(
    unlocked_client: tuple[TestClient, AppState],
) -> None:
    client, _state = unlocked_client
    assert "data-theme" not in client.get("/settings").text  # the system's, by default
    client.post("/settings/theme", data={"theme": "dark"})
    page = client.get("/settings")
    assert '<html lang="en" data-theme="dark">' in page.text
    assert '<meta name="color-scheme" content="dark">' in page.text
    assert 'id="theme-dark" name="theme" value="dark" checked' in page.text
    client.post("/lock")
    for path in ("/unlock", "/help"):
        assert '<html lang="en" data-theme="dark">' in client.get(path).text
    client.post("/unlock", data={"passphrase": PASSPHRASE})
    client.post("/settings/theme", data={"theme": "system"})
    assert "data-theme" not in client.get("/unlock").text
    assert client.post("/settings/theme", data={"theme": "purple"}).status_code == 422


def test_the_idle_lock_applies_at_once(unlocked_client: tuple[TestClient, AppState]) -> None:
    client, state = unlocked_client
    assert state.idle_lock_minutes == 15
    assert client.post("/settings/idle-lock", data={"idle_minutes": "3"}).status_code == 422
    client.post("/settings/idle-lock", data={"idle_minutes": "5"})
    assert '<option value="5" selected>' in client.get("/settings").text
    state.clock.advance(minutes=6)  # type: ignore[attr-defined]
    assert client.get("/settings", follow_redirects=False).headers["location"].startswith("/unlock")
    # Kept in the vault: the next unlock uses it again.
    client.post("/unlock", data={"passphrase": PASSPHRASE})
    assert state.idle_lock_minutes == 5


def test_changing_the_passphrase(unlocked_client: tuple[TestClient, AppState]) -> None:
    client, state = unlocked_client
    assert client.get("/settings/passphrase").status_code == 200
    sent = {"current": WRONG, "new_passphrase": NEW, "new_passphrase_again": NEW}
    wrong = client.post("/settings/passphrase", data=sent)
    assert wrong.status_code == 422
    assert "not the passphrase that unlocks Anchored now" in wrong.text
    assert WRONG not in wrong.text
    assert NEW not in wrong.text
    assert state.clock.slept == [1.0]  # type: ignore[attr-defined]

    short = client.post(
        "/settings/passphrase",
        data={"current": PASSPHRASE, "new_passphrase": "short", "new_passphrase_again": "short"},
    )
    assert short.status_code == 422
    assert "at least 10 characters" in short.text

    sent = {"current": PASSPHRASE, "new_passphrase": NEW, "new_passphrase_again": NEW}
    done = client.post("/settings/passphrase", data=sent, follow_redirects=False)
    assert done.headers["location"].startswith("/settings?saved=passphrase")
    assert "Your passphrase is changed" in client.get(done.headers["location"]).text
    again = client.post("/settings/passphrase", data=sent, follow_redirects=False)
    assert again.status_code == 303  # the same form sent twice: already done, calmly
    assert state.is_unlocked
    client.post("/lock")
    assert client.post("/unlock", data={"passphrase": PASSPHRASE}).status_code == 422
    assert client.post("/unlock", data={"passphrase": NEW}).status_code == 200
    assert state.is_unlocked


def test_a_passphrase_form_sent_while_locked_is_not_handed_back(
    locked_client: tuple[TestClient, AppState],
) -> None:
    client, _state = locked_client
    sent = {"current": PASSPHRASE, "new_passphrase": NEW, "new_passphrase_again": NEW}
    response = client.post("/settings/passphrase", data=sent, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/unlock?next=/settings/passphrase"
    assert NEW not in client.get(response.headers["location"]).text


def test_a_new_recovery_key_is_shown_once_and_the_old_one_stops_working(
    unlocked_client: tuple[TestClient, AppState],
) -> None:
    client, state = unlocked_client

    def new_key() -> str:
        made = client.post(
            "/settings/recovery-key", data={"passphrase": PASSPHRASE}, follow_redirects=False
        )
        assert made.headers["location"] == "/welcome/recovery-key"
        # Until it is confirmed, every page leads back to it.
        assert client.get("/journal", follow_redirects=False).headers["location"] == (
            "/welcome/recovery-key"
        )
        shown = client.get("/welcome/recovery-key")
        assert "Your new recovery key" in shown.text
        assert "Your old recovery key no longer works" in shown.text
        match = RECOVERY_KEY.search(shown.text)
        assert match is not None
        confirmed = client.post(
            "/welcome/recovery-key", data={"saved": "yes"}, follow_redirects=False
        )
        assert confirmed.headers["location"].startswith("/settings?saved=recovery")
        return match.group(0)

    refused = client.post("/settings/recovery-key", data={"passphrase": WRONG})
    assert refused.status_code == 422
    assert WRONG not in refused.text
    first = new_key()
    second = new_key()
    assert (
        "Your new recovery key is the only one that works now"
        in client.get("/settings?saved=recovery").text
    )
    client.post("/lock")
    vault = Vault(state.settings.data_dir)
    refused = client.post(
        "/unlock/recovery",
        data={"recovery_key": first, "new_passphrase": NEW, "new_passphrase_again": NEW},
    )
    assert refused.status_code == 422
    vault.unlock_with_recovery(second).lock()
    assert re.fullmatch(r"[0-9A-Z-]+", second)
