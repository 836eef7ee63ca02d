"""Home: quick actions that lead somewhere, and the latest entries."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from anchored.web.state import AppState
from tests.support import write_entry

Client = tuple[TestClient, AppState]


def test_quick_actions_lead_to_pages_that_exist(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/").text
    actions = re.search(r'<ul class="actions">(.*?)</ul>', page, re.DOTALL)
    assert actions is not None
    hrefs = re.findall(r'href="([^"]+)"', actions.group(1))
    assert hrefs == [
        "/check-in",
        "/journal/new",
        "/thought-records/new",
        "/pause",
        "/journal",
        "/programme",
        "/learn",
        "/safety-plan",
        "/help",
    ]
    for href in hrefs:
        assert client.get(href).status_code == 200, href


def test_empty_state_invites_a_first_entry(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/").text
    assert "Nothing here yet." in page
    assert "write your first entry" in page


def test_recent_entries_newest_first(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    for title in ["First morning", "Second morning", "Third morning"]:
        write_entry(client, "some words", title=title)

    page = client.get("/").text

    assert "Nothing here yet." not in page
    positions = [page.index(t) for t in ["Third morning", "Second morning", "First morning"]]
    assert positions == sorted(positions)


def test_home_shows_only_the_five_latest(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    for number in range(1, 8):
        write_entry(client, f"entry number {number:02d}")
    page = client.get("/").text
    shown = re.findall(r"entry number (\d\d)", page)
    assert shown == ["07", "06", "05", "04", "03"]
