"""The vault: round trip, wrong secrets, recovery, re-wrap, tampering, locking."""

from __future__ import annotations

import atexit
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import text

from anchored.core.errors import (
    DatabaseDamaged,
    NoVault,
    VaultExists,
    VaultFileDamaged,
    VaultInUse,
    VaultLocked,
    WrongPassphrase,
    WrongRecoveryKey,
)
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.journal import service as journal
from anchored.storage.vault import Vault
from tests.support import NOW

# About the SQLCipher vault itself: SQLCipher only (tests/postgres.py).
pytestmark = pytest.mark.sqlcipher_only

PASSPHRASE = "river stone quiet morning"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


_MADE: dict[str, tuple[Path, str]] = {}


def _write_and_lock(data_dir: Path, body: str) -> str:
    """A new vault in ``data_dir`` holding one entry, locked; returns its recovery key.

    The first vault with each ``body`` is created for real in this test process; later ones
    are copies of it (creating and migrating a vault costs about a second), each test's own."""
    if body in _MADE:
        made, recovery = _MADE[body]
        shutil.copytree(made, data_dir)
        return recovery
    opened, recovery = Vault(data_dir).create(PASSPHRASE, "fast")
    with opened.session() as session:
        journal.add_entry(session, PERSONAL_OWNER, body, now=NOW)
    opened.lock()
    folder = tempfile.mkdtemp(prefix="anchored-vault-test-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    shutil.copytree(data_dir, Path(folder) / "vault")
    _MADE[body] = (Path(folder) / "vault", recovery)
    return recovery


def _bodies(data_dir: Path, passphrase: str = PASSPHRASE) -> list[str]:
    with Vault(data_dir).unlock(passphrase) as opened, opened.session() as session:
        return [e.body for e in journal.list_entries(session, PERSONAL_OWNER)]


def test_round_trip_create_write_lock_unlock_read(data_dir: Path) -> None:
    _write_and_lock(data_dir, "The first thing I wrote.")
    assert _bodies(data_dir) == ["The first thing I wrote."]


def test_vault_json_holds_parameters_but_no_key(data_dir: Path) -> None:
    opened, _ = Vault(data_dir).create(PASSPHRASE, "fast")
    key_hex = bytes(opened._data_key).hex()
    opened.lock()
    header = json.loads((data_dir / "vault.json").read_text())
    assert header["version"] == 1
    slot = header["slots"]["passphrase"]
    assert (slot["kdf"], slot["time_cost"], slot["memory_kib"]) == ("argon2id", 1, 8192)
    assert {"salt", "nonce", "wrapped_key"} <= set(slot)
    assert key_hex not in json.dumps(header)


def test_database_cannot_be_read_without_the_key(data_dir: Path) -> None:
    _write_and_lock(data_dir, "secret words")
    import sqlite3

    with pytest.raises(sqlite3.DatabaseError), sqlite3.connect(data_dir / "anchored.db") as db:
        db.execute("SELECT * FROM sqlite_master").fetchall()


def test_lock_disposes_engine_and_wipes_key(data_dir: Path) -> None:
    opened, _ = Vault(data_dir).create(PASSPHRASE, "fast")
    key = opened._data_key
    opened.lock()
    assert bytes(key) == bytes(len(key))
    assert not opened.is_open
    with pytest.raises(VaultLocked), opened.session():
        pass


def test_wrong_passphrase_fails_cleanly(data_dir: Path) -> None:
    _write_and_lock(data_dir, "kept")
    with pytest.raises(WrongPassphrase) as caught:
        Vault(data_dir).unlock("not the passphrase")
    assert "anchored recover" in caught.value.message
    # The failed attempt left the vault usable.
    assert _bodies(data_dir) == ["kept"]


def test_recovery_key_unlocks(data_dir: Path) -> None:
    recovery = _write_and_lock(data_dir, "kept")
    with Vault(data_dir).unlock_with_recovery(recovery) as opened, opened.session() as s:
        assert [e.body for e in journal.list_entries(s, PERSONAL_OWNER)] == ["kept"]


def test_wrong_recovery_key_fails(data_dir: Path) -> None:
    _write_and_lock(data_dir, "kept")
    other = Vault(data_dir.parent / "other").create(PASSPHRASE, "fast")
    other[0].lock()
    with pytest.raises(WrongRecoveryKey):
        Vault(data_dir).unlock_with_recovery(other[1])


def test_change_passphrase_rewraps_without_touching_the_database(data_dir: Path) -> None:
    _write_and_lock(data_dir, "kept")
    before = {p.name: _digest(p) for p in data_dir.glob("anchored.db*")}
    Vault(data_dir).change_passphrase(PASSPHRASE, "a brand new phrase for me", "fast")
    after = {p.name: _digest(p) for p in data_dir.glob("anchored.db*")}
    assert before == after
    with pytest.raises(WrongPassphrase):
        Vault(data_dir).unlock(PASSPHRASE)
    assert _bodies(data_dir, "a brand new phrase for me") == ["kept"]


def test_change_passphrase_with_wrong_current_changes_nothing(data_dir: Path) -> None:
    _write_and_lock(data_dir, "kept")
    header_before = (data_dir / "vault.json").read_bytes()
    with pytest.raises(WrongPassphrase):
        Vault(data_dir).change_passphrase("wrong one here", "another new phrase", "fast")
    assert (data_dir / "vault.json").read_bytes() == header_before


def test_recover_sets_a_new_passphrase_and_keeps_the_recovery_key(data_dir: Path) -> None:
    recovery = _write_and_lock(data_dir, "kept")
    Vault(data_dir).recover(recovery, "found my way back in", "fast")
    assert _bodies(data_dir, "found my way back in") == ["kept"]
    Vault(data_dir).unlock_with_recovery(recovery).lock()


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("slots", "passphrase", "memory_kib"), 16384),
        (("slots", "passphrase", "salt"), "AAAAAAAAAAAAAAAAAAAAAA=="),
        (("slots", "passphrase", "salt"), "not base64 at all!"),
        (("slots", "passphrase", "nonce"), "%%%"),
        (("slots", "recovery", "wrapped_key"), "AAAA"),
        (("schema_revision",), "9999"),
        (("created_at",), "2001-01-01T00:00:00+00:00"),
    ],
)
def test_tampered_vault_json_is_refused_and_database_untouched(
    data_dir: Path, path: tuple[str, ...], value: object
) -> None:
    _write_and_lock(data_dir, "kept")
    header_path = data_dir / "vault.json"
    header = json.loads(header_path.read_text())
    node = header
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    header_path.write_text(json.dumps(header))
    db_before = _digest(data_dir / "anchored.db")
    with pytest.raises((VaultFileDamaged, WrongPassphrase)):
        Vault(data_dir).unlock(PASSPHRASE)
    assert _digest(data_dir / "anchored.db") == db_before


def test_changes_outside_the_passphrase_slot_are_called_tampering(data_dir: Path) -> None:
    _write_and_lock(data_dir, "kept")
    header_path = data_dir / "vault.json"
    header = json.loads(header_path.read_text())
    header["created_at"] = "2001-01-01T00:00:00+00:00"
    header_path.write_text(json.dumps(header))
    with pytest.raises(VaultFileDamaged, match="changed outside Anchored"):
        Vault(data_dir).unlock(PASSPHRASE)


@pytest.mark.parametrize("content", [b"", b"{not json", b"[]", b'{"format": "other"}', b"\xff\xfe"])
def test_unreadable_vault_json_gives_a_clear_message(data_dir: Path, content: bytes) -> None:
    _write_and_lock(data_dir, "kept")
    (data_dir / "vault.json").write_bytes(content)
    db_before = _digest(data_dir / "anchored.db")
    with pytest.raises(VaultFileDamaged, match="damaged"):
        Vault(data_dir).unlock(PASSPHRASE)
    assert _digest(data_dir / "anchored.db") == db_before


def test_missing_vault_json_is_explained(data_dir: Path) -> None:
    _write_and_lock(data_dir, "kept")
    (data_dir / "vault.json").unlink()
    with pytest.raises(VaultFileDamaged, match="missing"):
        Vault(data_dir).unlock(PASSPHRASE)


def test_database_from_another_vault_is_refused(data_dir: Path, tmp_path: Path) -> None:
    _write_and_lock(data_dir, "kept")
    other = tmp_path / "other"
    _write_and_lock(other, "other")
    (data_dir / "anchored.db").write_bytes((other / "anchored.db").read_bytes())
    with pytest.raises(DatabaseDamaged):
        Vault(data_dir).unlock(PASSPHRASE)


def test_no_vault_says_how_to_create_one(data_dir: Path) -> None:
    with pytest.raises(NoVault, match="anchored init"):
        Vault(data_dir).unlock(PASSPHRASE)


def test_create_over_existing_vault_is_refused(data_dir: Path) -> None:
    _write_and_lock(data_dir, "kept")
    with pytest.raises(VaultExists):
        Vault(data_dir).create("another passphrase here", "fast")
    assert _bodies(data_dir) == ["kept"]


def test_vault_open_in_another_process_is_shared_but_not_rewrapped(data_dir: Path) -> None:
    # Ordinary use is shared (issue: the CLI beside the browser app); re-wrapping is not.
    _write_and_lock(data_dir, "kept")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from anchored.storage.vault import Vault\n"
            f"v = Vault({str(data_dir)!r}).unlock({PASSPHRASE!r})\n"
            "print('open', flush=True)\n"
            "sys.stdin.readline()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        Vault(data_dir).unlock(PASSPHRASE).lock()
        with pytest.raises(VaultInUse, match="open in another"):
            Vault(data_dir, lock_wait=0.2).change_passphrase(PASSPHRASE, "another one here", "fast")
    finally:
        holder.communicate("\n", timeout=30)
    assert _bodies(data_dir) == ["kept"]


def test_sqlcipher_settings_are_applied(open_vault) -> None:  # type: ignore[no-untyped-def]
    with open_vault.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA cipher_version")).scalar().startswith("4.")
