"""Error pages: calm words, no traceback, and never the person's own text (on screen or in logs)."""

from __future__ import annotations

import html
import logging
import re

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


def _shown_to_copy(page: str) -> dict[str, str]:
    """The boxes holding what the person wrote, by field name."""
    boxes = re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.DOTALL)
    boxes += re.findall(r'<input type="text"[^>]*name="([^"]+)" value="([^"]*)"', page)
    return {name: html.unescape(value) for name, value in boxes}


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
    assert "failed while saving" not in response.text  # never the error's own words
    # Nothing was saved, so what the person wrote comes back, to copy or to send again.
    assert "It was not saved" in response.text
    assert _shown_to_copy(response.text) == {"body": f"I wrote {MARKER}", "title": MARKER}
    forms = re.findall(
        r'<form method="post" action="([^"]+)"[^>]*>(.*?)</form>', response.text, re.S
    )
    assert [action for action, form in forms if "Try saving again" in form] == ["/journal/new"]
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
    # it names the part it could not read and offers the page without it
    assert "couldn't be read (week)" in response.text
    assert '<a href="/reassurance">Open the page without it</a>' in response.text


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


def test_a_failed_unlock_never_shows_the_passphrase_back(
    locked_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text comes back only from the person's writing: never a passphrase or recovery key."""
    from anchored.services.vault import Vault

    client, _state = locked_client

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(Vault, "unlock", broken)
    response = client.post("/unlock", data={"passphrase": "lantern harbour green autumn"})
    assert response.status_code == 500
    assert "lantern harbour" not in response.text
    assert "<textarea" not in response.text


def test_writing_that_was_not_saved_can_be_sent_again(
    unlocked_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, _state = unlocked_client
    monkeypatch.setattr(journal, "add_entry", lambda *_a, **_k: 1 / 0)
    sent = {
        "title": "Evening",
        "body": "He said he'd call at eight.\nHe called at ten.",
        "when": "",
    }
    page = client.post("/journal/new", data=sent).text
    monkeypatch.undo()

    [form] = [
        f for f in re.findall(r"<form [^>]*>.*?</form>", page, re.S) if "Try saving again" in f
    ]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    fields |= _shown_to_copy(form)
    assert fields == sent
    response = client.post("/journal/new", data=fields, follow_redirects=False)
    assert response.status_code == 303
    assert "He called at ten." in client.get(response.headers["location"]).text
