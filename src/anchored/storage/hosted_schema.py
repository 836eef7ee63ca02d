"""Hosted mode's tables on PostgreSQL — STAND-IN until hosted-db's Alembic history runs there.

``create_schema`` makes every table from the models, plus a plain ``search_index`` table with
the columns the search module writes (no full-text search: that is hosted-db's part). The
merge replaces this with ``migrate.upgrade`` on PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import Engine, text

from anchored.storage import models as _shared  # noqa: F401 (the shared tables, loaded)
from anchored.storage.base import Base

SEARCH_STAND_IN = (
    "CREATE TABLE IF NOT EXISTS search_index "
    "(rowid bigint PRIMARY KEY, title text, body text, owner text)"
)


def create_schema(engine: Engine) -> None:
    """Every loaded model's table (the caller loads the features' models first)."""
    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(text(SEARCH_STAND_IN))
