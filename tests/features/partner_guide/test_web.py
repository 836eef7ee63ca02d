"""The partner guide: public (no session, no unlock), holds nothing personal, printable."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from markupsafe import escape

from anchored.features.partner_guide.guide import load_guide
from anchored.web.state import AppState
from tests.support import write_entry

Client = tuple[TestClient, AppState]
GUIDE = load_guide()
MARKER = "Marker: the lighthouse keeper counted gulls 4d1e8b"
PRINT_HINT = "Use your browser's Print (Ctrl+P or ⌘P)"


def _check_guide(response: Response) -> str:
    assert response.status_code == 200
    page = response.text
    assert f"<h1>{escape(GUIDE.title)}</h1>" in page
    assert str(escape(GUIDE.summary)) in page
    for heading in re.findall(r"^## (.+)$", GUIDE.body, re.MULTILINE):
        assert f"<h2>{heading}</h2>" in page.replace("&#39;", "'").replace("&quot;", '"')
    return page


def test_readable_without_a_session(anonymous: TestClient) -> None:
    page = _check_guide(anonymous.get("/partner-guide"))
    assert "Open Anchored from its own link" not in page


def test_readable_before_any_vault_exists(session_client: Client) -> None:
    client, _state = session_client
    _check_guide(client.get("/partner-guide", follow_redirects=False))


def test_readable_while_locked(locked_client: Client) -> None:
    client, _state = locked_client
    _check_guide(client.get("/partner-guide", follow_redirects=False))


def test_readable_while_unlocked(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    _check_guide(client.get("/partner-guide"))


def test_print_hint(anonymous: TestClient) -> None:
    page = anonymous.get("/partner-guide").text
    assert PRINT_HINT in page
    assert "holds nothing personal" in page


@pytest.mark.parametrize("who", ["owner", "anonymous", "locked"])
def test_no_personal_data(unlocked_client: Client, anonymous: TestClient, who: str) -> None:
    client, _state = unlocked_client
    entry_id = write_entry(client, MARKER, title="Heron " + MARKER[-6:])
    client.post("/therapy/prep", data={"text": MARKER + " (prep)"})
    client.post("/programme/3/pin")
    assert MARKER in client.get(f"/journal/{entry_id}").text  # the marker is really stored
    if who == "locked":
        client.post("/lock")
    reader = anonymous if who == "anonymous" else client
    page = _check_guide(reader.get("/partner-guide"))
    assert MARKER not in page
    assert MARKER[-6:] not in page
    assert "/journal/" not in page
    assert "Today's step" not in page


def test_guide_only_reads(anonymous: TestClient) -> None:
    assert anonymous.post("/partner-guide").status_code in {403, 405}
