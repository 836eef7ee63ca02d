"""The one place engines are made. Today: SQLCipher files; hosted PostgreSQL arrives later."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


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

    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)
