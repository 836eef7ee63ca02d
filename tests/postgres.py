"""PostgreSQL for hosted-mode tests: one throw-away server per test process (see
``tools/pg_cluster.py``: a given URL, a server on 127.0.0.1:5432 that trusts us, or a new
cluster from Debian's package), and a fresh database per test that asks for one."""

from __future__ import annotations

import importlib.util
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


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
