"""The one place engines are made. Today: SQLCipher files; hosted PostgreSQL arrives later."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

# SQLite's result codes for a page that fails its check (SQLCipher's too) and for a file that
# is no database at all.
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
DAMAGED_CODES = frozenset({SQLITE_CORRUPT, SQLITE_NOTADB})


def create_vault_engine(db_path: Path, data_key: bytearray) -> Engine:
    """An engine whose every connection is keyed with ``data_key`` (raw 256-bit key).

    ``data_key`` is read on each new connection and not copied; the vault wipes it on lock,
    after disposing of this engine.
    """
    engine = create_engine(f"sqlite:///{db_path}", module=sqlcipher)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            # Order matters: silence SQLCipher's own logging before the key is given.
            cursor.execute("PRAGMA cipher_log_level = NONE")
            cursor.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA busy_timeout = 5000")
            # Sorts and temporary indexes stay in memory, never in a temp file.
            cursor.execute("PRAGMA temp_store = MEMORY")
        finally:
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
