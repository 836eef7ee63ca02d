"""Delete everything in the browser: what goes and stays, a typed DELETE, then first run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from anchored.services.vault import Vault
from anchored.web.state import AppState
from tests.support import PASSPHRASE, write_entry

Client = tuple[TestClient, AppState]


def test_the_page_says_what_goes_and_what_stays(unlocked_client: Client, tmp_path: Path) -> None:
    client, state = unlocked_client
    folder = tmp_path / "synced"
    folder.mkdir()
    client.post("/settings/backup/automatic", data={"folder": str(folder), "turn": "on"})
    page = client.get("/settings/delete")
    assert page.status_code == 200
    assert "What is deleted" in page.text
    assert "What is not deleted" in page.text
    assert f"The automatic backup Anchored made in <code>{folder}</code>." in page.text
    assert "Backups you downloaded or saved yourself" in page.text
    assert 'id="confirm"' in page.text
    assert state.is_unlocked


def test_anything_but_delete_deletes_nothing(unlocked_client: Client) -> None:
    client, state = unlocked_client
    write_entry(client, "still here")
    for typed in ["", "delete", "DELETE IT"]:
        page = client.post("/settings/delete", data={"confirm": typed})
        assert page.status_code == 422
        assert "Type DELETE in capitals" in page.text
    assert state.is_unlocked
    assert Vault(state.settings.data_dir).exists()


def test_delete_goes_back_to_the_first_run(unlocked_client: Client, tmp_path: Path) -> None:
    client, state = unlocked_client
    write_entry(client, "gone soon")
    folder = tmp_path / "synced"
    folder.mkdir()
    client.post("/settings/backup/automatic", data={"folder": str(folder), "turn": "on"})
    mine = client.post("/settings/backup/download").content
    (folder / "mine.anchored").write_bytes(mine)

    done = client.post("/settings/delete", data={"confirm": " DELETE "}, follow_redirects=False)
    assert done.status_code == 303
    assert done.headers["location"] == "/settings/delete/done"
    assert not state.is_unlocked
    assert os.listdir(state.settings.data_dir) == ["vault.lock"]
    assert os.listdir(folder) == ["mine.anchored"]
    page = client.get("/settings/delete/done")
    assert "Everything is deleted" in page.text
    assert 'href="/welcome"' in page.text
    first_run = client.get("/", follow_redirects=False)
    assert first_run.headers["location"] == "/welcome"
    assert client.get("/welcome").status_code == 200


def test_the_done_page_never_claims_a_vault_is_gone_when_it_is_not(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    page = client.get("/settings/delete/done", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/settings/delete"


def test_another_window_keeps_everything_and_says_so(
    unlocked_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, state = unlocked_client
    # Another Anchored command has the vault open (say `anchored journal add`); no waiting.
    monkeypatch.setattr(
        AppState, "vault", property(lambda self: Vault(self.settings.data_dir, lock_wait=0))
    )
    other = Vault(state.settings.data_dir).unlock(PASSPHRASE)
    try:
        page = client.post("/settings/delete", data={"confirm": "DELETE"})
    finally:
        other.lock()
    assert page.status_code == 409
    assert "Nothing was deleted" in page.text
    assert "Your vault is locked and everything in it is as it was" in page.text
    assert sorted(os.listdir(state.settings.data_dir)) == [
        "anchored.db",
        "preferences.json",
        "vault.json",
        "vault.lock",
    ]
