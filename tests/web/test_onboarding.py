"""First run: what Anchored is, a passphrase, the recovery key once, a country."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from anchored.web.state import AppState
from tests.support import PASSPHRASE, RECOVERY_KEY

Client = tuple[TestClient, AppState]


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "understood": "yes",
        "passphrase": PASSPHRASE,
        "passphrase_again": PASSPHRASE,
        "country": "GB",
    }
    data.update(overrides)
    return data


def _field_error(page: str, field: str) -> str:
    match = re.search(rf'<p class="field-error" id="{field}-error">([^<]*)</p>', page)
    assert match is not None, f"no message next to {field}"
    return match.group(1)


def test_without_a_vault_home_goes_to_welcome(session_client: Client) -> None:
    client, _state = session_client
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/welcome"


def test_welcome_says_what_anchored_is_and_is_not(session_client: Client) -> None:
    client, _state = session_client
    page = client.get("/welcome").text

    assert "It is self-help." in page
    assert "It is not treatment" in page
    assert "It is not monitored." in page
    assert "It is not a crisis service." in page
    assert 'type="checkbox" id="understood" name="understood"' in page
    assert page.count('type="password"') == 2
    assert 'name="passphrase"' in page
    assert 'name="passphrase_again"' in page
    assert '<select id="country" name="country"' in page
    assert '<option value="GB"' in page


def test_missing_tick_is_explained_and_the_rest_kept(session_client: Client) -> None:
    client, state = session_client
    response = client.post("/welcome", data=_form(understood=""))

    assert response.status_code == 422
    assert "tick the box" in _field_error(response.text, "understood")
    assert '<option value="GB" selected>' in response.text
    assert PASSPHRASE not in response.text
    assert not state.vault.exists()


def test_short_passphrase_is_explained_and_never_echoed(session_client: Client) -> None:
    client, state = session_client
    response = client.post("/welcome", data=_form(passphrase="tiny-pw", passphrase_again="tiny-pw"))

    assert response.status_code == 422
    assert "at least 10 characters" in _field_error(response.text, "passphrase")
    assert "tiny-pw" not in response.text
    assert 'id="understood" name="understood" value="yes" checked' in response.text
    assert '<option value="GB" selected>' in response.text
    assert not state.vault.exists()


def test_mismatched_passphrases_are_explained_and_never_echoed(session_client: Client) -> None:
    client, state = session_client
    response = client.post("/welcome", data=_form(passphrase_again="river stone quiet evening"))

    assert response.status_code == 422
    assert "not the same" in _field_error(response.text, "passphrase_again")
    assert PASSPHRASE not in response.text
    assert "river stone quiet evening" not in response.text
    assert 'value="yes" checked' in response.text
    assert '<option value="GB" selected>' in response.text
    assert not state.vault.exists()


WEAK = "password123"


def test_a_weak_passphrase_is_asked_about_once_more(session_client: Client) -> None:
    client, state = session_client
    response = client.post("/welcome", data=_form(passphrase=WEAK, passphrase_again=WEAK))

    assert response.status_code == 422
    assert "would be quick to guess" in _field_error(response.text, "passphrase_weak")
    assert 'type="checkbox" id="passphrase_weak" name="passphrase_weak" value="yes"' in (
        response.text
    )
    assert "Use it anyway" in response.text
    assert WEAK not in response.text
    assert 'value="yes" checked' in response.text  # "I have read this" stays ticked
    assert not state.vault.exists()

    # Typed again with the box ticked: it is the person's choice.
    chosen = client.post(
        "/welcome",
        data=_form(passphrase=WEAK, passphrase_again=WEAK, passphrase_weak="yes"),
        follow_redirects=False,
    )
    assert chosen.status_code == 303
    assert chosen.headers["location"] == "/welcome/recovery-key"
    assert state.vault.exists()


def test_the_tick_box_is_only_offered_for_a_weak_passphrase(session_client: Client) -> None:
    client, state = session_client
    assert 'name="passphrase_weak"' not in client.get("/welcome").text
    short = client.post("/welcome", data=_form(passphrase="tiny-pw", passphrase_again="tiny-pw"))
    assert 'name="passphrase_weak"' not in short.text
    # Ticked but typed differently: the tick is kept, the mismatch explained.
    mismatch = client.post(
        "/welcome", data=_form(passphrase=WEAK, passphrase_again=WEAK + "4", passphrase_weak="yes")
    )
    assert "not the same" in _field_error(mismatch.text, "passphrase_again")
    assert 'name="passphrase_weak" value="yes" checked' in mismatch.text
    assert not state.vault.exists()


def test_unknown_country_is_explained(session_client: Client) -> None:
    client, state = session_client
    response = client.post("/welcome", data=_form(country="ZZ"))

    assert response.status_code == 422
    assert "Choose a country" in _field_error(response.text, "country")
    assert 'value="yes" checked' in response.text
    assert PASSPHRASE not in response.text
    assert not state.vault.exists()


def test_strength_hint_fragment(session_client: Client) -> None:
    client, _state = session_client
    short = client.post("/welcome/strength", data={"passphrase": "short"})
    assert short.status_code == 200
    assert short.text.strip().startswith('<p id="strength-hint"')
    assert "Too short" in short.text
    assert "<html" not in short.text

    strong = client.post("/welcome/strength", data={"passphrase": PASSPHRASE})
    assert "too-short" not in strong.text
    assert PASSPHRASE not in strong.text


def test_success_shows_the_recovery_key_once(session_client: Client) -> None:
    client, state = session_client
    response = client.post("/welcome", data=_form(), follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/welcome/recovery-key"
    assert state.vault.exists()

    page = client.get("/welcome/recovery-key")
    key = RECOVERY_KEY.search(page.text)
    assert key is not None
    assert len(key.group(0).split("-")) == 8

    # Until it is confirmed, the app keeps coming back to it.
    for path in ["/", "/journal"]:
        detour = client.get(path, follow_redirects=False)
        assert detour.status_code == 303
        assert detour.headers["location"] == "/welcome/recovery-key"

    not_ticked = client.post("/welcome/recovery-key", data={})
    assert not_ticked.status_code == 422
    assert "Tick the box" in not_ticked.text
    assert key.group(0) in not_ticked.text

    done = client.post("/welcome/recovery-key", data={"saved": "yes"}, follow_redirects=False)
    assert done.status_code == 303
    home = client.get(done.headers["location"])
    assert home.status_code == 200
    assert "How are you right now?" in home.text
    assert "Your vault is ready" in home.text

    again = client.get("/welcome/recovery-key")
    assert key.group(0) not in again.text
    assert RECOVERY_KEY.search(again.text) is None


def test_a_new_vault_starts_what_an_unlock_starts(
    session_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The crisis check's model begins loading as soon as the vault exists, as after an unlock.
    from anchored.features.suggest import service as suggest

    started: list[bool] = []
    monkeypatch.setattr(suggest, "start_loading", lambda: started.append(True))
    client, _state = session_client
    assert client.post("/welcome", data=_form(), follow_redirects=False).status_code == 303
    assert started == [True]


def test_welcome_after_onboarding_goes_home_or_to_unlock(unlocked_client: Client) -> None:
    client, state = unlocked_client
    response = client.get("/welcome", follow_redirects=False)
    assert response.headers["location"] == "/"

    client.post("/lock")
    response = client.get("/welcome", follow_redirects=False)
    assert response.headers["location"] == "/unlock"

    # A second vault cannot be made over the first.
    client.post("/welcome", data=_form(passphrase="another long passphrase"))
    assert client.post("/unlock", data={"passphrase": PASSPHRASE}).status_code == 200
    assert state.is_unlocked


@pytest.mark.parametrize("country", ["NZ", "IE"])
def test_chosen_country_is_kept_for_help_now(session_client: Client, country: str) -> None:
    client, _state = session_client
    client.post("/welcome", data=_form(country=country))
    client.post("/welcome/recovery-key", data={"saved": "yes"})
    assert f'<option value="{country}" selected>' in client.get("/help").text
