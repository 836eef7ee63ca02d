"""The settings page for suggestions."""

from __future__ import annotations

from fastapi.testclient import TestClient

from anchored.web.state import AppState

Client = tuple[TestClient, AppState]


def test_the_switch_is_on_by_default_and_can_be_turned_off_and_on(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    page = client.get("/settings/suggest")
    assert page.status_code == 200
    assert 'id="on" name="on" value="on" checked' in page.text
    saved = client.post("/settings/suggest", data={}, follow_redirects=True)
    assert "Your choice is saved." in saved.text
    assert 'value="on" checked' not in saved.text
    again = client.post("/settings/suggest", data={"on": "on"}, follow_redirects=True)
    assert 'value="on" checked' in again.text


def test_the_tools_page_lists_it(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    assert 'href="/settings/suggest"' in client.get("/tools").text


def test_locked_the_setting_is_behind_the_lock(locked_client: Client) -> None:
    client, _ = locked_client
    response = client.get("/settings/suggest", follow_redirects=False)
    assert response.status_code in {302, 303, 307}
