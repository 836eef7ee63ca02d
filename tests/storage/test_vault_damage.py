"""A damaged vault is reported as damaged and never re-created or written to: an emptied,
missing or foreign database, a malformed vault.json, Argon2 settings outside sane bounds."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from anchored.core.errors import DatabaseDamaged, VaultFileDamaged
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.journal import service as journal
from anchored.storage import keys
from anchored.storage.vault import Vault
from tests.support import NOW, PASSPHRASE

NEW_PASSPHRASE = "lantern harbour green autumn"


Make = Callable[[Path], tuple[str, bytes]]


@pytest.fixture(scope="module")
def make(tmp_path_factory: pytest.TempPathFactory) -> Make:
    """``make(data_dir)``: a vault with one entry, locked, in ``data_dir``; returns the
    recovery key and the raw data key. The vault is created for real once per module and
    each test damages a copy of its own (creating and migrating one costs about a second)."""
    template = tmp_path_factory.mktemp("damage") / "vault"
    opened, recovery = Vault(template).create(PASSPHRASE, "fast")
    key = bytes(opened._data_key)
    with opened.session() as session:
        journal.add_entry(session, PERSONAL_OWNER, "kept", now=NOW)
    opened.lock()

    def made(data_dir: Path) -> tuple[str, bytes]:
        shutil.copytree(template, data_dir)
        return recovery, key

    return made


def _snapshot(data_dir: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(data_dir.iterdir())
        if p.is_file() and p.name != "vault.lock"
    }


# -- item 1: the database is missing, empty or foreign ---------------------------------------


def _empty(db: Path, _key: bytes) -> None:
    db.write_bytes(b"")


def _missing(db: Path, _key: bytes) -> None:
    db.unlink()


def _plain_sqlite(db: Path, _key: bytes) -> None:
    db.unlink()
    with sqlite3.connect(db) as plain:
        plain.execute("CREATE TABLE notes (body TEXT)")


def _right_key_but_no_tables(db: Path, key: bytes) -> None:
    # A database keyed with this vault's key, but holding none of Anchored's tables (for
    # example what a crash during `init` could leave): not this vault's data either.
    db.unlink()
    conn = sqlcipher.connect(str(db))
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "damage",
    [_empty, _missing, _plain_sqlite, _right_key_but_no_tables],
    ids=["emptied", "missing", "plain-sqlite", "no-anchored-tables"],
)
@pytest.mark.parametrize("how", ["passphrase", "recovery key"])
def test_a_database_that_is_not_this_vaults_is_damaged_and_nothing_is_written(
    make: Make, data_dir: Path, damage: Callable[[Path, bytes], None], how: str
) -> None:
    recovery, key = make(data_dir)
    damage(data_dir / "anchored.db", key)
    before = _snapshot(data_dir)
    vault = Vault(data_dir)
    secret, unlock = (
        (PASSPHRASE, vault.unlock)
        if how == "passphrase"
        else (recovery, vault.unlock_with_recovery)
    )
    with pytest.raises(DatabaseDamaged, match="backup"):
        unlock(secret)
    assert _snapshot(data_dir) == before  # never re-created, never written to
    assert vault.exists()


def test_an_emptied_database_is_reported_by_the_file_check(make: Make, data_dir: Path) -> None:
    make(data_dir)
    (data_dir / "anchored.db").write_bytes(b"")
    with pytest.raises(DatabaseDamaged, match="empty"):
        Vault(data_dir).check_files()


# -- item 5: Argon2 settings outside sane bounds -----------------------------------------------


def _edit_header(data_dir: Path, edit: Callable[[dict[str, object]], None]) -> None:
    path = data_dir / "vault.json"
    header = json.loads(path.read_text())
    edit(header)
    path.write_text(json.dumps(header))


def _set_passphrase_slot(**values: object) -> Callable[[dict[str, object]], None]:
    def edit(header: dict[str, object]) -> None:
        slots = header["slots"]
        assert isinstance(slots, dict)
        slots["passphrase"].update(values)

    return edit


@pytest.fixture
def forbid_argon2(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Call it to fail the test if Argon2 runs from then on."""

    def refuse(*_args: object, **_kwargs: object) -> bytes:
        raise AssertionError("Argon2 ran before its settings were checked")

    def forbid() -> None:
        monkeypatch.setattr(keys, "_argon2id", refuse, raising=False)
        monkeypatch.setattr(keys, "hash_secret_raw", refuse, raising=False)

    return forbid


@pytest.mark.parametrize(
    "settings",
    [
        {"memory_kib": 4 * 1024 * 1024, "time_cost": 100},  # the issue: 90 s and 4.3 GB
        {"memory_kib": 4 * 1024 * 1024},
        {"memory_kib": 2 * 1024 * 1024},
        {"time_cost": 100},
        {"time_cost": 0},
        {"memory_kib": 1024},
        {"parallelism": 64},
        {"parallelism": 0},
        {"memory_kib": 1024 * 1024, "time_cost": 8},  # each alone allowed, together too costly
    ],
)
def test_argon2_settings_outside_bounds_are_refused_before_deriving(
    make: Make, data_dir: Path, settings: dict[str, int], forbid_argon2: Callable[[], None]
) -> None:
    make(data_dir)
    _edit_header(data_dir, _set_passphrase_slot(**settings))
    forbid_argon2()
    before = _snapshot(data_dir)
    with pytest.raises(VaultFileDamaged, match="damaged"):
        Vault(data_dir).unlock(PASSPHRASE)
    with pytest.raises(VaultFileDamaged):
        Vault(data_dir).change_passphrase(PASSPHRASE, NEW_PASSPHRASE, "fast")
    assert _snapshot(data_dir) == before


@pytest.mark.parametrize(
    "settings",
    [
        {"memory_kib": 1024 * 1024, "time_cost": 4, "parallelism": 8},  # 1 GiB, 4 passes
        {"memory_kib": 256 * 1024, "time_cost": 10, "parallelism": 16},
    ],
)
def test_stronger_argon2_settings_still_fit_the_bounds(settings: dict[str, int]) -> None:
    keys.check_argon2(keys.Argon2Params(**settings))
    for params in keys.ARGON2_PROFILES.values():
        keys.check_argon2(params)


def test_derivation_itself_refuses_settings_outside_bounds(
    forbid_argon2: Callable[[], None],
) -> None:
    forbid_argon2()
    params = keys.Argon2Params(time_cost=100, memory_kib=4 * 1024 * 1024, parallelism=4)
    with pytest.raises(ValueError, match="outside"):
        keys.derive_from_passphrase(bytearray(b"river stone quiet"), bytes(16), params)


# -- item 6: a malformed vault.json --------------------------------------------------------------


def _b64(n: int) -> str:
    return base64.b64encode(bytes(n)).decode()


def _set(*path: str, value: object) -> Callable[[dict[str, object]], None]:
    def edit(header: dict[str, object]) -> None:
        node: object = header
        for part in path[:-1]:
            assert isinstance(node, dict)
            node = node[part]
        assert isinstance(node, dict)
        node[path[-1]] = value

    return edit


MALFORMED = {
    "empty passphrase salt": _set("slots", "passphrase", "salt", value=""),
    "4-byte passphrase salt": _set("slots", "passphrase", "salt", value=_b64(4)),
    "empty recovery salt": _set("slots", "recovery", "salt", value=""),
    "4-byte recovery salt": _set("slots", "recovery", "salt", value=_b64(4)),
    "short nonce": _set("slots", "passphrase", "nonce", value=_b64(4)),
    "short wrapped key": _set("slots", "recovery", "wrapped_key", value=_b64(8)),
    "empty mac": _set("mac", value=""),
    "nested created_at": _set("created_at", value=[[["deep"]]]),
}


@pytest.mark.parametrize("edit", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_vault_json_is_damaged_for_every_way_in(
    make: Make, data_dir: Path, edit: Callable[[dict[str, object]], None]
) -> None:
    recovery, _key = make(data_dir)
    _edit_header(data_dir, edit)
    before = _snapshot(data_dir)
    vault = Vault(data_dir)
    for attempt in (
        lambda: vault.unlock(PASSPHRASE),
        lambda: vault.unlock_with_recovery(recovery),
        lambda: vault.change_passphrase(PASSPHRASE, NEW_PASSPHRASE, "fast"),
        lambda: vault.recover(recovery, NEW_PASSPHRASE, "fast"),
    ):
        with pytest.raises(VaultFileDamaged, match="damaged"):
            attempt()
    assert _snapshot(data_dir) == before


@pytest.mark.parametrize(
    "content",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"format": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        b'{"vault_id": "' + b"a" * 2_000_000 + b'"}',
        b"9" * 5000,
    ],
    ids=["deeply-nested", "nested-in-a-field", "huge", "long-number"],
)
def test_hostile_vault_json_is_damaged_not_a_crash(
    make: Make, data_dir: Path, content: bytes
) -> None:
    make(data_dir)
    (data_dir / "vault.json").write_bytes(content)
    with pytest.raises(VaultFileDamaged, match="damaged"):
        Vault(data_dir).unlock(PASSPHRASE)
    with pytest.raises(VaultFileDamaged, match="damaged"):
        Vault(data_dir).read_header()
