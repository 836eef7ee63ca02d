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


def _write(state: AppState, texts: list[str]) -> None:
    from datetime import timedelta

    from anchored.core.owner import PERSONAL_OWNER
    from anchored.features.journal import service as journal

    now = state.now()
    with state.session() as session:
        for i, text in enumerate(texts):
            journal.add_entry(session, PERSONAL_OWNER, text, when=now - timedelta(days=i), now=now)


CHECKING = [
    "Saw he'd been online at midnight but my message still sat unread.",
    "I kept picking up my phone to look at whether she'd opened my text.",
    "I looked at his profile four times before lunch to see if he'd been active.",
    "I refreshed our chat all evening waiting for the ticks to turn blue.",
]
THEME_INSIGHT = "came up most often"


def test_the_progress_page_names_the_theme_only_with_enough_writing(
    unlocked_client: Client,
) -> None:
    from anchored.text import encoder

    assert encoder.encoder(wait=None) is not None
    client, state = unlocked_client
    _write(state, CHECKING[:2])
    assert THEME_INSIGHT not in client.get("/progress").text  # two entries: too little
    _write(state, [*CHECKING[2:], "Made soup with my flatmate and we watched a quiz show."])
    page = client.get("/progress").text
    assert THEME_INSIGHT in page
    assert 'href="/programme/9"' in page
    client.post("/settings/suggest", data={})  # switched off
    assert THEME_INSIGHT not in client.get("/progress").text
