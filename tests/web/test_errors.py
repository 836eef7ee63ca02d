"""Error pages: calm words, no traceback, and never the person's own text (on screen or in logs)."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from anchored.features.journal import service as journal
from anchored.web.state import AppState

Client = tuple[TestClient, AppState]
MARKER = "zebra-marker-only-the-user-typed-7731"


def _log_text(caplog: pytest.LogCaptureFixture) -> str:
    parts = []
    for record in caplog.records:
        parts.append(record.getMessage())
        parts.append(repr(record.args))
        parts.append(record.exc_text or "")
        if record.exc_info and record.exc_info[1] is not None:
            parts.append(repr(record.exc_info[1]))
    return "\n".join(parts)


def test_unexpected_error_is_calm_and_keeps_the_text_private(
    unlocked_client: Client,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    client, _state = unlocked_client

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(f"failed while saving {MARKER}")

    monkeypatch.setattr(journal, "add_entry", broken)
    caplog.set_level(logging.DEBUG)

    response = client.post("/journal/new", data={"body": f"I wrote {MARKER}", "title": MARKER})

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text
    assert MARKER not in response.text
    assert "Traceback" not in response.text
    assert "RuntimeError" not in response.text
    assert response.headers["cache-control"] == "no-store"
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert any("RuntimeError" in record.getMessage() for record in caplog.records)
    assert MARKER not in _log_text(caplog)


def test_bad_path_value_is_not_echoed(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.get("/journal/abc")
    assert response.status_code == 404  # a malformed id names no entry: "not found"
    assert "We couldn't find that page" in response.text
    assert "abc" not in response.text


def test_bad_query_value_is_not_echoed(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.get("/reassurance?week=qwertyuiop")
    assert response.status_code == 400
    assert "qwertyuiop" not in response.text


def test_unknown_page_is_a_calm_404(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.get("/nothing-here-xyz")
    assert response.status_code == 404
    assert "We couldn't find that page" in response.text
    assert "nothing-here-xyz" not in response.text


def test_wrong_method_is_a_calm_page(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.get("/lock")
    assert response.status_code == 405
    assert "That didn't work" in response.text
