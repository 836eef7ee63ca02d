"""Hosted mode reaches a real PostgreSQL through psycopg 3."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from anchored.core.errors import UsageError
from anchored.settings import Settings
from anchored.storage.hosted import create_hosted_engine, is_postgres_url


def test_the_engine_talks_to_postgresql(pg_database: str) -> None:
    engine = create_hosted_engine(pg_database)
    with engine.connect() as connection:
        version = connection.execute(text("show server_version_num")).scalar_one()
    engine.dispose()
    assert int(version) >= 130000


def test_only_a_postgresql_url_makes_hosted_mode() -> None:
    assert is_postgres_url("postgresql+psycopg://someone@db.example/anchored")
    assert not is_postgres_url("sqlite:///vault.db")
    with pytest.raises(UsageError, match="postgresql\\+psycopg://"):
        create_hosted_engine("mysql://someone@db/anchored")


def test_the_setting_switches_to_hosted_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not Settings().hosted
    monkeypatch.setenv("ANCHORED_DATABASE_URL", "postgresql+psycopg://someone@db/anchored")
    assert Settings().hosted
