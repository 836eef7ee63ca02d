"""Hosted mode's engine: many people in one PostgreSQL database (psycopg 3).

Personal mode never imports this module (nor psycopg). See docs/hosting.md.
"""

from __future__ import annotations

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

from anchored.core.errors import UsageError

POSTGRES_DRIVERS = frozenset({"postgresql+psycopg"})


def is_postgres_url(url: str) -> bool:
    try:
        return make_url(url).drivername in POSTGRES_DRIVERS
    except Exception:
        return False


def create_hosted_engine(url: str, *, pool_size: int = 10, max_overflow: int = 10) -> Engine:
    """An engine on the PostgreSQL database at ``url`` (``postgresql+psycopg://…``).

    Connections are checked before use (``pool_pre_ping``: a database restart or a failover
    costs one retry, not an error page) and recycled hourly.
    """
    parsed = make_url(url)
    if parsed.drivername not in POSTGRES_DRIVERS:
        raise UsageError(
            "ANCHORED_DATABASE_URL must start with postgresql+psycopg:// "
            f"(it starts with {parsed.drivername}://)."
        )
    return create_engine(
        parsed,
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_pre_ping=True,
        pool_recycle=3600,
        connect_args={"application_name": "anchored"},
    )
