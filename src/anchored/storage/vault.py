"""The encrypted vault: create, unlock (passphrase or recovery key), re-wrap, lock, check.

Files in the data directory:
  anchored.db (+ -wal, -shm)  SQLCipher database, opened with the raw 256-bit data key
  vault.json                  how to unwrap the data key (see header.py); no secret in it
  vault.lock                  shared while processes have the vault open (see vault_lock.py)
  vault.pending               only while a restore or an erase is under way (see pending.py)

A vault whose files are missing, empty, malformed or not each other's is *damaged*: it is
never re-created or written to, and the only way back is a backup (``anchored restore``).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from anchored.core.errors import (
    AnchoredError,
    DatabaseDamaged,
    NoVault,
    VaultBusy,
    VaultExists,
    VaultFileDamaged,
    VaultInUse,
    VaultLocked,
    WrongPassphrase,
    WrongRecoveryKey,
)
from anchored.core.secret import wipe
from anchored.storage import header as header_file
from anchored.storage import keys, migrate, pending
from anchored.storage.backup import BackupFile, BackupRefused
from anchored.storage.engine import (
    create_vault_engine,
    error_code,
    is_busy,
    is_cannot_open,
    is_damage,
    session_factory,
)
from anchored.storage.header import Header, PassphraseSlot, RecoverySlot, Slots, slot_aad
from anchored.storage.pending import fsync_folder
from anchored.storage.vault_lock import LockBusy, Mode, VaultLock

DB_NAME = "anchored.db"
HEADER_NAME = "vault.json"
LOCK_NAME = "vault.lock"

# How long an operation waits for other Anchored processes before it gives up and says so.
LOCK_WAIT_SECONDS = 10.0

RESTORE = (
    "Before anything else, copy your whole data folder somewhere safe. Then restore a backup "
    "with: anchored restore FILE (lock Anchored in your browser first). Your recovery key "
    "cannot repair a damaged file. Nothing was changed."
)

Secret = keys.Secret


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

    def names(self) -> tuple[str, ...]:
        """The vault's own files by name: vault.json first, then the database's."""
        return (HEADER_NAME, *(path.name for path in self.database_files()))


@dataclass(frozen=True, slots=True)
class IntegrityReport:
    """What ``OpenVault.check_integrity`` found. Problem counts, never page contents."""

    pages: int
    cipher_failures: int  # pages whose authentication code did not match
    structure_problems: int  # what SQLite's integrity_check reported (-1: it could not run)

    @property
    def intact(self) -> bool:
        return self.cipher_failures == 0 and self.structure_problems == 0


class Vault:
    """A vault on disk, locked. Opening it returns an :class:`OpenVault`.

    ``lock_wait`` bounds how long an operation waits for other Anchored processes;
    ``on_wait`` is told (once, in plain words) when one has to wait.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        lock_wait: float = LOCK_WAIT_SECONDS,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.paths = VaultPaths(Path(data_dir).expanduser())
        self.lock_wait = lock_wait
        self.on_wait = on_wait

    # -- reading state ---------------------------------------------------------------------

    def exists(self) -> bool:
        self._settle()
        return self.paths.header.exists() or self.paths.database.exists()

    def read_header(self) -> Header:
        if not self.exists():
            raise NoVault(
                f"There is no vault in {self.paths.data_dir} yet. Create one with: anchored init"
            )
        try:
            with open(self.paths.header, "rb") as handle:
                raw = handle.read(header_file.MAX_BYTES + 1)
        except FileNotFoundError:
            raise VaultFileDamaged(
                f"{self.paths.header} is missing, so the vault is damaged: the database cannot "
                f"be opened without it. {RESTORE}"
            ) from None
        except OSError as exc:
            raise VaultFileDamaged(
                f"{self.paths.header} could not be read ({exc.strerror}). Nothing was changed."
            ) from None
        try:
            return header_file.parse(raw)
        except ValueError:
            raise VaultFileDamaged(
                f"{self.paths.header} is damaged or not an Anchored vault file. {RESTORE}"
            ) from None

    def check_files(self) -> Header:
        """vault.json is sound and the database is there and not empty (no key needed).

        Raises NoVault, VaultFileDamaged or DatabaseDamaged; writes nothing.
        """
        header = self.read_header()
        try:
            size = self.paths.database.stat().st_size
        except FileNotFoundError:
            raise DatabaseDamaged(
                f"The vault's database ({self.paths.database}) is missing, so the vault is "
                f"damaged. {RESTORE}"
            ) from None
        except OSError as exc:
            raise DatabaseDamaged(
                f"The vault's database ({self.paths.database}) could not be read "
                f"({exc.strerror}). Nothing was changed."
            ) from None
        if size == 0:
            raise DatabaseDamaged(
                f"The vault's database ({self.paths.database}) is empty, so the vault is "
                f"damaged: everything written in it is gone from this file. {RESTORE}"
            )
        return header

    # -- operations ------------------------------------------------------------------------

    def create(
        self, passphrase: Secret, profile: keys.Argon2Profile = "standard"
    ) -> tuple[OpenVault, str]:
        """Make a new vault. Returns it open, and the recovery key to show once."""
        self._refuse_existing()
        self.paths.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        data_key = keys.new_data_key()
        try:
            with self._exclusive("creating the vault", "create the vault"):
                self._refuse_existing()
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
                try:
                    # The database first, vault.json last: a vault.json always has a whole
                    # database beside it (a crash in between leaves no vault.json).
                    engine = create_vault_engine(self.paths.database, data_key, create=True)
                    try:
                        migrate.upgrade(engine)
                        revision = migrate.current_revision(engine)
                    finally:
                        engine.dispose()
                    _restrict_permissions(self.paths.database_files())
                    header = self._write_header(
                        header.model_copy(update={"schema_revision": revision}), data_key
                    )
                except BaseException:
                    self._remove_files()
                    raise
        except BaseException:
            wipe(data_key)
            raise
        return self._open_with(header, data_key), keys.format_recovery_key(recovery)

    def unlock(self, passphrase: Secret) -> OpenVault:
        def data_key(header: Header) -> bytearray:
            return self._unwrap_passphrase(
                header,
                passphrase,
                WrongPassphrase(
                    "That passphrase does not open this vault. Check it and try again, "
                    "or use your recovery key: anchored recover"
                ),
            )

        return self._open_existing(data_key)

    def unlock_with_recovery(self, recovery_key: str) -> OpenVault:
        return self._open_existing(lambda header: self._unwrap_recovery(header, recovery_key))

    def change_passphrase(
        self, current: Secret, new: Secret, profile: keys.Argon2Profile = "standard"
    ) -> None:
        """Re-wrap the data key under ``new``. The database file is not touched."""
        self.read_header()  # no vault, or a damaged one: say so before waiting for anything
        with self._exclusive("changing the passphrase", "change the passphrase"):
            header = self.read_header()
            data_key = self._unwrap_passphrase(
                header,
                current,
                WrongPassphrase("Your current passphrase was not right, so nothing was changed."),
            )
            self._rewrap_passphrase(header, data_key, new, profile)

    def recover(
        self, recovery_key: str, new: Secret, profile: keys.Argon2Profile = "standard"
    ) -> None:
        """Set a new passphrase using the recovery key. The recovery key keeps working."""
        self.read_header()
        with self._exclusive(
            "setting a new passphrase with the recovery key", "set a new passphrase"
        ):
            header = self.read_header()
            data_key = self._unwrap_recovery(header, recovery_key)
            self._rewrap_passphrase(header, data_key, new, profile)

    def destroy(self) -> None:
        """Erase the vault's files. Callers confirm with the person first."""
        self.paths.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        with self._exclusive("erasing the vault", "erase the vault"):
            self._remove_files()

    def erase(self, before: Callable[[], None] | None = None) -> None:
        """Delete the vault for good: vault.json (the wrapped keys) and the database are
        overwritten, then removed; a crash half-way is finished by the next process to look.
        ``before`` runs first, alone with the vault (e.g. removing app-made backups), so
        nothing is deleted at all while another window or command has it open. Callers
        confirm with the person first and lock the vault beforehand."""
        self.paths.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._settle()
        with self._exclusive("deleting everything", "delete everything"):
            if before is not None:
                before()
            pending.write(self.paths.data_dir, pending.Pending("erase"))
            pending.finish_erase(self.paths.data_dir, self.paths.names())
            _remove_snapshots(self.paths.data_dir)

    # -- backups ---------------------------------------------------------------------------

    def backup_key(
        self,
        backup: BackupFile,
        *,
        passphrase: Secret | None = None,
        recovery_key: str | None = None,
    ) -> bytearray:
        """The data key of ``backup``, from the passphrase it was made with or the recovery
        key (the caller passes it to :meth:`restore`, which wipes it)."""
        try:
            if recovery_key is not None:
                return self._unwrap_recovery(
                    backup.header,
                    recovery_key,
                    wrong="That recovery key does not open this backup. Check each group "
                    "against your copy. Nothing was changed.",
                )
            return self._unwrap_passphrase(
                backup.header,
                passphrase if passphrase is not None else "",
                WrongPassphrase(
                    "That passphrase does not open this backup. It opens with the passphrase "
                    "you had when it was made, or with your recovery key (--recovery-key). "
                    "Nothing was changed."
                ),
            )
        except VaultFileDamaged:
            raise BackupRefused(
                f"{backup.path} is damaged: its keys were changed since it was made. "
                "Nothing was changed. Try another backup."
            ) from None

    def restore(self, backup: BackupFile, data_key: bytearray) -> None:
        """Put ``backup`` in place of this vault (or into this empty folder), alone with it.

        The copy is written and checked (every page) under a temporary name first; only then
        are the old files moved aside and the new ones put in their place, and the old ones
        are removed once the new vault opens. A failure or a crash at any point leaves the old
        vault as it was (see pending.py). Wipes ``data_key``.
        """
        data_dir = self.paths.data_dir
        try:
            data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._settle()
            with self._exclusive("restoring a backup", "restore the backup"):
                pending.remove_scraps(data_dir)
                staged_db, staged_header = self._stage(backup, data_key)
                names = self.paths.names()
                old = tuple(name for name in names if (data_dir / name).exists())
                marker = pending.Pending("restore", old)
                pending.write(data_dir, marker)
                try:
                    pending.move_aside(data_dir, old)
                    os.replace(staged_db, self.paths.database)
                    os.replace(staged_header, self.paths.header)
                    fsync_folder(data_dir)
                    _check_database(self.paths.database, data_key, backup.path, every_page=False)
                    _restrict_permissions([*self.paths.database_files(), self.paths.header])
                except BaseException:
                    pending.roll_back(data_dir, marker, names)
                    raise
                pending.done(data_dir)
        finally:
            wipe(data_key)

    def _stage(self, backup: BackupFile, data_key: bytearray) -> tuple[Path, Path]:
        """The backup's database and vault.json under temporary names, checked."""
        data_dir = self.paths.data_dir
        fd, name = tempfile.mkstemp(prefix=pending.STAGED_PREFIX, suffix=".db", dir=data_dir)
        staged = Path(name)
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in backup.database_chunks():
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
            _check_database(staged, data_key, backup.path)
            payload = json.dumps(backup.header.model_dump(), indent=2, sort_keys=True)
            fd, header_name = tempfile.mkstemp(
                prefix=pending.STAGED_PREFIX, suffix=".json", dir=data_dir
            )
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload.encode("utf-8") + b"\n")
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            pending.remove_scraps(data_dir)
            raise
        return staged, Path(header_name)

    def _settle(self) -> None:
        """Finish what a killed restore or erase left, if nobody is using the vault now."""
        if not pending.needs_settling(self.paths.data_dir):
            return
        lock = VaultLock(self.paths.lock)
        try:
            lock.acquire("exclusive", wait=0, reason="finishing an interrupted restore")
        except (LockBusy, OSError):
            return  # someone holds the vault: the one doing it, or one who waits for it
        try:
            pending.settle(self.paths.data_dir, self.paths.names())
        finally:
            lock.release()

    # -- sharing ---------------------------------------------------------------------------

    def _take(self, lock: VaultLock, mode: Mode, reason: str, purpose: str) -> None:
        """Take ``lock`` in ``mode`` within ``lock_wait`` seconds, or raise VaultInUse.

        ``reason`` (-ing form) is written for others to read while we hold it exclusively;
        ``purpose`` (infinitive) is what we say we could not do.
        """
        wait = self.lock_wait

        def tell(holder: str) -> None:
            if self.on_wait is not None:
                self.on_wait(_waiting_message(mode, holder, purpose, wait))

        try:
            lock.acquire(mode, wait=wait, reason=reason, on_wait=tell)
        except LockBusy as busy:
            raise VaultInUse(_refusal_message(mode, busy.reason, purpose)) from None

    @contextlib.contextmanager
    def _exclusive(self, reason: str, purpose: str) -> Iterator[None]:
        lock = VaultLock(self.paths.lock)
        self._take(lock, "exclusive", reason, purpose)
        try:
            yield
        finally:
            lock.release()

    # -- opening ---------------------------------------------------------------------------

    def _open_existing(self, unwrap: Callable[[Header], bytearray]) -> OpenVault:
        self.read_header()  # no vault, or a damaged vault.json: say so before waiting
        lock = VaultLock(self.paths.lock)
        self._take(lock, "shared", "", "open the vault")
        if pending.needs_settling(self.paths.data_dir):
            # A restore or an erase was killed after we looked: settle it, then open.
            lock.release()
            self._settle()
            self._take(lock, "shared", "", "open the vault")
        try:
            header = self.check_files()  # read again: it cannot change while we hold the lock
            return self._open(header, unwrap(header), lock)
        except BaseException:
            lock.release()
            raise

    def _open_with(self, header: Header, data_key: bytearray) -> OpenVault:
        lock = VaultLock(self.paths.lock)
        try:
            self._take(lock, "shared", "", "open the vault")
        except BaseException:
            wipe(data_key)
            raise
        try:
            return self._open(header, data_key, lock)
        except BaseException:
            lock.release()
            raise

    def _open(self, header: Header, data_key: bytearray, lock: VaultLock) -> OpenVault:
        """Key an engine, check the database is this vault's, bring its schema up to date.

        Takes ownership of ``data_key`` (wiped on failure). ``lock`` is held shared on return.
        """
        engine: Engine | None = None
        try:
            engine = create_vault_engine(self.paths.database, data_key)
            revision = migrate.current_revision(engine)  # first read: wrong key or damage shows
            if revision != migrate.head_revision() or header.schema_revision != revision:
                header = self._upgrade(engine, header, data_key, lock)
            _restrict_permissions(self.paths.database_files())
        except BaseException as exc:
            if engine is not None:
                engine.dispose()
            wipe(data_key)
            if isinstance(exc, DBAPIError) or error_code(exc) is not None:
                raise _translated(exc, self.paths.database) from None
            raise
        return OpenVault(self, header, engine, data_key, lock)

    def _upgrade(
        self, engine: Engine, header: Header, data_key: bytearray, lock: VaultLock
    ) -> Header:
        """Migrate the schema and record it in vault.json, alone with the vault."""
        lock.release()
        self._take(lock, "exclusive", "updating the vault's format", "update the vault's format")
        try:
            migrate.upgrade(engine)
            revision = migrate.current_revision(engine)
            if header.schema_revision != revision:
                header = self._write_header(
                    header.model_copy(update={"schema_revision": revision}), data_key
                )
        finally:
            lock.release()
        self._take(lock, "shared", "", "open the vault")
        return header

    # -- keys ------------------------------------------------------------------------------

    def _unwrap(
        self,
        header: Header,
        slot_name: Literal["passphrase", "recovery"],
        wrapping: bytearray,
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
        finally:
            wipe(wrapping)
        try:
            expected = keys.unb64(header.mac)
        except ValueError:
            wipe(data_key)
            raise self._damaged() from None
        if not keys.macs_equal(keys.header_mac(data_key, header.signed_bytes()), expected):
            wipe(data_key)
            raise self._damaged()
        return data_key

    def _unwrap_passphrase(self, header: Header, passphrase: Secret, wrong: Exception) -> bytearray:
        slot = header.slots.passphrase
        try:
            salt = keys.unb64(slot.salt)
        except ValueError:
            raise self._damaged() from None
        try:
            # Bounds are checked here (and in header.parse) before any Argon2 work.
            wrapping = keys.derive_from_passphrase(passphrase, salt, slot.argon2)
        except UnicodeError:  # a passphrase given as bytes that are not UTF-8
            raise wrong from None
        except ValueError:
            raise self._damaged() from None
        return self._unwrap(header, "passphrase", wrapping, wrong)

    def _unwrap_recovery(
        self,
        header: Header,
        recovery_key: str,
        wrong: str = "That recovery key does not open this vault. Check each group against "
        "your copy.",
    ) -> bytearray:
        try:
            raw = keys.parse_recovery_key(recovery_key)
        except ValueError as exc:
            raise WrongRecoveryKey(str(exc)) from None
        try:
            wrapping = keys.derive_from_recovery(raw, keys.unb64(header.slots.recovery.salt))
        except ValueError:
            raise self._damaged() from None
        return self._unwrap(
            header,
            "recovery",
            wrapping,
            WrongRecoveryKey(wrong),
        )

    def _damaged(self) -> VaultFileDamaged:
        return VaultFileDamaged(
            f"{self.paths.header} has been changed outside Anchored, so it is not trusted: "
            f"the vault is damaged. {RESTORE}"
        )

    def _rewrap_passphrase(
        self, header: Header, data_key: bytearray, new: Secret, profile: keys.Argon2Profile
    ) -> Header:
        try:
            slots = header.slots.model_copy(
                update={"passphrase": _passphrase_slot(header.vault_id, data_key, new, profile)}
            )
            return self._write_header(header.model_copy(update={"slots": slots}), data_key)
        finally:
            wipe(data_key)

    def _new_recovery(self, header: Header, data_key: bytearray) -> tuple[Header, str]:
        """Wrap the data key under a new recovery key (the old one stops working)."""
        try:
            recovery = keys.new_recovery_key()
            slots = header.slots.model_copy(
                update={"recovery": _recovery_slot(header.vault_id, data_key, recovery)}
            )
            written = self._write_header(header.model_copy(update={"slots": slots}), data_key)
            return written, keys.format_recovery_key(recovery)
        finally:
            wipe(data_key)

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

    def _refuse_existing(self) -> None:
        if self.exists():
            raise VaultExists(
                f"A vault already exists in {self.paths.data_dir}. "
                "Use 'anchored init --force' only if you mean to erase it."
            )

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
        file_lock: VaultLock,
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
        """A session that commits on success and rolls back on error.

        A page that fails its check is reported as DatabaseDamaged, a database kept busy by
        another process past the busy timeout as VaultBusy, a database file that can no longer
        be opened in plain words; other errors pass unchanged.
        """
        if self._sessions is None:
            raise VaultLocked("The vault is locked.")
        try:
            with self._sessions.begin() as session:
                yield session
        except DBAPIError as exc:
            if is_damage(exc) or is_busy(exc) or is_cannot_open(exc):
                raise _translated(exc, self.vault.paths.database) from None
            raise

    def check_integrity(self) -> IntegrityReport:
        """Read every page: SQLCipher's authentication codes, then SQLite's own structure check.

        Only reads (others can keep writing meanwhile) and changes nothing.
        """
        return integrity_of(self.engine)

    # -- keys, from the browser (the vault stays open) ---------------------------------------

    def change_passphrase(
        self, current: Secret, new: Secret, profile: keys.Argon2Profile = "standard"
    ) -> None:
        """Re-wrap the data key under ``new`` while this vault stays open, alone with the vault
        as ``Vault.change_passphrase`` is (VaultInUse if another process has it open).
        ``current`` must open it (WrongPassphrase otherwise; nothing is changed)."""
        wrong = WrongPassphrase("Your current passphrase was not right, so nothing was changed.")

        def change(header: Header) -> Header:
            data_key = self.vault._unwrap_passphrase(header, current, wrong)
            return self.vault._rewrap_passphrase(header, data_key, new, profile)

        self._alone("changing the passphrase", "change the passphrase", change)

    def new_recovery_key(self, passphrase: Secret) -> str:
        """A new recovery key, after ``passphrase`` is checked (WrongPassphrase otherwise).
        The old recovery key stops working. Returns the new one, to show once."""
        wrong = WrongPassphrase("That passphrase was not right, so no new key was made.")
        made: list[str] = []

        def renew(header: Header) -> Header:
            data_key = self.vault._unwrap_passphrase(header, passphrase, wrong)
            written, recovery_key = self.vault._new_recovery(header, data_key)
            made.append(recovery_key)
            return written

        self._alone("making a new recovery key", "make a new recovery key", renew)
        return made[0]

    def opens_with(self, passphrase: Secret) -> bool:
        """Whether ``passphrase`` is this vault's passphrase now (nothing is changed)."""
        try:
            data_key = self.vault._unwrap_passphrase(
                self.vault.read_header(), passphrase, WrongPassphrase("")
            )
        except WrongPassphrase:
            return False
        wipe(data_key)
        return True

    def _alone(self, reason: str, purpose: str, change: Callable[[Header], Header]) -> None:
        """Run ``change`` on vault.json with the vault to ourselves: our shared hold becomes
        exclusive for the change, then shared again (as a schema upgrade does)."""
        if self._engine is None:
            raise VaultLocked("The vault is locked.")
        lock = self._file_lock
        lock.release()
        try:
            self.vault._take(lock, "exclusive", reason, purpose)
        except BaseException:
            self.vault._take(lock, "shared", "", "open the vault")
            raise
        try:
            self.header = change(self.vault.read_header())
        finally:
            lock.release()
            self.vault._take(lock, "shared", "", "open the vault")

    def lock(self) -> None:
        """Close every connection, overwrite our copy of the key, release the file lock."""
        if self._engine is None:
            return
        engine, self._engine, self._sessions = self._engine, None, None
        try:
            engine.dispose()
        finally:
            wipe(self._data_key)
            self._file_lock.release()

    def __enter__(self) -> OpenVault:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.lock()


def integrity_of(engine: Engine) -> IntegrityReport:
    """Every page of ``engine``'s database read and checked; changes nothing."""
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        try:
            pages = int(cursor.execute("PRAGMA page_count").fetchone()[0])
            cipher_failures = len(cursor.execute("PRAGMA cipher_integrity_check").fetchall())
            try:
                rows = cursor.execute("PRAGMA integrity_check").fetchall()
                structure = sum(1 for (row,) in rows if row != "ok")
            except Exception as exc:
                if error_code(exc) is None:
                    raise
                structure = -1
        finally:
            cursor.close()
    except Exception as exc:
        if is_damage(exc):
            return IntegrityReport(pages=0, cipher_failures=1, structure_problems=-1)
        raise
    finally:
        connection.close()
    return IntegrityReport(pages, cipher_failures, structure)


def _check_database(
    path: Path, data_key: bytearray, source: Path, *, every_page: bool = True
) -> None:
    """``path`` opens with ``data_key``, holds a known schema and (``every_page``) every page
    is intact; BackupRefused otherwise. Does not take ownership of ``data_key``."""
    engine = create_vault_engine(path, data_key)
    try:
        try:
            revision = migrate.current_revision(engine)
            report = integrity_of(engine) if every_page else IntegrityReport(1, 0, 0)
        except Exception as exc:
            if not (isinstance(exc, DBAPIError) or error_code(exc) is not None):
                raise
            report = IntegrityReport(pages=0, cipher_failures=1, structure_problems=-1)
            revision = None
    finally:
        engine.dispose()
    if revision is None or not report.intact:
        raise BackupRefused(
            f"{source} is damaged: part of it cannot be read with its key. Nothing was "
            "changed. Try another backup."
        )
    if not migrate.is_known(revision):
        raise BackupRefused(
            f"{source} was made by a newer version of Anchored. Update Anchored, then "
            "restore it. Nothing was changed."
        )


def _remove_snapshots(data_dir: Path) -> None:
    """Every snapshot a backup made in the vault's folder (nobody is making one now)."""
    with contextlib.suppress(OSError):
        for name in os.listdir(data_dir):
            if name.startswith(".backup-"):
                with contextlib.suppress(OSError):
                    pending.overwrite_and_remove(data_dir / name)


def _translated(exc: BaseException, database: Path) -> Exception:
    """A driver error while opening or using the vault, in words a person can act on."""
    if is_busy(exc):
        return VaultBusy(
            "The vault stayed busy with another Anchored window or command for too long, so "
            "this was not done. Try again in a moment."
        )
    if is_damage(exc):
        return DatabaseDamaged(
            f"The vault's database ({database}) could not be read: it is damaged or does not "
            f"belong to this vault.json. {RESTORE}"
        )
    if is_cannot_open(exc):
        return AnchoredError(
            f"The vault's database ({database}) could not be opened. Check that it is there "
            f"and that you may read and write in {database.parent}. Nothing was changed."
        )
    return exc if isinstance(exc, Exception) else RuntimeError(type(exc).__name__)


def _waiting_message(mode: Mode, holder: str, purpose: str, wait: float) -> str:
    seconds = f"up to {wait:g} seconds"
    if mode == "shared":
        doing = holder or "using the vault on its own"
        return f"Waiting for another Anchored command that is {doing} to finish ({seconds})…"
    return (
        "The vault is open in another Anchored window or command. Waiting for it to be "
        f"locked or to finish, so that Anchored can {purpose} ({seconds})…"
    )


def _refusal_message(mode: Mode, holder: str, purpose: str) -> str:
    if mode == "shared":
        doing = holder or "using the vault on its own"
        return (
            f"Another Anchored command is still {doing}, so Anchored could not {purpose}. "
            "Try again in a moment. Nothing was changed."
        )
    return (
        f"The vault is open in another Anchored window or command, so Anchored could not "
        f"{purpose}. Lock it in the browser (the Lock button at the top) or let the other "
        "command finish, then try again. Nothing was changed."
    )


def _passphrase_slot(
    vault_id: str, data_key: bytearray, passphrase: Secret, profile: keys.Argon2Profile
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
    try:
        nonce, wrapped = keys.wrap(wrapping, data_key, slot_aad(vault_id, "passphrase", unsigned))
    finally:
        wipe(wrapping)
    return unsigned.model_copy(update={"nonce": keys.b64(nonce), "wrapped_key": keys.b64(wrapped)})


def _recovery_slot(vault_id: str, data_key: bytearray, recovery: bytes) -> RecoverySlot:
    salt = keys.new_salt()
    unsigned = RecoverySlot(salt=keys.b64(salt), nonce="", wrapped_key="")
    wrapping = keys.derive_from_recovery(recovery, salt)
    try:
        nonce, wrapped = keys.wrap(wrapping, data_key, slot_aad(vault_id, "recovery", unsigned))
    finally:
        wipe(wrapping)
    return unsigned.model_copy(update={"nonce": keys.b64(nonce), "wrapped_key": keys.b64(wrapped)})


def _restrict_permissions(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError, PermissionError):
            os.chmod(path, 0o600)
