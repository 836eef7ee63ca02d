"""Apply Alembic migrations to an open engine; report the schema version.

Alembic is imported only when a schema changes (it costs about a quarter of a second): opening
an up-to-date vault reads the version with one query and knows the newest revision from the
migration files' names (one linear history, ``NNNN_name.py`` with ``revision = "NNNN"``;
``tests/storage/test_migrations.py`` checks both agree with Alembic).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "anchored.storage:migrations")
    return config


VERSIONS = Path(__file__).parent / "migrations" / "versions"


def head_revision() -> str:
    """The newest migration's revision: the highest-numbered file's number."""
    return max(path.name[:4] for path in VERSIONS.glob("[0-9][0-9][0-9][0-9]_*.py"))


def current_revision(engine: Engine) -> str | None:
    """The schema version the database is at; None for a database never migrated."""
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return rows[0][0] if len(rows) == 1 else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    from alembic import command

    _run(engine, command.downgrade, revision)


def _run(engine: Engine, action: object, revision: str) -> None:
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        action(config, revision)  # type: ignore[operator]


def is_known(revision: str) -> bool:
    """Whether this Anchored has the migration ``revision`` (a newer one's is unknown)."""
    return revision.isdigit() and len(revision) == 4 and any(VERSIONS.glob(f"{revision}_*.py"))
