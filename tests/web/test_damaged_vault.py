"""A vault whose database file was damaged (one bad byte): calm pages that say what happened
and what to do, and nothing the person was writing is lost."""

from __future__ import annotations

import html
import logging
import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from anchored.features.self_checks import service as self_checks
from anchored.web.state import AppState
from tests.damage import damage_table
from tests.support import PASSPHRASE, PEOPLE, write_entry

Client = tuple[TestClient, AppState]
WRITING = "Tonight I waited <before> replying & felt the old panic ease. marker-5531"


@pytest.fixture
def damaged_client(unlocked_client: Client) -> Client:
    client, state = unlocked_client
    write_entry(client, "An entry from before the damage", title="Before")
    assert client.post("/lock", follow_redirects=False).status_code == 303
    damage_table(state.settings.data_dir, "journal_entries")
    response = client.post("/unlock", data={"passphrase": PASSPHRASE}, follow_redirects=False)
    assert response.status_code == 303  # the damaged part is not read while unlocking
    return client, state


def _shown_to_copy(page: str) -> dict[str, str]:
    """The boxes holding what the person wrote, by field name."""
    boxes = re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.DOTALL)
    boxes += re.findall(r'<input type="text"[^>]*name="([^"]+)" value="([^"]*)"', page)
    return {name: html.unescape(value) for name, value in boxes}


def test_reading_a_damaged_part_is_a_calm_page(
    damaged_client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    client, state = damaged_client
    caplog.set_level(logging.DEBUG)
    response = client.get("/journal")
    assert response.status_code == 500
    assert "Part of your vault could not be read" in response.text
    assert "copy your whole data folder" in response.text
    assert "Something went wrong on our side" not in response.text
    assert "DatabaseError" not in response.text
    assert response.headers["cache-control"] == "no-store"
    # Other parts still open, and the vault stays unlocked for them.
    assert client.get("/reassurance").status_code == 200
    assert state.is_unlocked


def test_writing_that_cannot_be_saved_comes_back_to_copy(
    damaged_client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    client, _state = damaged_client
    caplog.set_level(logging.DEBUG)
    response = client.post("/journal/new", data={"title": "Late", "body": WRITING, "when": ""})
    assert response.status_code == 500
    assert "Part of your vault could not be read" in response.text
    assert "It was not saved" in response.text
    assert _shown_to_copy(response.text) == {"title": "Late", "body": WRITING}
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "marker-5531" not in logged
    assert "(the database file looks damaged)" in logged


def test_home_still_opens_with_a_note_where_a_damaged_part_would_be(
    damaged_client: Client,
) -> None:
    client, state = damaged_client
    with state.session() as session:  # a self-check due: its panel comes after the journal's
        answers = dict.fromkeys(range(1, 8), 0)
        self_checks.take(session, PEOPLE.me, "gad7", answers, now=state.now() - timedelta(days=15))
    response = client.get("/")
    assert response.status_code == 200
    assert "How are you right now?" in response.text
    assert response.text.count("This part of your vault could not be read") == 1
    assert 'id="reassurance-taps"' in response.text  # the panels before the damaged one...
    assert "A self-check is due" in response.text  # ...and after it are all there
    assert "An entry from before the damage" not in response.text


def test_a_damaged_part_made_at_unlock_does_not_keep_the_vault_shut(
    unlocked_client: Client,
) -> None:
    """Unlocking makes what every owner starts with (the tracker's built-ins); if that part of
    the file is damaged, the rest of the vault still opens."""
    client, state = unlocked_client
    write_entry(client, "Still mine to read", title="Kept")
    assert client.post("/lock", follow_redirects=False).status_code == 303
    damage_table(state.settings.data_dir, "checking_behaviours")
    response = client.post("/unlock", data={"passphrase": PASSPHRASE}, follow_redirects=False)
    assert response.status_code == 303
    assert state.is_unlocked
    assert "Kept" in client.get("/journal").text
    tracker = client.get("/reassurance")
    assert "Part of your vault could not be read" in tracker.text
