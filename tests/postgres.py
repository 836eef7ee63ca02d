"""PostgreSQL for hosted-mode tests: one throw-away server per test process (see
``tools/pg_cluster.py``: a given URL, a server on 127.0.0.1:5432 that trusts us, or a new
cluster from Debian's package), and a fresh database per test that asks for one."""

from __future__ import annotations

import contextlib
import importlib.util
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
# passphrases or SQLite itself). On PostgreSQL the store is a fresh copy of one migrated
# template database per test, with a master key installed, the data keys of people 1-3
# made, and person 1 (``people.me``) acting.

ENGINES = ("sqlcipher", "postgresql")
TEST_MASTER_KEY = bytes(range(32))  # tests only; never a real key


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "sqlcipher_only: about the SQLCipher vault itself; open_vault runs on SQLCipher only",
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


@pytest.fixture(scope="session")
def pg_template(pg_server: str) -> Iterator[str]:
    """A database migrated to head once per test process (each test copies it)."""
    from sqlalchemy import create_engine, text

    from anchored.storage import migrate

    name = f"tmpl_{uuid.uuid4().hex[:16]}"
    admin = _admin(pg_server)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = create_engine(_url_of(pg_server, name), poolclass=NullPool)
    migrate.upgrade(engine)
    engine.dispose()
    yield name
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _url_of(pg_server: str, name: str) -> str:
    return pg_server.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture
def pg_store(pg_server: str, pg_template: str) -> Iterator[HostedStore]:
    """A migrated PostgreSQL database of its own, encrypted at rest, person 1 acting."""
    from sqlalchemy import text

    from anchored.storage import atrest
    from anchored.storage.hosted import create_hosted_engine

    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = _admin(pg_server)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    engine = create_hosted_engine(_url_of(pg_server, name), pool_size=2, max_overflow=8)
    atrest.install(engine, TEST_MASTER_KEY)
    store = HostedStore(engine)
    with store.session() as session:
        for owner_id in (1, 2, 3):
            atrest.ensure_owner_key(session, owner_id)
    with atrest.acting_as(1):
        yield store
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
