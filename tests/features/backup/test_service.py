"""Backups: written while the vault is open, encrypted with its key, restored byte for byte;
damaged, foreign or newer files refused without touching the vault; automatic backups."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from anchored.core.errors import (
    InvalidInput,
    VaultInUse,
    WrongPassphrase,
    WrongRecoveryKey,
)
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.backup import rules, service
from anchored.features.journal import service as journal
from anchored.services.vault import OpenVault, Vault
from anchored.storage import backup as backup_file
from anchored.storage import pending
from anchored.storage.preferences import read_preferences
from tests.features.backup.helpers import (
    bytes_on_disk,
    every_row,
    fill_every_feature,
    rows_of,
)
from tests.support import NOW, PASSPHRASE

# Backups are copies of the vault file: SQLCipher only (tests/postgres.py).
pytestmark = pytest.mark.sqlcipher_only

OTHER_PASSPHRASE = "a different passphrase for another day"


def _entry(opened: OpenVault, body: str) -> None:
    with opened.session() as session:
        journal.add_entry(session, PERSONAL_OWNER, body, now=NOW)


def _bodies(data_dir: Path, passphrase: str = PASSPHRASE) -> set[str]:
    with Vault(data_dir).unlock(passphrase) as opened, opened.session() as session:
        return {entry.body for entry in journal.list_entries(session, PERSONAL_OWNER)}


def _files(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data_dir.iterdir()) if p.is_file()}


@pytest.fixture
def made(open_vault: OpenVault, tmp_path: Path) -> Path:
    """A backup holding one entry ("in the backup"), and one entry written after it."""
    _entry(open_vault, "in the backup")
    out = tmp_path / "mine.anchored"
    service.make_backup(open_vault, out, now=NOW)
    _entry(open_vault, "written after")
    open_vault.lock()
    return out


# -- writing ---------------------------------------------------------------------------------


def test_every_record_of_every_feature_survives_the_round_trip_byte_for_byte(
    open_vault: OpenVault, tmp_path: Path
) -> None:
    markers = fill_every_feature(open_vault)
    before = every_row(open_vault)
    out = tmp_path / "all.anchored"
    service.make_backup(open_vault, out, now=NOW)
    open_vault.lock()

    restored = tmp_path / "elsewhere"
    service.restore(Vault(restored), service.read_backup(out), passphrase=PASSPHRASE)

    after = rows_of(restored)
    assert after == before
    compared = sum(len(rows) for rows in after.values())
    assert compared > 100
    assert len(markers) > 15
    assert "journal_entries" in after
    assert "search_index" in " ".join(after)


def test_a_backup_holds_no_plain_text_of_what_was_written(
    open_vault: OpenVault, tmp_path: Path
) -> None:
    markers = fill_every_feature(open_vault)
    out = tmp_path / "backups" / "b.anchored"
    out.parent.mkdir()
    written = service.make_backup(open_vault, out, now=NOW)
    assert written.path == out
    assert written.size == out.stat().st_size
    everything = bytes_on_disk(tmp_path)  # the backup, its folder and the vault's folder
    for text in markers:
        assert text.split()[-1].encode() not in everything
    assert b"SQLite format 3" not in out.read_bytes()
    # Nothing was left behind: no snapshot in the vault's folder, no part next to the backup.
    assert sorted(os.listdir(out.parent)) == ["b.anchored"]
    assert not [n for n in os.listdir(open_vault.vault.paths.data_dir) if n.startswith(".")]


def test_a_backup_is_taken_while_others_keep_writing(open_vault: OpenVault, tmp_path: Path) -> None:
    other = Vault(open_vault.vault.paths.data_dir).unlock(PASSPHRASE)  # another window
    try:
        _entry(other, "from the other window")
        service.make_backup(open_vault, tmp_path / "b.anchored", now=NOW)
        _entry(other, "after the backup")
    finally:
        other.lock()
    open_vault.lock()
    service.restore(
        Vault(tmp_path / "r"), service.read_backup(tmp_path / "b.anchored"), passphrase=PASSPHRASE
    )
    assert _bodies(tmp_path / "r") == {"from the other window"}


def test_a_backup_that_fails_leaves_nothing_under_its_name(
    open_vault: OpenVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "b.anchored"

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup_file.os, "fsync", disk_full)
    with pytest.raises(backup_file.BackupFailed, match="No space left"):
        service.make_backup(open_vault, out, now=NOW)
    assert os.listdir(tmp_path) == [open_vault.vault.paths.data_dir.name]
    assert not [n for n in os.listdir(open_vault.vault.paths.data_dir) if n.startswith(".")]


def test_half_made_files_of_a_process_that_died_are_removed_by_the_next_backup(
    open_vault: OpenVault, tmp_path: Path
) -> None:
    dead = 2**22 + 12345  # above any pid this system hands out
    scraps = [
        tmp_path / f".anchored-backup-{dead}-abc_12.part",
        open_vault.vault.paths.data_dir / f".backup-{dead}-xyz_9.db",
        open_vault.vault.paths.data_dir / f".backup-{dead}-xyz_9.db-journal",
    ]
    for scrap in scraps:
        scrap.write_bytes(b"half")
    theirs = tmp_path / ".anchored-backup-notes.txt"
    theirs.write_text("not ours")
    service.make_backup(open_vault, tmp_path / "b.anchored", now=NOW)
    assert not any(scrap.exists() for scrap in scraps)
    assert theirs.exists()


@pytest.mark.parametrize("where", ["missing/b.anchored", "."])
def test_a_backup_needs_a_file_in_a_folder_that_exists(
    open_vault: OpenVault, tmp_path: Path, where: str
) -> None:
    with pytest.raises(backup_file.BackupFailed):
        service.make_backup(open_vault, tmp_path / where, now=NOW)


# -- restoring -------------------------------------------------------------------------------


def test_a_backup_restores_into_an_empty_folder_with_passphrase_or_recovery_key(
    made: Path, tmp_path: Path
) -> None:
    backup = service.read_backup(made)
    assert backup.created_at == NOW
    service.restore(Vault(tmp_path / "one"), backup, passphrase=PASSPHRASE)
    assert _bodies(tmp_path / "one") == {"in the backup"}


def test_the_recovery_key_opens_a_backup(tmp_path: Path) -> None:
    opened, recovery_key = Vault(tmp_path / "v").create(PASSPHRASE, "fast")
    with opened:
        _entry(opened, "kept safe")
        service.make_backup(opened, tmp_path / "b.anchored", now=NOW)
    backup = service.read_backup(tmp_path / "b.anchored")
    with pytest.raises(WrongRecoveryKey):
        service.restore(Vault(tmp_path / "r"), backup, recovery_key="0000-" * 7 + "0000")
    service.restore(Vault(tmp_path / "r"), backup, recovery_key=recovery_key.lower())
    assert _bodies(tmp_path / "r") == {"kept safe"}


def test_restoring_replaces_the_vault_and_keeps_nothing_aside(made: Path, data_dir: Path) -> None:
    assert _bodies(data_dir) == {"in the backup", "written after"}
    service.restore(Vault(data_dir), service.read_backup(made), passphrase=PASSPHRASE)
    assert _bodies(data_dir) == {"in the backup"}
    assert sorted(os.listdir(data_dir)) == ["anchored.db", "vault.json", "vault.lock"]


def test_the_restored_vault_opens_with_the_passphrase_of_the_backups_day(
    made: Path, data_dir: Path
) -> None:
    Vault(data_dir).change_passphrase(PASSPHRASE, OTHER_PASSPHRASE, "fast")
    service.restore(Vault(data_dir), service.read_backup(made), passphrase=PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        Vault(data_dir).unlock(OTHER_PASSPHRASE)
    assert _bodies(data_dir) == {"in the backup"}


def _refused(data_dir: Path, backup_path: Path, match: str) -> None:
    before = _files(data_dir)
    with pytest.raises(backup_file.BackupRefused, match=match) as caught:
        service.restore(Vault(data_dir), service.read_backup(backup_path), passphrase=PASSPHRASE)
    assert caught.value.exit_code == 2
    assert "Nothing was changed" in caught.value.message
    assert _files(data_dir) == before
    assert _bodies(data_dir) == {"in the backup", "written after"}


def test_a_changed_byte_in_the_database_is_refused_and_the_vault_untouched(
    made: Path, data_dir: Path
) -> None:
    raw = bytearray(made.read_bytes())
    raw[-5000] ^= 0x01
    made.write_bytes(bytes(raw))
    _refused(data_dir, made, "damaged")


def test_a_backup_cut_short_is_refused(made: Path, data_dir: Path) -> None:
    made.write_bytes(made.read_bytes()[:-4096])
    _refused(data_dir, made, "cut short")


@pytest.mark.parametrize(
    "content", [b"", b"PK\x03\x04 a zip file", b"SQLite format 3\x00" + bytes(4096)]
)
def test_a_file_that_is_no_backup_is_refused(made: Path, data_dir: Path, content: bytes) -> None:
    made.write_bytes(content)
    _refused(data_dir, made, "not an Anchored backup")


def test_a_backup_whose_vault_file_was_changed_is_refused(made: Path, data_dir: Path) -> None:
    """The vault.json inside a backup is signed with the data key: a changed field is found
    once the key is unwrapped, before anything is written."""
    created = service.read_backup(made).header.created_at
    changed = created.replace(created[:4], str(int(created[:4]) - 1))
    raw = made.read_bytes()
    made.write_bytes(
        raw.replace(f'"created_at":"{created}"'.encode(), f'"created_at":"{changed}"'.encode())
    )
    assert made.read_bytes() != raw
    _refused(data_dir, made, "damaged")


def test_a_backup_from_a_newer_anchored_is_refused(made: Path, data_dir: Path) -> None:
    revision = service.read_backup(made).schema_revision
    raw = made.read_bytes()
    made.write_bytes(
        raw.replace(f'"schema_revision":"{revision}"'.encode(), b'"schema_revision":"9999"', 1)
    )
    _refused(data_dir, made, "newer version of Anchored")


def test_the_wrong_passphrase_changes_nothing(made: Path, data_dir: Path) -> None:
    before = _files(data_dir)
    with pytest.raises(WrongPassphrase, match="opens with the passphrase you had"):
        service.restore(Vault(data_dir), service.read_backup(made), passphrase=OTHER_PASSPHRASE)
    assert _files(data_dir) == before


def test_restoring_waits_for_the_browser_to_lock_and_otherwise_changes_nothing(
    made: Path, data_dir: Path
) -> None:
    browser = Vault(data_dir).unlock(PASSPHRASE)  # the browser app, unlocked
    try:
        before = _files(data_dir)
        with pytest.raises(VaultInUse, match="Lock it in the browser"):
            service.restore(
                Vault(data_dir, lock_wait=0), service.read_backup(made), passphrase=PASSPHRASE
            )
        assert _files(data_dir) == before
    finally:
        browser.lock()


class Killed(BaseException):
    """The process died here: nothing after this line ran, not even clean-up."""


def test_a_restore_killed_at_any_step_leaves_the_old_vault(made: Path, data_dir: Path) -> None:
    """Each rename of a restore is a moment it could die. Dying at each in turn (the lock
    goes with the process; the next process to look settles what is left) always leaves
    the old vault, whole; a restore that lives through its last rename stands."""
    backup = service.read_backup(made)
    real_replace = os.replace
    step = 0
    while True:
        calls = 0

        def replace(src: object, dst: object, *, at: int = step) -> None:
            nonlocal calls
            if calls == at:
                raise Killed
            calls += 1
            real_replace(src, dst)  # type: ignore[arg-type]

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(os, "replace", replace)
            patch.setattr(pending, "roll_back", _dies)  # no clean-up: the process is gone
            try:
                service.restore(Vault(data_dir), backup, passphrase=PASSPHRASE)
                died = False
            except Killed:
                died = True
        if not died:
            break
        # The next Anchored process to look, running the real code.
        assert _bodies_after_settling(data_dir) == {"in the backup", "written after"}, step
        step += 1
    assert step >= 4  # the marker, the old files aside, the new ones in place
    assert _bodies_after_settling(data_dir) == {"in the backup"}


def _dies(*_args: object) -> None:
    raise Killed


def _bodies_after_settling(data_dir: Path) -> set[str]:
    bodies = _bodies(data_dir)
    assert not [name for name in os.listdir(data_dir) if name.startswith(".")]
    assert not (data_dir / pending.PENDING_NAME).exists()
    with Vault(data_dir).unlock(PASSPHRASE) as opened:
        assert opened.check_integrity().intact
    return bodies


def test_a_restore_killed_after_it_stood_keeps_the_restored_vault(
    made: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dies_before_tidying(_data_dir: Path) -> None:
        (data_dir / pending.PENDING_NAME).unlink()
        raise Killed

    monkeypatch.setattr(pending, "remove_scraps", lambda _d: None)
    monkeypatch.setattr(pending, "done", dies_before_tidying)
    with pytest.raises(Killed):
        service.restore(Vault(data_dir), service.read_backup(made), passphrase=PASSPHRASE)
    assert (data_dir / pending.ASIDE_NAME).exists()
    monkeypatch.undo()
    assert _bodies(data_dir) == {"in the backup"}
    assert not (data_dir / pending.ASIDE_NAME).exists()


# -- automatic backups -----------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    chosen = tmp_path / "Dropbox" / "Anchored"
    chosen.mkdir(parents=True)
    return chosen


def test_automatic_backups_are_off_until_a_folder_is_chosen(open_vault: OpenVault) -> None:
    data_dir = open_vault.vault.paths.data_dir
    assert not service.auto_settings(data_dir).on
    service.after_unlock(open_vault, PERSONAL_OWNER, now=NOW)
    assert not service.auto_due(data_dir, now=NOW)
    with pytest.raises(backup_file.BackupFailed, match="No folder"):
        service.rolling_backup(open_vault, now=NOW)


def test_one_automatic_backup_a_day_and_only_the_newest_stay(
    open_vault: OpenVault, folder: Path
) -> None:
    data_dir = open_vault.vault.paths.data_dir
    service.save_auto_settings(data_dir, str(folder), "3")
    theirs = [folder / "anchored-backup-2026-11-30.anchored", folder / "notes.txt"]
    for path in theirs:
        path.write_text("the person's own")
    service.after_unlock(open_vault, PERSONAL_OWNER, now=NOW)
    service.after_unlock(open_vault, PERSONAL_OWNER, now=NOW + timedelta(hours=1))
    assert [b.made_at for b in service.auto_backups(folder)] == [NOW]
    for day in range(1, 5):
        service.after_unlock(open_vault, PERSONAL_OWNER, now=NOW + timedelta(days=day))
    made = service.auto_backups(folder)
    assert [b.made_at for b in made] == [NOW + timedelta(days=d) for d in (4, 3, 2)]
    assert all(path.exists() for path in theirs)
    assert service.app_made(data_dir) == [b.path for b in made]
    assert all(service.read_backup(b.path).created_at == b.made_at for b in made)


def test_a_missing_folder_is_noted_and_never_keeps_the_vault_shut(
    open_vault: OpenVault, folder: Path
) -> None:
    data_dir = open_vault.vault.paths.data_dir
    service.save_auto_settings(data_dir, str(folder), "")
    folder.rename(folder.with_name("unplugged"))
    service.after_unlock(open_vault, PERSONAL_OWNER, now=NOW)  # no error
    assert "is not there" in service.auto_settings(data_dir).problem
    folder.with_name("unplugged").rename(folder)
    service.rolling_backup(open_vault, now=NOW)
    assert service.auto_settings(data_dir).problem == ""


def test_automatic_backup_settings_are_checked(open_vault: OpenVault, tmp_path: Path) -> None:
    data_dir = open_vault.vault.paths.data_dir
    for folder_text, keep, field in [
        ("", "3", "folder"),
        ("relative/folder", "3", "folder"),
        (str(tmp_path / "nowhere"), "3", "folder"),
        (str(data_dir), "3", "folder"),
        (str(tmp_path), "0", "keep"),
    ]:
        with pytest.raises(InvalidInput) as caught:
            service.save_auto_settings(data_dir, folder_text, keep)
        assert list(caught.value.errors) == [field]
    assert not service.auto_settings(data_dir).on


def test_the_settings_say_nothing_written_and_turning_off_keeps_the_backups(
    open_vault: OpenVault, folder: Path
) -> None:
    data_dir = open_vault.vault.paths.data_dir
    service.save_auto_settings(data_dir, str(folder), "5")
    assert read_preferences(data_dir) == {
        "backup_folder": str(folder.resolve()),
        "backup_keep": "5",
        "backup_problem": "",
    }
    service.rolling_backup(open_vault, now=NOW)
    service.turn_off_auto(data_dir)
    assert not service.auto_settings(data_dir).on
    assert len(os.listdir(folder)) == 1


def test_only_files_that_are_backups_count_as_automatic_ones(
    open_vault: OpenVault, folder: Path
) -> None:
    service.save_auto_settings(open_vault.vault.paths.data_dir, str(folder), "1")
    lookalike = folder / rules.auto_name(NOW - timedelta(days=9))
    lookalike.write_text("not a backup, whatever its name")
    service.rolling_backup(open_vault, now=NOW)
    assert lookalike.exists()
    assert [b.made_at for b in service.auto_backups(folder)] == [NOW]


def test_a_database_changed_and_checksummed_again_is_refused_by_its_own_pages(
    made: Path, data_dir: Path
) -> None:
    """Even with a checksum made to match, each page's authentication code (SQLCipher's,
    keyed) gives the change away before the backup is put in place."""
    import hashlib
    import struct

    raw = bytearray(made.read_bytes())
    (length,) = struct.unpack(">I", raw[16:20])
    start = 20 + length
    old_digest = hashlib.sha256(raw[start:]).hexdigest()
    raw[start + 3 * 4096 + 100] ^= 0x01
    new_digest = hashlib.sha256(raw[start:]).hexdigest()
    made.write_bytes(bytes(raw).replace(old_digest.encode(), new_digest.encode()))
    _refused(data_dir, made, "damaged")
