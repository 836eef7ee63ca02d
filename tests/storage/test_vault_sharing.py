"""Several processes share the vault for ordinary use; only what rewrites vault.json or the
schema (migrations, passphrase change, recovery, erasing) needs it to themselves, waits a
bounded time for the others, says what it waits for, and otherwise refuses clearly."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from anchored.core.errors import VaultInUse
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.journal import service as journal
from anchored.services.vault import OpenVault
from anchored.storage import migrate
from anchored.storage.vault import Vault
from anchored.storage.vault_lock import VaultLock
from tests.support import NOW, PASSPHRASE

# About the SQLCipher vault file shared between processes: SQLCipher only (tests/postgres.py).
pytestmark = pytest.mark.sqlcipher_only

NEW_PASSPHRASE = "lantern harbour green autumn"
SHORT_WAIT = 0.3


def _bodies(opened: OpenVault) -> list[str]:
    with opened.session() as session:
        return sorted(e.body for e in journal.list_entries(session, PERSONAL_OWNER))


def _add(opened: OpenVault, body: str) -> None:
    with opened.session() as session:
        journal.add_entry(session, PERSONAL_OWNER, body, now=NOW)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.timeout(120)
def test_another_process_can_open_and_write_beside_an_open_vault(
    open_vault: OpenVault, data_dir: Path
) -> None:
    _add(open_vault, "from this process")
    other = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from anchored.features import FEATURES\n"
            "from anchored.manifest import Registry\n"
            "Registry(FEATURES).load_models()\n"
            "from anchored.core.owner import PERSONAL_OWNER\n"
            "from anchored.features.journal import service as journal\n"
            "from anchored.storage.vault import Vault\n"
            "from tests.support import NOW\n"
            f"v = Vault({str(data_dir)!r}).unlock({PASSPHRASE!r})\n"
            "with v.session() as s:\n"
            "    journal.add_entry(s, PERSONAL_OWNER, 'from the other process', now=NOW)\n"
            "print('written', flush=True)\n"
            "sys.stdin.readline()\n"
            "v.lock()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None
        assert other.stdout.readline().strip() == "written"
        _add(open_vault, "again from this process")
        assert _bodies(open_vault) == [
            "again from this process",
            "from the other process",
            "from this process",
        ]
    finally:
        other.communicate("\n", timeout=60)
    assert other.returncode == 0


@pytest.mark.parametrize("operation", ["passphrase change", "recovery", "erase"])
def test_exclusive_operations_are_refused_while_the_vault_is_open_elsewhere(
    data_dir: Path, operation: str
) -> None:
    opened, recovery = Vault(data_dir).create(PASSPHRASE, "fast")
    _add(opened, "kept")
    header_before = _digest(data_dir / "vault.json")
    waits: list[str] = []
    vault = Vault(data_dir, lock_wait=SHORT_WAIT, on_wait=waits.append)
    attempts: dict[str, Callable[[], None]] = {
        "passphrase change": lambda: vault.change_passphrase(PASSPHRASE, NEW_PASSPHRASE, "fast"),
        "recovery": lambda: vault.recover(recovery, NEW_PASSPHRASE, "fast"),
        "erase": vault.destroy,
    }
    try:
        with pytest.raises(VaultInUse) as refused:
            attempts[operation]()
        message = refused.value.message
        assert "open in another Anchored window or command" in message
        assert "Lock" in message
        assert "Nothing was changed" in message
        assert len(waits) == 1
        assert "Waiting" in waits[0]
        assert _digest(data_dir / "vault.json") == header_before
        assert _bodies(opened) == ["kept"]  # the open vault kept working
    finally:
        opened.lock()
    # Once the other one is locked, the same operation goes ahead.
    if operation == "passphrase change":
        vault.change_passphrase(PASSPHRASE, NEW_PASSPHRASE, "fast")
        vault.unlock(NEW_PASSPHRASE).lock()


def test_opening_waits_for_a_passphrase_change_and_says_so(data_dir: Path) -> None:
    Vault(data_dir).create(PASSPHRASE, "fast")[0].lock()
    holder = VaultLock(data_dir / "vault.lock")
    holder.acquire("exclusive", wait=0, reason="changing the passphrase")
    waits: list[str] = []
    try:
        with pytest.raises(VaultInUse, match="changing the passphrase"):
            Vault(data_dir, lock_wait=SHORT_WAIT, on_wait=waits.append).unlock(PASSPHRASE)
        assert waits
        assert "changing the passphrase" in waits[0]
    finally:
        holder.release()
    Vault(data_dir, lock_wait=SHORT_WAIT).unlock(PASSPHRASE).lock()


def test_a_schema_upgrade_waits_for_other_users_of_the_vault(data_dir: Path) -> None:
    opened, _ = Vault(data_dir).create(PASSPHRASE, "fast")
    migrate.downgrade(opened.engine, "0005")
    opened.lock()
    reader = VaultLock(data_dir / "vault.lock")
    reader.acquire("shared", wait=0)
    waits: list[str] = []
    try:
        with pytest.raises(VaultInUse, match="update"):
            Vault(data_dir, lock_wait=SHORT_WAIT, on_wait=waits.append).unlock(PASSPHRASE)
        assert waits
    finally:
        reader.release()
    with Vault(data_dir, lock_wait=SHORT_WAIT).unlock(PASSPHRASE) as upgraded:
        assert migrate.current_revision(upgraded.engine) == migrate.head_revision()


def test_ordinary_opens_do_not_wait_for_each_other(data_dir: Path) -> None:
    Vault(data_dir).create(PASSPHRASE, "fast")[0].lock()
    waits: list[str] = []
    first = Vault(data_dir, lock_wait=SHORT_WAIT, on_wait=waits.append).unlock(PASSPHRASE)
    second = Vault(data_dir, lock_wait=SHORT_WAIT, on_wait=waits.append).unlock(PASSPHRASE)
    try:
        _add(first, "one")
        _add(second, "two")
        assert _bodies(first) == _bodies(second) == ["one", "two"]
    finally:
        first.lock()
        second.lock()
    assert waits == []


@pytest.mark.timeout(120)
def test_a_killed_process_never_leaves_the_vault_locked(data_dir: Path) -> None:
    Vault(data_dir).create(PASSPHRASE, "fast")[0].lock()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from anchored.storage.vault import Vault\n"
            f"v = Vault({str(data_dir)!r}).unlock({PASSPHRASE!r})\n"
            "print('open', flush=True)\n"
            "sys.stdin.readline()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "open"
    holder.kill()  # no chance to lock or clean up
    holder.wait(timeout=60)
    waits: list[str] = []
    Vault(data_dir, lock_wait=SHORT_WAIT, on_wait=waits.append).change_passphrase(
        PASSPHRASE, NEW_PASSPHRASE, "fast"
    )
    assert waits == []
    Vault(data_dir).unlock(NEW_PASSPHRASE).lock()
