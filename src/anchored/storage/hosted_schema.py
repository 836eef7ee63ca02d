"""Hosted mode's tables on PostgreSQL: the same linear Alembic history as a personal vault
(``storage/migrations``; the SQLite-only parts, such as the FTS5 index, have their PostgreSQL
counterparts there)."""

from __future__ import annotations

from sqlalchemy import Engine

from anchored.storage import migrate


def create_schema(engine: Engine) -> None:
    """Bring the database up to the newest migration (nothing to do when it already is)."""
    if migrate.current_revision(engine) != migrate.head_revision():
        migrate.upgrade(engine)
