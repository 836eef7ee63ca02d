"""What stays in memory after Lock: SQLCipher wipes what it frees, and no copy of the data
key (raw or as the hex text of a ``PRAGMA key``) or of a passphrase given as bytes is left.

The memory test runs the vault in a child process and reads that process's memory from here
(Linux ``/proc/<pid>/mem``), so the needles we look for never exist in the child."""

from __future__ import annotations

import json
import secrets
import string
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from anchored.core.errors import VaultLocked
from anchored.services.vault import OpenVault
from anchored.storage import keys
from anchored.storage.engine import create_vault_engine
from anchored.storage.header import Header
from anchored.storage.vault import Vault

# About the SQLCipher vault itself: SQLCipher only (tests/postgres.py).
pytestmark = pytest.mark.sqlcipher_only


def test_sqlcipher_memory_security_is_on(open_vault: OpenVault) -> None:
    with open_vault.engine.connect() as conn:
        assert conn.execute(text("PRAGMA cipher_memory_security")).scalar() in (1, "1")


def test_the_key_is_never_sql_text(data_dir: Path) -> None:
    """The key goes to SQLCipher as bytes: no statement holds it (the driver caches
    statements, and SQLite keeps their text, for as long as a connection lives)."""
    opened, _ = Vault(data_dir).create("river stone quiet morning", "fast")
    key_hex = bytes(opened._data_key).hex()
    statements: list[str] = []

    def trace(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.set_trace_callback(statements.append)

    engine = create_vault_engine(data_dir / "anchored.db", opened._data_key)
    event.listen(engine, "connect", trace, insert=True)  # before the keying listener
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
    finally:
        engine.dispose()
        opened.lock()
    assert statements  # the trace saw the connection's statements...
    keyed = [s for s in statements if key_hex in s.lower() or "pragma key" in s.lower()]
    assert keyed == []  # ...and none of them carries the key


def test_a_wiped_key_is_never_used_to_open_a_connection(open_vault: OpenVault) -> None:
    # A request still holding the engine when Lock is pressed gets "locked", not "damaged".
    engine = open_vault.engine
    open_vault.lock()
    with pytest.raises(VaultLocked):
        engine.connect()


def test_lock_closes_connections_and_drops_the_engine(open_vault: OpenVault) -> None:
    engine = open_vault.engine
    with open_vault.session() as session:
        session.execute(text("SELECT 1"))
    assert engine.pool.checkedin() >= 1
    open_vault.lock()
    assert engine.pool.checkedin() == 0
    assert open_vault._engine is None
    assert open_vault._sessions is None


CHILD = """
import io, sys
from datetime import UTC, datetime
from anchored.features import FEATURES
from anchored.manifest import Registry
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.journal import service as journal

Registry(FEATURES).load_models()
from anchored.storage.vault import Vault

passphrase = bytearray(64)
n = io.FileIO(0, closefd=False).readinto(passphrase)
del passphrase[n:]
opened = Vault(sys.argv[1]).unlock(passphrase)
passphrase[:] = bytes(len(passphrase))
with opened.session() as session:
    journal.add_entry(session, PERSONAL_OWNER, "written while open", now=datetime.now(UTC))
    assert len(journal.list_entries(session, PERSONAL_OWNER)) == 1
opened.lock()
print("locked", flush=True)
sys.stdin.readline()
"""


def _regions(pid: int) -> list[tuple[int, int]]:
    found = []
    with open(f"/proc/{pid}/maps") as maps:
        for line in maps:
            parts = line.split()
            if "r" not in parts[1] or (len(parts) > 5 and parts[5].startswith("[v")):
                continue
            low, high = (int(x, 16) for x in parts[0].split("-"))
            found.append((low, high))
    return found


def _count(pid: int, needles: dict[str, bytes]) -> dict[str, int]:
    counts = dict.fromkeys(needles, 0)
    with open(f"/proc/{pid}/mem", "rb", buffering=0) as mem:
        for low, high in _regions(pid):
            try:
                mem.seek(low)
                data = mem.read(high - low)
            except (OSError, ValueError, OverflowError):
                continue
            for name, needle in needles.items():
                counts[name] += data.count(needle)
    return counts


def _data_key(data_dir: Path, passphrase: str) -> bytes:
    header = Header.model_validate(json.loads((data_dir / "vault.json").read_text()))
    slot = header.slots.passphrase
    wrapping = keys.derive_from_passphrase(
        bytearray(passphrase.encode()),
        keys.unb64(slot.salt),
        keys.Argon2Params(slot.time_cost, slot.memory_kib, slot.parallelism),
    )
    key = keys.unwrap(
        bytes(wrapping),
        keys.unb64(slot.nonce),
        keys.unb64(slot.wrapped_key),
        header.slot_aad("passphrase"),
    )
    return bytes(key)


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="reads /proc/<pid>/mem (Linux)")
@pytest.mark.timeout(120)
def test_after_lock_no_copy_of_the_key_or_passphrase_is_left_in_memory(data_dir: Path) -> None:
    passphrase = " ".join(
        "".join(secrets.choice(string.ascii_lowercase) for _ in range(6)) for _ in range(4)
    )
    Vault(data_dir).create(passphrase, "fast")[0].lock()
    key = _data_key(data_dir, passphrase)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=False,
    )
    try:
        assert child.stdin is not None
        assert child.stdout is not None
        child.stdin.write(passphrase.encode())
        child.stdin.flush()
        assert child.stdout.readline().strip() == b"locked"
        try:
            counts = _count(
                child.pid,
                {
                    "hex key": key.hex().encode(),
                    "HEX KEY": key.hex().upper().encode(),
                    "raw key": key,
                    "passphrase": passphrase.encode(),
                },
            )
        except PermissionError:
            pytest.skip("this system does not let a process read its child's memory")
    finally:
        child.communicate(b"\n", timeout=60)
    assert counts == {"hex key": 0, "HEX KEY": 0, "raw key": 0, "passphrase": 0}
