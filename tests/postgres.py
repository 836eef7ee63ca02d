"""PostgreSQL for hosted-mode tests: one throw-away server per test process (see
``tools/pg_cluster.py``: a given URL, a server on 127.0.0.1:5432 that trusts us, or a new
cluster from Debian's package), and a fresh database per test that asks for one."""

from __future__ import annotations

import contextlib
import importlib.util
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest
from sqlalchemy.pool import NullPool

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parent.parent
SERVER_LOG: list[Path] = []  # where the server this process started writes its log


def _cluster_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pg_cluster", ROOT / "tools" / "pg_cluster.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a PostgreSQL server (its ``postgres`` database) for this test process."""
    tool = _cluster_tool()
    # Under /tmp itself: the server runs as the ``postgres`` user, who cannot enter pytest's
    # private temporary folders.
    folder = Path(tempfile.mkdtemp(prefix="anchored-pg-"))
    url = tool.start(folder)
    SERVER_LOG.append(folder / "server.log")  # ours only when we started the server
    yield url
    tool.stop(folder)
    shutil.rmtree(folder, ignore_errors=True)  # the cluster's files: nothing to keep


@pytest.fixture
def pg_database(pg_server: str) -> Iterator[str]:
    """The URL of a new, empty database, dropped after the test."""
    from sqlalchemy import create_engine, text

    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield pg_server.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


# -- the service tests on PostgreSQL ------------------------------------------------------------
# Every test using ``open_vault`` runs on both engines (ids ``sqlcipher`` and ``postgresql``:
# ``-k postgresql`` picks one), except those marked ``sqlcipher_only`` (about vault files,
# passphrases or SQLite itself). On PostgreSQL the store is one database per test process,
# migrated once and emptied before each test, with a master key installed, the data keys of
# people 1-3 made, and person 1 (``people.me``) acting.

ENGINES = ("sqlcipher", "postgresql")
TEST_MASTER_KEY = bytes(range(32))  # tests only; never a real key


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "sqlcipher_only: about the SQLCipher vault itself; open_vault runs on SQLCipher only",
    )
    config.addinivalue_line(
        "markers", "postgresql: runs on PostgreSQL only (so -k postgresql picks it too)"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "open_vault" not in metafunc.fixturenames:
        return
    only = metafunc.definition.get_closest_marker("sqlcipher_only") is not None
    metafunc.parametrize("vault_engine", ENGINES[:1] if only else ENGINES, indirect=True)


@pytest.fixture
def vault_engine(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlcipher"))


class HostedStore:
    """What the service tests use of an open vault, on a PostgreSQL database."""

    def __init__(self, engine: Engine) -> None:
        from sqlalchemy.orm import sessionmaker

        self.engine = self._engine = engine
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def lock(self) -> None:
        self.engine.dispose()


def _admin(pg_server: str) -> Engine:
    from sqlalchemy import create_engine

    return create_engine(pg_server, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def _url_of(pg_server: str, name: str) -> str:
    return pg_server.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(scope="session")
def _pg_shared(pg_server: str) -> Iterator[tuple[Engine, str]]:
    """One database per test process, migrated to head once, and the SQL that empties it
    (every table, children first, and every sequence back to 1): about 10 ms between tests,
    where a new database copied from a template costs most of a second on a busy machine."""
    from sqlalchemy import text

    from anchored.storage import migrate
    from anchored.storage.base import Base
    from anchored.storage.hosted import create_hosted_engine

    name = f"svc_{uuid.uuid4().hex[:16]}"
    admin = _admin(pg_server)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = create_hosted_engine(_url_of(pg_server, name), pool_size=2, max_overflow=8)
    migrate.upgrade(engine)
    with engine.connect() as connection:
        tables = [
            str(t)
            for t in connection.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ).scalars()
            if t != "alembic_version"
        ]
        sequences = list(
            connection.execute(text("SELECT sequencename FROM pg_sequences")).scalars()
        )
    order = [t.name for t in reversed(Base.metadata.sorted_tables)]
    tables.sort(key=lambda t: order.index(t) if t in order else -1)
    reset = "; ".join(
        [f"DELETE FROM {t}" for t in tables]  # noqa: S608 (names from the catalogue)
        + [f"SELECT setval('{s}', 1, false)" for s in sequences]
    )
    yield engine, reset
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def pg_store(_pg_shared: tuple[Engine, str]) -> Iterator[HostedStore]:
    """The migrated PostgreSQL database, emptied, encrypted at rest, person 1 acting."""
    from anchored.storage import atrest

    engine, reset = _pg_shared
    raw = engine.raw_connection()
    try:
        raw.cursor().execute(reset)
        raw.commit()
    finally:
        raw.close()
    atrest.install(engine, TEST_MASTER_KEY)
    store = HostedStore(engine)
    with store.session() as session:
        for owner_id in (1, 2, 3):
            atrest.ensure_owner_key(session, owner_id)
    with atrest.acting_as(1):
        yield store
    engine.dispose()  # whatever the test left open
