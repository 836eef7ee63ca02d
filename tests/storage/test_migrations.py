import pytest
from sqlalchemy import inspect

from anchored.storage import migrate
from anchored.storage.base import Base
from anchored.storage.search import is_search_table
from anchored.storage.vault import OpenVault

# PostgreSQL has its own: tests/storage/test_migrations_postgres.py.
pytestmark = pytest.mark.sqlcipher_only


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


def test_one_linear_history_numbered_like_its_files() -> None:
    """Opening a vault trusts the files' numbers for the newest revision (no Alembic load);
    Alembic's own reading of the history must say the same."""
    import re

    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate._config())
    assert migrate.head_revision() == script.get_current_head()
    files = sorted(migrate.VERSIONS.glob("[0-9][0-9][0-9][0-9]_*.py"))
    previous = None
    for path in files:
        source = path.read_text(encoding="utf-8")
        assert re.search(rf'^revision = "{path.name[:4]}"$', source, re.M), path.name
        down = re.search(r"^down_revision = (.+)$", source, re.M)
        assert down is not None
        assert down.group(1) == (f'"{previous}"' if previous else "None")
        previous = path.name[:4]


def test_the_version_is_read_as_alembic_reads_it(open_vault: OpenVault) -> None:
    from alembic.runtime.migration import MigrationContext

    def alembic_reads() -> str | None:
        with open_vault.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    assert migrate.current_revision(open_vault.engine) == alembic_reads()
    assert alembic_reads() == migrate.head_revision()
    migrate.downgrade(open_vault.engine, "0007")
    assert migrate.current_revision(open_vault.engine) == alembic_reads() == "0007"
    migrate.downgrade(open_vault.engine, "base")
    assert migrate.current_revision(open_vault.engine) == alembic_reads() is None
