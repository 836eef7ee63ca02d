"""The encrypted vault: create, unlock (passphrase or recovery key), re-wrap, lock.

Files in the data directory:
  anchored.db (+ -wal, -shm)  SQLCipher database, opened with the raw 256-bit data key
  vault.json                  how to unwrap the data key (see header.py); no secret in it
  vault.lock                  held while a process has the vault open
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import sqlcipher3.dbapi2 as sqlcipher
from filelock import FileLock, Timeout
from pydantic import ValidationError
from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

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
from anchored.storage import keys, migrate
from anchored.storage.engine import create_vault_engine, session_factory
from anchored.storage.header import Header, PassphraseSlot, RecoverySlot, Slots, slot_aad

DB_NAME = "anchored.db"
HEADER_NAME = "vault.json"
LOCK_NAME = "vault.lock"


@dataclass(frozen=True, slots=True)
class VaultPaths:
    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def header(self) -> Path:
        return self.data_dir / HEADER_NAME

    @property
    def lock(self) -> Path:
        return self.data_dir / LOCK_NAME

    def database_files(self) -> list[Path]:
        db = self.database
        return [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]


class Vault:
    """A vault on disk, locked. Opening it returns an :class:`OpenVault`."""

    def __init__(self, data_dir: Path) -> None:
        self.paths = VaultPaths(Path(data_dir).expanduser())

    # -- reading state ---------------------------------------------------------------------

    def exists(self) -> bool:
        return self.paths.header.exists() or self.paths.database.exists()

    def read_header(self) -> Header:
        if not self.exists():
            raise NoVault(
                f"There is no vault in {self.paths.data_dir} yet. Create one with: anchored init"
            )
        try:
            raw = self.paths.header.read_bytes()
        except FileNotFoundError:
            raise VaultFileDamaged(
                f"{self.paths.header} is missing. The database cannot be opened without it; "
                "restore vault.json from a backup. Nothing was changed."
            ) from None
        except OSError as exc:
            raise VaultFileDamaged(
                f"{self.paths.header} could not be read ({exc.strerror}). Nothing was changed."
            ) from None
        try:
            return Header.model_validate(json.loads(raw))
        except (ValueError, ValidationError):
            raise VaultFileDamaged(
                f"{self.paths.header} is damaged or not an Anchored vault file. "
                "Restore it from a backup. The database was left untouched."
            ) from None

    # -- operations ------------------------------------------------------------------------

    def create(
        self, passphrase: str, profile: keys.Argon2Profile = "standard"
    ) -> tuple[OpenVault, str]:
        """Make a new vault. Returns it open, and the recovery key to show once."""
        if self.exists():
            raise VaultExists(
                f"A vault already exists in {self.paths.data_dir}. "
                "Use 'anchored init --force' only if you mean to erase it."
            )
        self.paths.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        lock = self._acquire_lock()
        try:
            data_key = keys.new_data_key()
            recovery = keys.new_recovery_key()
            vault_id = secrets.token_hex(16)
            header = Header(
                vault_id=vault_id,
                created_at=datetime.now(UTC).isoformat(timespec="seconds"),
                slots=Slots(
                    passphrase=_passphrase_slot(vault_id, data_key, passphrase, profile),
                    recovery=_recovery_slot(vault_id, data_key, recovery),
                ),
            )
            self._write_header(header, data_key)
            try:
                opened = self._open(header, data_key, lock)
            except BaseException:
                self._remove_files()
                raise
        except BaseException:
            lock.release()
            raise
        return opened, keys.format_recovery_key(recovery)

    def unlock(self, passphrase: str) -> OpenVault:
        header = self.read_header()
        data_key = self._unwrap_passphrase(
            header,
            passphrase,
            WrongPassphrase(
                "That passphrase does not open this vault. Check it and try again, "
                "or use your recovery key: anchored recover"
            ),
        )
        return self._open_verified(header, data_key)

    def unlock_with_recovery(self, recovery_key: str) -> OpenVault:
        header = self.read_header()
        data_key = self._unwrap_recovery(header, recovery_key)
        return self._open_verified(header, data_key)

    def change_passphrase(
        self, current: str, new: str, profile: keys.Argon2Profile = "standard"
    ) -> None:
        """Re-wrap the data key under ``new``. The database file is not touched."""
        header = self.read_header()
        data_key = self._unwrap_passphrase(
            header,
            current,
            WrongPassphrase("Your current passphrase was not right, so nothing was changed."),
        )
        self._rewrap_passphrase(header, data_key, new, profile)

    def recover(
        self, recovery_key: str, new: str, profile: keys.Argon2Profile = "standard"
    ) -> None:
        """Set a new passphrase using the recovery key. The recovery key keeps working."""
        header = self.read_header()
        data_key = self._unwrap_recovery(header, recovery_key)
        self._rewrap_passphrase(header, data_key, new, profile)

    def destroy(self) -> None:
        """Erase the vault's files. Callers confirm with the person first."""
        lock = self._acquire_lock()
        try:
            self._remove_files()
        finally:
            lock.release()

    # -- internals -------------------------------------------------------------------------

    def _acquire_lock(self) -> FileLock:
        self.paths.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        lock = FileLock(self.paths.lock, timeout=0, is_singleton=False)
        try:
            lock.acquire()
        except Timeout:
            raise VaultInUse(
                "The vault is open in another Anchored window or command. "
                "Close that one (or lock it) and try again."
            ) from None
        return lock

    def _unwrap(
        self,
        header: Header,
        slot_name: Literal["passphrase", "recovery"],
        wrapping: bytes,
        wrong: Exception,
    ) -> bytearray:
        slot = getattr(header.slots, slot_name)
        try:
            data_key = keys.unwrap(
                wrapping,
                keys.unb64(slot.nonce),
                keys.unb64(slot.wrapped_key),
                header.slot_aad(slot_name),
            )
        except keys.UnwrapError:
            raise wrong from None
        except ValueError:
            raise self._damaged() from None
        try:
            expected = keys.unb64(header.mac)
        except ValueError:
            raise self._damaged() from None
        if not keys.macs_equal(keys.header_mac(data_key, header.signed_bytes()), expected):
            keys.wipe(data_key)
            raise self._damaged()
        return data_key

    def _unwrap_passphrase(self, header: Header, passphrase: str, wrong: Exception) -> bytearray:
        slot = header.slots.passphrase
        params = keys.Argon2Params(slot.time_cost, slot.memory_kib, slot.parallelism)
        try:
            salt = keys.unb64(slot.salt)
        except ValueError:
            raise self._damaged() from None
        wrapping = keys.derive_from_passphrase(passphrase, salt, params)
        return self._unwrap(header, "passphrase", wrapping, wrong)

    def _unwrap_recovery(self, header: Header, recovery_key: str) -> bytearray:
        try:
            raw = keys.parse_recovery_key(recovery_key)
        except ValueError as exc:
            raise WrongRecoveryKey(str(exc)) from None
        try:
            salt = keys.unb64(header.slots.recovery.salt)
        except ValueError:
            raise self._damaged() from None
        wrapping = keys.derive_from_recovery(raw, salt)
        return self._unwrap(
            header,
            "recovery",
            wrapping,
            WrongRecoveryKey(
                "That recovery key does not open this vault. Check each group against your copy."
            ),
        )

    def _damaged(self) -> VaultFileDamaged:
        return VaultFileDamaged(
            f"{self.paths.header} has been changed outside Anchored, so it is not trusted. "
            "Restore it from a backup. The database was left untouched."
        )

    def _rewrap_passphrase(
        self, header: Header, data_key: bytearray, new: str, profile: keys.Argon2Profile
    ) -> None:
        lock = self._acquire_lock()
        try:
            slots = header.slots.model_copy(
                update={"passphrase": _passphrase_slot(header.vault_id, data_key, new, profile)}
            )
            self._write_header(header.model_copy(update={"slots": slots}), data_key)
        finally:
            keys.wipe(data_key)
            lock.release()

    def _write_header(self, header: Header, data_key: bytearray) -> Header:
        """Sign and atomically replace vault.json (a crash leaves the old or the new file)."""
        signed = header.model_copy(
            update={"mac": keys.b64(keys.header_mac(data_key, header.signed_bytes()))}
        )
        payload = json.dumps(signed.model_dump(), indent=2, sort_keys=True).encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=".vault-", suffix=".json", dir=self.paths.data_dir)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload + b"\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.paths.header)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        return signed

    def _open_verified(self, header: Header, data_key: bytearray) -> OpenVault:
        if not self.paths.database.exists():
            keys.wipe(data_key)
            raise DatabaseDamaged(
                f"The vault's database ({self.paths.database}) is missing. "
                "Restore it from a backup."
            )
        try:
            lock = self._acquire_lock()
        except VaultInUse:
            keys.wipe(data_key)
            raise
        try:
            return self._open(header, data_key, lock)
        except BaseException:
            lock.release()
            raise

    def _open(self, header: Header, data_key: bytearray, lock: FileLock) -> OpenVault:
        engine = create_vault_engine(self.paths.database, data_key)
        try:
            with engine.connect() as connection:
                # A wrong key or a damaged file only shows on the first read.
                connection.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
            migrate.upgrade(engine)
            revision = migrate.current_revision(engine)
        except (DatabaseError, sqlcipher.DatabaseError, sqlite3.DatabaseError):
            engine.dispose()
            keys.wipe(data_key)
            raise DatabaseDamaged(
                f"The vault's database ({self.paths.database}) could not be read: it is "
                "damaged or does not belong to this vault.json. Restore both from a backup."
            ) from None
        except BaseException:
            engine.dispose()
            keys.wipe(data_key)
            raise
        _restrict_permissions(self.paths.database_files())
        if header.schema_revision != revision:
            header = self._write_header(
                header.model_copy(update={"schema_revision": revision}), data_key
            )
        return OpenVault(self, header, engine, data_key, lock)

    def _remove_files(self) -> None:
        for path in [*self.paths.database_files(), self.paths.header]:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


class OpenVault:
    """An unlocked vault: a keyed engine and sessions. ``lock()`` drops the key."""

    def __init__(
        self,
        vault: Vault,
        header: Header,
        engine: Engine,
        data_key: bytearray,
        file_lock: FileLock,
    ) -> None:
        self.vault = vault
        self.header = header
        self._engine: Engine | None = engine
        self._sessions: sessionmaker[Session] | None = session_factory(engine)
        self._data_key = data_key
        self._file_lock = file_lock

    @property
    def is_open(self) -> bool:
        return self._engine is not None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise VaultLocked("The vault is locked.")
        return self._engine

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error."""
        if self._sessions is None:
            raise VaultLocked("The vault is locked.")
        with self._sessions.begin() as session:
            yield session

    def lock(self) -> None:
        """Close every connection, overwrite our copy of the key, release the file lock."""
        if self._engine is None:
            return
        engine, self._engine, self._sessions = self._engine, None, None
        engine.dispose()
        keys.wipe(self._data_key)
        self._file_lock.release()

    def __enter__(self) -> OpenVault:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.lock()


def _passphrase_slot(
    vault_id: str, data_key: bytearray, passphrase: str, profile: keys.Argon2Profile
) -> PassphraseSlot:
    params = keys.ARGON2_PROFILES[profile]
    salt = keys.new_salt()
    unsigned = PassphraseSlot(
        time_cost=params.time_cost,
        memory_kib=params.memory_kib,
        parallelism=params.parallelism,
        salt=keys.b64(salt),
        nonce="",
        wrapped_key="",
    )
    wrapping = keys.derive_from_passphrase(passphrase, salt, params)
    nonce, wrapped = keys.wrap(wrapping, data_key, slot_aad(vault_id, "passphrase", unsigned))
    return unsigned.model_copy(update={"nonce": keys.b64(nonce), "wrapped_key": keys.b64(wrapped)})


def _recovery_slot(vault_id: str, data_key: bytearray, recovery: bytes) -> RecoverySlot:
    salt = keys.new_salt()
    unsigned = RecoverySlot(salt=keys.b64(salt), nonce="", wrapped_key="")
    wrapping = keys.derive_from_recovery(recovery, salt)
    nonce, wrapped = keys.wrap(wrapping, data_key, slot_aad(vault_id, "recovery", unsigned))
    return unsigned.model_copy(update={"nonce": keys.b64(nonce), "wrapped_key": keys.b64(wrapped)})


def _restrict_permissions(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError, PermissionError):
            os.chmod(path, 0o600)
