from sqlalchemy import inspect

from anchored.storage import migrate
from anchored.storage.base import Base
from anchored.storage.search import is_search_table
from anchored.storage.vault import OpenVault


def _tables(open_vault: OpenVault) -> set[str]:
    names = set(inspect(open_vault.engine).get_table_names()) - {"alembic_version"}
    return {name for name in names if not is_search_table(name)}


def test_unlock_applies_migrations_to_head(open_vault: OpenVault) -> None:
    assert migrate.current_revision(open_vault.engine) == migrate.head_revision()
    assert open_vault.header.schema_revision == migrate.head_revision()
    assert _tables(open_vault) == set(Base.metadata.tables)


def test_head_to_base_to_head_on_a_fresh_vault(open_vault: OpenVault) -> None:
    migrate.downgrade(open_vault.engine, "base")
    assert migrate.current_revision(open_vault.engine) is None
    assert _tables(open_vault) == set()
    migrate.upgrade(open_vault.engine, "head")
    assert migrate.current_revision(open_vault.engine) == migrate.head_revision()
    assert _tables(open_vault) == set(Base.metadata.tables)


def test_models_and_migrations_agree(open_vault: OpenVault) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with open_vault.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"include_name": lambda name, type_, _p: not is_search_table(name or "")},
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == []
