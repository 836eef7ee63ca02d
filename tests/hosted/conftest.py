"""Hosted mode's fixtures: a migrated PostgreSQL database and sessions on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from anchored.storage.hosted import create_hosted_engine
from anchored.storage.hosted_schema import create_schema


@pytest.fixture
def hosted_engine(pg_database: str) -> Iterator[Engine]:
    engine = create_hosted_engine(pg_database, pool_size=2, max_overflow=2)
    create_schema(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def db(hosted_engine: Engine) -> Iterator[Session]:
    """A session on the hosted database; tests commit what they need others to see."""
    with sessionmaker(bind=hosted_engine, expire_on_commit=False)() as session:
        yield session
        session.rollback()
