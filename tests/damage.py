"""Damage a vault on purpose, as a failing disk would: one flipped byte in one page."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from anchored.services.vault import Vault
from tests.support import PASSPHRASE


def damage_table(data_dir: Path, table: str, passphrase: str = PASSPHRASE) -> None:
    """Flip one byte in the first page of ``table`` (the vault must be locked). Opening the
    vault still works; reading or writing that table then fails SQLCipher's page check."""
    opened = Vault(data_dir).unlock(passphrase)
    try:
        with opened.session() as session:
            page_size = int(session.execute(text("PRAGMA page_size")).scalar_one())
            root = session.execute(
                text("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = :t"),
                {"t": table},
            ).scalar_one()
    finally:
        opened.lock()  # the last connection checkpoints the log into the file
    database = Path(data_dir) / "anchored.db"
    data = bytearray(database.read_bytes())
    data[(root - 1) * page_size + page_size // 2] ^= 0xFF
    database.write_bytes(bytes(data))
