"""Personal mode has no accounts, so no sharing: its pages do not exist and nothing links to
them (hosted mode's tests are in tests/hosted/test_sharing*.py)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from anchored.web.state import AppState


def test_personal_mode_has_no_sharing_pages_or_links(
    unlocked_client: tuple[TestClient, AppState],
) -> None:
    client, _state = unlocked_client
    assert client.get("/sharing").status_code == 404
    assert client.get("/sharing/clients").status_code == 404
    assert "/sharing" not in client.get("/tools").text
    assert "/sharing" not in client.get("/programme/13").text
    assert "A note from your therapist" not in client.get("/").text
