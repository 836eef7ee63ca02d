"""The one place engines are made. Today: SQLCipher files; hosted PostgreSQL arrives later."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from anchored.core.errors import VaultLocked
from anchored.core.secret import wipe
from anchored.storage.keys import key_spec

BUSY_TIMEOUT_MS = 30_000  # generous: on a loaded machine a queue of writers can take seconds

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_CORRUPT = 11
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26
# A page that fails its check (SQLCipher's too), or a file that is no database at all.
DAMAGED_CODES = frozenset({SQLITE_CORRUPT, SQLITE_NOTADB})


class NotThisVault(sqlcipher.DatabaseError):
    """The file opens with the key but holds none of Anchored's tables (an empty file, or a
    database some crash or tool left there): it is not this vault's data."""


def error_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of a driver error (or of the one SQLAlchemy wraps)."""
    if isinstance(exc, NotThisVault):
        return SQLITE_NOTADB
    original = getattr(exc, "orig", exc)
    if isinstance(original, NotThisVault):
        return SQLITE_NOTADB
    code = getattr(original, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_damage(exc: BaseException) -> bool:
    return error_code(exc) in {SQLITE_CORRUPT, SQLITE_NOTADB}


def is_cannot_open(exc: BaseException) -> bool:
    """The file could not be opened at all (gone since we looked, or no permission)."""
    return error_code(exc) == SQLITE_CANTOPEN


def is_busy(exc: BaseException) -> bool:
    return error_code(exc) in {SQLITE_BUSY, SQLITE_LOCKED}


# Connections kept open between requests: a browser opens up to six at once to one site, and
# a new SQLCipher connection starts with a cold page cache (every page it reads is decrypted
# again), so a pool smaller than that opens and closes one on many requests. The most recently
# used connection is handed out first (LIFO), so one request after another stays on the
# connection whose cache is warm.
POOL_SIZE = 8


def create_vault_engine(db_path: Path, data_key: bytearray, *, create: bool = False) -> Engine:
    """An engine whose every connection is keyed with ``data_key`` (raw 256-bit key).

    ``data_key`` is read on each new connection and not copied: it goes to SQLCipher as bytes
    (``set_key``) from a buffer wiped straight after, never as the text of a ``PRAGMA key``.
    The vault wipes ``data_key`` itself on lock, after disposing of this engine.

    Without ``create`` a connection never makes a file (SQLite's ``mode=rw``) and refuses a
    database without Anchored's tables (``NotThisVault``) before anything is written to it.

    Other processes may use the database at the same time (WAL mode). The driver begins a
    transaction at its first write, so that write waits its turn (up to ``BUSY_TIMEOUT_MS``)
    while another process writes, instead of failing.
    """
    uri = Path(db_path).absolute().as_uri() + ("?mode=rwc" if create else "?mode=rw")

    def connect() -> Any:
        return sqlcipher.connect(uri, uri=True, check_same_thread=False)

    # The URL only tells SQLAlchemy this is a file database (a connection pool, not one
    # connection per thread); ``connect`` opens it.
    url = URL.create("sqlite", database=str(db_path))
    engine = create_engine(
        url, module=sqlcipher, creator=connect, pool_size=POOL_SIZE, pool_use_lifo=True
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        if not any(data_key):
            # Locked (the key is wiped) while another thread still wanted a connection.
            dbapi_connection.close()
            raise VaultLocked("The vault is locked.")
        cursor = dbapi_connection.cursor()
        try:
            # Order matters: silence SQLCipher's own logging before the key is given, and ask
            # it to wipe all memory it frees (decrypted pages, key material) before keying.
            cursor.execute("PRAGMA cipher_log_level = NONE")
            cursor.execute("PRAGMA cipher_memory_security = ON")
            spec = key_spec(data_key)
            try:
                dbapi_connection.set_key(spec)
            finally:
                wipe(spec)
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if not create:
                # Before anything that could write (journal_mode does on an empty file).
                found = cursor.execute(
                    "SELECT count(*) FROM sqlite_master "
                    "WHERE type = 'table' AND name = 'alembic_version'"
                ).fetchone()[0]
                if not found:
                    raise NotThisVault("no Anchored tables in this database")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA foreign_keys = ON")
            # Sorts and temporary indexes stay in memory, never in a temp file.
            cursor.execute("PRAGMA temp_store = MEMORY")
        except BaseException:
            cursor.close()
            dbapi_connection.close()  # SQLAlchemy would leave a failed connection open
            raise
        cursor.close()

    @event.listens_for(engine, "handle_error")
    def _drop_damaged_connection(context: Any) -> None:
        # After a page fails its check, SQLCipher refuses everything on that connection, so
        # one damaged page would break every later page. Drop the connection (the pool opens
        # a new one); the error itself still reaches the caller.
        code = getattr(context.original_exception, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF in DAMAGED_CODES:
            context.is_disconnect = True

    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)
