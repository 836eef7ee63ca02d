"""Hosted mode's tables on PostgreSQL: the same linear Alembic history as a personal vault
(``storage/migrations``; the SQLite-only parts, such as the FTS5 index, have their PostgreSQL
counterparts there)."""

from __future__ import annotations

from sqlalchemy import Engine, inspect

from anchored.core.errors import UsageError
from anchored.storage import migrate


def create_schema(engine: Engine) -> None:
    """Bring the database up to the newest migration (nothing to do when it already is).

    Refuses, saying why and changing nothing, a database whose schema this Anchored cannot
    vouch for: tables without a record of their version (not made by these migrations), or a
    version newer than this Anchored knows (the workers need updating first)."""
    current = migrate.current_revision(engine)
    if current == migrate.head_revision():
        return
    if current is None:
        with engine.connect() as connection:
            tables = sorted(inspect(connection).get_table_names())
        if tables:
            shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
            raise UsageError(
                f"This database already has tables ({shown}) but no record of Anchored's "
                "schema version (the alembic_version table), so Anchored will not change it. "
                "Point ANCHORED_DATABASE_URL at a new, empty database, or restore this one "
                "from a backup made by Anchored."
            )
    elif not migrate.is_known(current):
        raise UsageError(
            f"This database is at schema version {current}, newer than this Anchored knows "
            f"({migrate.head_revision()}). Update Anchored on this machine first."
        )
    migrate.upgrade(engine)
