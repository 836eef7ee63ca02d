"""Delete everything: the vault, its keys, preferences and automatic backups go; what the
person saved stays; nothing at all goes while another window has the vault open."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from anchored.core.errors import VaultInUse
from anchored.features import FEATURES
from anchored.features.backup import service as backups
from anchored.features.delete_everything import service
from anchored.manifest import Registry
from anchored.services.vault import OpenVault, Vault
from anchored.storage import pending
from anchored.storage.preferences import write_preference
from tests.support import NOW, PASSPHRASE

# About deleting the vault folder: SQLCipher only (tests/postgres.py). Hosted mode
# deletes one person with storage.owner_data.delete_owner_data
# (tests/storage/test_atrest_postgres.py).
pytestmark = pytest.mark.sqlcipher_only

REGISTRY = Registry(FEATURES)


@pytest.fixture
def kept(open_vault: OpenVault, tmp_path: Path) -> tuple[Path, Path, Path]:
    """A vault with a country chosen, two automatic backups and one the person saved, all in
    the same synced folder. Locked, as the browser leaves it before deleting."""
    data_dir = open_vault.vault.paths.data_dir
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    write_preference(data_dir, "country", "GB")
    backups.save_auto_settings(data_dir, str(folder), "5")
    backups.rolling_backup(open_vault, now=NOW)
    own = backups.make_backup(open_vault, folder / "my-copy.anchored", now=NOW).path
    open_vault.lock()
    return data_dir, folder, own


def test_the_plan_names_what_goes(kept: tuple[Path, Path, Path]) -> None:
    data_dir, folder, own = kept
    found = service.plan(data_dir, REGISTRY)
    assert found.vault
    assert found.preferences
    assert found.by_folder == ((folder.resolve(), 1),)
    assert own not in found.app_made


def test_everything_anchored_made_goes_and_the_persons_own_copy_stays(
    kept: tuple[Path, Path, Path],
) -> None:
    data_dir, folder, own = kept
    done = service.delete_everything(Vault(data_dir), REGISTRY)
    assert done.app_made_removed == 1
    assert os.listdir(data_dir) == ["vault.lock"]  # empty: nothing secret in it
    assert os.listdir(folder) == [own.name]
    assert not Vault(data_dir).exists()
    after = service.plan(data_dir, REGISTRY)
    assert not after.vault
    assert not after.preferences
    assert not after.app_made


def test_nothing_goes_while_another_window_has_the_vault_open(
    kept: tuple[Path, Path, Path],
) -> None:
    data_dir, folder, _own = kept
    before = sorted(os.listdir(data_dir)), sorted(os.listdir(folder))
    other = Vault(data_dir).unlock(PASSPHRASE)
    try:
        with pytest.raises(VaultInUse):
            service.delete_everything(Vault(data_dir, lock_wait=0), REGISTRY)
    finally:
        other.lock()
    assert (sorted(os.listdir(data_dir)), sorted(os.listdir(folder))) == before


def test_a_delete_killed_half_way_is_finished_by_the_next_look(
    kept: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir, _folder, _own = kept
    real = pending.overwrite_and_remove

    class Killed(BaseException):
        pass

    def dies_after_the_keys(path: Path) -> None:
        real(path)
        raise Killed

    monkeypatch.setattr(pending, "overwrite_and_remove", dies_after_the_keys)
    with pytest.raises(Killed):
        service.delete_everything(Vault(data_dir), REGISTRY)
    monkeypatch.undo()
    assert not (data_dir / "vault.json").exists()
    assert (data_dir / "anchored.db").exists()  # half done...
    assert not Vault(data_dir).exists()  # ...and finished by the next process to look
    assert os.listdir(data_dir) == ["vault.lock"]


def test_the_vault_is_written_over_before_it_is_removed(
    kept: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir, _folder, _own = kept
    seen: dict[str, bytes] = {}
    real_unlink = Path.unlink

    def look_then_unlink(path: Path, missing_ok: bool = False) -> None:
        if path.parent == data_dir and path.name in {"vault.json", "anchored.db"}:
            seen[path.name] = path.read_bytes()
        real_unlink(path, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", look_then_unlink)
    service.delete_everything(Vault(data_dir), REGISTRY)
    assert set(seen) == {"vault.json", "anchored.db"}
    assert all(content == bytes(len(content)) for content in seen.values())
