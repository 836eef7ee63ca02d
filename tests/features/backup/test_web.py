"""The Backups page: download a backup, automatic backups on and off, made when unlocking."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from anchored.features.backup import service
from anchored.services.vault import Vault
from anchored.web.state import AppState
from tests.support import NOW, PASSPHRASE, FakeClock, unlock_for, write_entry

Client = tuple[TestClient, AppState]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW.timestamp())


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    chosen = tmp_path / "synced"
    chosen.mkdir()
    return chosen


def test_the_page_opens_and_says_what_a_backup_holds(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/settings/backup")
    assert page.status_code == 200
    assert "Download a backup" in page.text
    assert "Automatic backups" in page.text
    assert "Off." in page.text
    assert "anchored restore FILE" in page.text
    assert 'action="/settings/backup/download"' in page.text


def test_the_page_is_behind_the_unlock(locked_client: Client) -> None:
    client, _state = locked_client
    page = client.get("/settings/backup", follow_redirects=False)
    assert page.headers["location"] == unlock_for("/settings/backup")


def test_download_gives_one_encrypted_file_that_restores(
    unlocked_client: Client, tmp_path: Path
) -> None:
    client, state = unlocked_client
    write_entry(client, "lanternquince words of mine")
    response = client.post("/settings/backup/download")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"] == (
        'attachment; filename="anchored-backup-2026-12-01.anchored"'
    )
    assert b"lanternquince" not in response.content
    saved = tmp_path / "downloaded.anchored"
    saved.write_bytes(response.content)
    # The temporary file is gone once sent: nothing stays beside the vault.
    assert not [n for n in os.listdir(state.settings.data_dir) if n.startswith(".")]
    target = Vault(tmp_path / "restored")
    service.restore(target, service.read_backup(saved), passphrase=PASSPHRASE)
    with target.unlock(PASSPHRASE) as opened, opened.session() as session:
        bodies = session.execute(text("SELECT body FROM journal_entries")).scalars().all()
    assert bodies == ["lanternquince words of mine"]


def test_turning_automatic_backups_on_makes_the_first_one(
    unlocked_client: Client, folder: Path
) -> None:
    client, _state = unlocked_client
    saved = client.post(
        "/settings/backup/automatic",
        data={"folder": str(folder), "keep": "3", "turn": "on"},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == "/settings/backup?saved=on"
    page = client.get(saved.headers["location"])
    assert "Automatic backups are on." in page.text
    assert str(folder) in page.text
    assert "keeps the newest 3" in page.text
    assert len(service.auto_backups(folder)) == 1
    assert "Tue 1 Dec 2026" in page.text  # listed in local time


def test_a_folder_that_does_not_exist_is_refused_and_kept_in_the_form(
    unlocked_client: Client, tmp_path: Path
) -> None:
    client, state = unlocked_client
    missing = tmp_path / "not here"
    page = client.post(
        "/settings/backup/automatic", data={"folder": str(missing), "keep": "99", "turn": "on"}
    )
    assert page.status_code == 422
    assert "There is no folder at that path" in page.text
    assert "Choose a number from 1 to 60" in page.text
    assert f'value="{missing}"' in page.text
    assert 'aria-invalid="true"' in page.text
    assert not service.auto_settings(state.settings.data_dir).on


def test_turning_them_off_keeps_the_ones_made(unlocked_client: Client, folder: Path) -> None:
    client, state = unlocked_client
    client.post("/settings/backup/automatic", data={"folder": str(folder), "turn": "on"})
    page = client.post("/settings/backup/automatic", data={"turn": "off"})
    assert "Automatic backups are off" in page.text
    assert not service.auto_settings(state.settings.data_dir).on
    assert len(service.auto_backups(folder)) == 1


def test_unlocking_makes_at_most_one_automatic_backup_a_day(
    unlocked_client: Client, folder: Path, clock: FakeClock
) -> None:
    client, state = unlocked_client
    service.save_auto_settings(state.settings.data_dir, str(folder), "2")

    def lock_and_unlock() -> None:
        client.post("/lock")
        response = client.post("/unlock", data={"passphrase": PASSPHRASE}, follow_redirects=False)
        assert response.status_code == 303

    lock_and_unlock()
    lock_and_unlock()
    assert len(service.auto_backups(folder)) == 1
    for _day in range(3):
        clock.now += timedelta(days=1).total_seconds()
        lock_and_unlock()
    made = service.auto_backups(folder)
    assert [b.made_at for b in made] == [NOW + timedelta(days=3), NOW + timedelta(days=2)]


def test_an_unreachable_folder_never_keeps_the_vault_shut(
    unlocked_client: Client, folder: Path
) -> None:
    client, state = unlocked_client
    service.save_auto_settings(state.settings.data_dir, str(folder), "2")
    folder.rmdir()
    client.post("/lock")
    response = client.post("/unlock", data={"passphrase": PASSPHRASE}, follow_redirects=False)
    assert response.status_code == 303
    assert state.is_unlocked
    page = client.get("/settings/backup")
    assert "The last automatic backup was not made" in page.text
    assert "is drive connected" not in page.text
    assert "is the drive connected?" in page.text


def test_the_tools_page_lists_backups_and_delete_everything(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/tools")
    assert "Settings and your data" in page.text
    assert 'href="/settings/backup"' in page.text
    assert 'href="/settings/delete"' in page.text
