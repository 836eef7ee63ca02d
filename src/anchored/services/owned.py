"""Records that belong to one person: fetch one (or 404), create the rows they start with,
export them, delete them.

Every table holding a person's records has ``owner_id``. A feature's manifest names its
``models`` module; by default its export and delete-everything hooks are the two functions
here, applied to every owned table in that module.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from anchored.core.errors import NotFound
from anchored.core.owner import Owner
from anchored.manifest import Feature, resolve
from anchored.storage.base import Base
from anchored.storage.search import remove_owner_documents

M = TypeVar("M", bound=Base)


def get_owned(session: Session, model: type[M], owner: Owner, record_id: int) -> M:
    """One record of ``owner``'s; :class:`NotFound` if it is missing or someone else's
    (both look the same, so nobody can learn that another person's record exists)."""
    record = session.get(model, record_id)
    if record is None or getattr(record, "owner_id", None) != owner.id:
        raise NotFound
    return record


def picked_between(
    session: Session,
    model: type[M],
    owner: Owner,
    picked: Iterable[int] | None,
    start: datetime,
    end: datetime,
    *where: ColumnElement[bool],
) -> Sequence[M]:
    """``owner``'s records among the ids ``picked`` that were made from ``start`` to ``end``
    (``created_at``, both ends included) and meet ``where``, newest first: what a therapist
    sees of records a person shares one by one. Nothing when nothing is picked."""
    chosen = sorted(picked or ())
    if not chosen:
        return []
    columns: Any = model  # every owned model has id, owner_id and created_at
    query = (
        select(model)
        .where(columns.owner_id == owner.id, columns.id.in_(chosen), *where)
        .where(columns.created_at >= start, columns.created_at <= end)
        .order_by(columns.created_at.desc(), columns.id.desc())
    )
    return session.scalars(query).all()


def insert_missing(session: Session, model: type[Base], rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` into ``model``'s table, skipping any that a unique constraint says exist
    already (``INSERT … ON CONFLICT DO NOTHING``). Rows created on first use go through here, so
    two requests creating the same row at once never collide: one inserts, the other skips."""
    if not rows:
        return
    table = model.__table__
    assert isinstance(table, Table)
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.flush()
    session.execute(dialect.insert(table).values(list(rows)).on_conflict_do_nothing())
    session.flush()


def owned_tables(models_module: str) -> list[type[Base]]:
    """The mapped classes with an ``owner_id`` defined in ``models_module``."""
    module = importlib.import_module(models_module)
    return [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, Base)
        and value is not Base
        and value.__module__ == module.__name__
        and "owner_id" in value.__table__.columns
    ]


def export_rows(
    session: Session, owner: Owner, models_module: str
) -> dict[str, list[dict[str, Any]]]:
    """Every owned row of every table in ``models_module``, as plain values, by table."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for model in owned_tables(models_module):
        table = model.__table__
        assert isinstance(table, Table)
        query = select(table).where(table.c.owner_id == owner.id).order_by(*table.primary_key)
        rows[table.name] = [dict(row._mapping) for row in session.execute(query)]
    return rows


def delete_rows(session: Session, owner: Owner, models_module: str) -> int:
    """Delete every owned row in ``models_module``'s tables (their child rows go by cascade);
    returns how many rows were deleted."""
    deleted = 0
    for model in owned_tables(models_module):
        table = model.__table__
        assert isinstance(table, Table)
        result = session.execute(delete(table).where(table.c.owner_id == owner.id))
        deleted += getattr(result, "rowcount", 0) or 0
    session.flush()
    return deleted


def export_feature(
    session: Session, owner: Owner, feature: Feature
) -> dict[str, list[dict[str, Any]]]:
    """What ``feature`` holds of ``owner``'s: its ``export`` hook, else every owned table."""
    if feature.export:
        rows: dict[str, list[dict[str, Any]]] = resolve(feature.export)(session, owner)
        return rows
    return export_rows(session, owner, feature.models) if feature.models else {}


def delete_feature(session: Session, owner: Owner, feature: Feature) -> int:
    """Delete what ``feature`` holds of ``owner``'s, and its search text: its ``delete`` hook,
    else every owned table. Returns how many rows went."""
    if feature.delete:
        deleted: int = resolve(feature.delete)(session, owner)
    else:
        deleted = delete_rows(session, owner, feature.models) if feature.models else 0
    for kind in feature.search:
        remove_owner_documents(session, owner.id, kind.code)
    session.flush()
    return deleted
