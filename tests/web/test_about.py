"""About: how data is kept, what Anchored is not, and the licences of what ships."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from anchored.web.state import AppState


def test_privacy_is_explained(anonymous: TestClient, state: AppState) -> None:
    page = anonymous.get("/about").text
    assert "SQLCipher" in page
    assert "Argon2id" in page
    assert "makes no network connections" in page
    assert str(state.settings.data_dir) in page


def test_disclaimers(anonymous: TestClient) -> None:
    page = anonymous.get("/about").text
    assert "It does not diagnose, it is not treatment, and it is not a crisis service." in page
    assert "nobody is alerted" in page
    assert 'href="/help"' in page


def test_licences_table_lists_what_ships(anonymous: TestClient) -> None:
    page = anonymous.get("/about").text
    rows = {
        name.lower(): (version, licence)
        for name, version, licence in re.findall(
            r"<tr><td>([^<]+)</td><td>([^<]+)</td><td>([^<]*)</td></tr>", page
        )
    }
    for package in ["fastapi", "sqlcipher3", "sqlalchemy", "jinja2"]:
        assert package in rows, package
        version, licence = rows[package]
        assert version
        assert licence
    assert "anchored" not in rows
    assert "htmx 2.0.11 (0BSD licence)" in page


def test_about_shows_the_lock_button_only_when_unlocked(
    unlocked_client: tuple[TestClient, AppState], anonymous: TestClient
) -> None:
    client, _state = unlocked_client
    assert 'action="/lock"' in client.get("/about").text
    assert 'action="/lock"' not in anonymous.get("/about").text
