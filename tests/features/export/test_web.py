"""/settings/export: the warning, the confirm box (refused without it), and each download."""

from __future__ import annotations

import io
import json
import zipfile

from fastapi.testclient import TestClient

from anchored.web.state import AppState
from tests.support import write_entry


def test_the_page_warns_that_the_export_is_not_encrypted(
    unlocked_client: tuple[TestClient, AppState],
) -> None:
    client, _state = unlocked_client
    page = client.get("/settings/export")
    assert page.status_code == 200
    assert "This copy is not encrypted" in page.text
    assert 'type="checkbox" id="confirm" name="confirm" value="yes" required' in page.text
    # The built-in behaviours of the reassurance tracker, made on unlock, are all there is.
    assert "Checking and reassurance: 4 records" in page.text
    assert 'class="action" href="/settings/export"' in client.get("/tools").text


def test_without_the_confirm_box_nothing_is_downloaded(
    unlocked_client: tuple[TestClient, AppState],
) -> None:
    client, _state = unlocked_client
    write_entry(client, "Words for nobody else.")
    response = client.post("/settings/export", data={"format": "json"})
    assert response.status_code == 422
    assert "content-disposition" not in response.headers
    assert "Tick the box to say you understand" in response.text
    assert "Words for nobody else." not in response.text
    assert "Journal: 1 record" in response.text


def test_json_download_holds_what_was_written(
    unlocked_client: tuple[TestClient, AppState],
) -> None:
    client, _state = unlocked_client
    write_entry(client, "The lake was still this morning.")
    response = client.post("/settings/export", data={"format": "json", "confirm": "yes"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-disposition"].startswith(
        'attachment; filename="anchored-export-'
    )
    doc = json.loads(response.content)
    entries = doc["sections"]["journal"]["journal_entries"]
    assert [e["body"] for e in entries] == ["The lake was still this morning."]


def test_markdown_and_csv_come_as_a_zip(unlocked_client: tuple[TestClient, AppState]) -> None:
    client, _state = unlocked_client
    write_entry(client, "A heron stood in the reeds.")
    for chosen, inside in (("markdown", "journal.md"), ("csv", "journal_entries.csv")):
        response = client.post("/settings/export", data={"format": chosen, "confirm": "yes"})
        assert response.headers["content-type"] == "application/zip"
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        named = {name.split("/", 1)[1]: name for name in archive.namelist()}
        assert inside in named, chosen
        assert "A heron stood in the reeds." in archive.read(named[inside]).decode("utf-8-sig")
