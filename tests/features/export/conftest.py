"""A second vault for imports, and a vault with a record in every table of every feature."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.features import FEATURES
from anchored.features.export.schema import TableSpec, build
from anchored.manifest import Registry, resolve
from anchored.services.vault import OpenVault, Vault
from tests.support import PASSPHRASE

REGISTRY = Registry(FEATURES)
NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def second_vault(tmp_path: Path, _new_vault: Path) -> Iterator[OpenVault]:
    """Another person's vault (or the same person's on another computer), empty."""
    folder = tmp_path / "second"
    shutil.copytree(_new_vault, folder)
    opened = Vault(folder).unlock(PASSPHRASE)
    yield opened
    opened.lock()


def word_for(feature: str) -> str:
    """A word no feature writes itself, one per feature, to find its records by search."""
    return "heron" + "".join(chr(ord("a") + ord(c) % 26) for c in feature if c.isalpha())


def fill_everything(session: Session, owner: Owner) -> None:
    """Every feature's free-text fields through its own saves (so search and the crisis check
    see them as any save), then one record in every table still empty, made from the
    table's columns alone: a new feature's table is filled without anyone listing it."""
    for feature in FEATURES:
        if feature.free_text:
            text = f"A {word_for(feature.name)} by the river at dawn."
            list(resolve(feature.free_text)(session, owner, text, NOW))
    for spec in build(REGISTRY).order:
        table = spec.table
        if spec.owned:
            mine = select(func.count()).select_from(table).where(table.c.owner_id == owner.id)
            if session.scalar(mine):
                continue
        elif session.scalar(select(func.count()).select_from(table)):
            continue
        values = {c.name: _value(session, owner, spec, c.name) for c in spec.columns}
        if spec.owned:
            values["owner_id"] = owner.id
        session.execute(insert(table).values(**values))
    session.flush()


def _value(session: Session, owner: Owner, spec: TableSpec, name: str) -> Any:
    column = spec.column(name)
    assert column is not None
    if column.pointer:
        target = build(REGISTRY).by_name[column.pointer.table].table
        query = select(target.c.id).order_by(target.c.id.desc()).limit(1)
        if "owner_id" in target.columns:
            query = query.where(target.c.owner_id == owner.id)
        found = session.scalar(query)
        assert found is not None, f"{spec.name}.{name}: nothing to point at"
        if column.pointer.separator or column.pointer.prefix:
            return f"{column.pointer.prefix}{found}"
        return found
    made: dict[str, Callable[[], Any]] = {
        "datetime": lambda: NOW,
        "date": lambda: NOW.date(),
        "bool": lambda: True,
        "int": lambda: 3,
        "text": lambda: "kingfisher"[: column.length or 10],
        "json": lambda: {"1": 2},
    }
    return made[column.kind]()
