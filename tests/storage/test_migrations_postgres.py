"""The one Alembic history on PostgreSQL (hosted mode): head from empty, models agree, and
down to nothing and back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, inspect
from sqlalchemy.pool import NullPool

from anchored.storage import migrate
from anchored.storage.base import Base
from anchored.storage.search import is_search_table

pytestmark = pytest.mark.postgresql  # picked by -k postgresql


@pytest.fixture
def pg_engine(pg_database: str) -> Iterator[Engine]:
    engine = create_engine(pg_database, poolclass=NullPool)
    yield engine
    engine.dispose()


def _tables(engine: Engine) -> set[str]:
    names = set(inspect(engine).get_table_names()) - {"alembic_version"}
    return {name for name in names if not is_search_table(name)}


def _differences(engine: Engine) -> list[object]:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "include_name": lambda name, type_, _p: not is_search_table(name or ""),
                "compare_type": True,
            },
        )
        return list(compare_metadata(context, Base.metadata))


def test_an_empty_database_migrates_to_head_and_agrees_with_the_models(
    pg_engine: Engine,
) -> None:
    migrate.upgrade(pg_engine)
    assert migrate.current_revision(pg_engine) == migrate.head_revision()
    assert _tables(pg_engine) == set(Base.metadata.tables)
    assert _differences(pg_engine) == []
    # No FTS5 index in PostgreSQL (it would hold the words in plain text): the encrypted
    # documents and the blind index instead.
    names = set(inspect(pg_engine).get_table_names())
    assert "search_index" not in names
    assert {"search_index_documents", "search_index_terms"} <= names


def test_every_free_text_column_is_text_on_postgresql(pg_engine: Engine) -> None:
    """Encrypted words are longer than the words: no length limit in the database."""
    from anchored.storage.base import is_free_text

    migrate.upgrade(pg_engine)
    inspector = inspect(pg_engine)
    for table in Base.metadata.sorted_tables:
        kinds = {c["name"]: c["type"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if is_free_text(column):
                assert type(kinds[column.name]).__name__ == "TEXT", (table.name, column.name)


def test_head_to_base_to_head(pg_engine: Engine) -> None:
    migrate.upgrade(pg_engine)
    migrate.downgrade(pg_engine, "base")
    assert migrate.current_revision(pg_engine) is None
    assert _tables(pg_engine) == set()
    assert set(inspect(pg_engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(pg_engine, "head")
    assert migrate.current_revision(pg_engine) == migrate.head_revision()
    assert _differences(pg_engine) == []
