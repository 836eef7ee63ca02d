"""What the backup tests share: filling every feature with words, reading every row back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from anchored.features import FEATURES
from anchored.manifest import Registry
from anchored.services.vault import OpenVault, Vault
from tests.support import NOW, PASSPHRASE, PEOPLE

REGISTRY = Registry(FEATURES)


def marker(n: int) -> str:
    return f"We walked by the river, quillmarker{n:04d}."


def fill_every_feature(opened: OpenVault) -> list[str]:
    """Every free-text field of every feature, through its own service (its ``free_text``
    probe), each with a marker of its own. Returns the markers written."""
    written: list[str] = []
    for n, (_feature, probe) in enumerate(REGISTRY.hooks("free_text")):
        text = marker(n)
        with opened.session() as session:
            fields = list(probe(session, PEOPLE.me, text, NOW))
        assert fields, "a free_text probe saved nothing"
        written.append(text)
    return written


def every_row(opened: OpenVault) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table in the database (search index and its shadow tables too)."""
    connection = opened.engine.raw_connection()
    try:
        cursor = connection.cursor()
        names = [
            name
            for (name,) in cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        rows = {
            name: sorted(cursor.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)  # noqa: S608
            for name in names
        }
        cursor.close()
    finally:
        connection.close()
    return rows


def rows_of(data_dir: Path, passphrase: str = PASSPHRASE) -> dict[str, list[tuple[Any, ...]]]:
    with Vault(data_dir).unlock(passphrase) as opened:
        return every_row(opened)


def bytes_on_disk(folder: Path) -> bytes:
    """Everything in ``folder`` and below, as one byte string (to look for plain text)."""
    return b"".join(path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file())
