"""Hosted mode's engine: many people in one PostgreSQL database (psycopg 3).

Personal mode never imports this module (nor psycopg). See docs/hosting.md.
"""

from __future__ import annotations

import select
import time
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import make_url

from anchored.core.errors import UsageError

POSTGRES_DRIVERS = frozenset({"postgresql+psycopg"})

# A connection back from the pool is pinged (a round trip) only when it sat unused for longer
# than this, or when the server has sent something while it sat there (see _news).
PING_AFTER_IDLE_SECONDS = 10.0
_IDLE_SINCE = "anchored_idle_since"


def is_postgres_url(url: str) -> bool:
    try:
        return make_url(url).drivername in POSTGRES_DRIVERS
    except Exception:
        return False


def create_hosted_engine(url: str, *, pool_size: int = 10, max_overflow: int = 10) -> Engine:
    """An engine on the PostgreSQL database at ``url`` (``postgresql+psycopg://…``).

    Connections are checked before use, so a database restart or a failover costs a new
    connection, not an error page; recycled hourly. The check is cheap where it can be: a
    connection used in the last :data:`PING_AFTER_IDLE_SECONDS` whose socket has nothing to
    read is taken as it is (a restarting server tells its connections it is going, which
    leaves them something to read); any other is pinged first, as ``pool_pre_ping`` would
    ping every one (a round trip on each request).
    """
    parsed = make_url(url)
    if parsed.drivername not in POSTGRES_DRIVERS:
        raise UsageError(
            "ANCHORED_DATABASE_URL must start with postgresql+psycopg:// "
            f"(it starts with {parsed.drivername}://)."
        )
    engine = create_engine(
        parsed,
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_recycle=3600,
        connect_args={"application_name": "anchored"},
    )

    def fresh(_dbapi_connection: Any, record: Any) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    def checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    def checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get(_IDLE_SINCE)
        if (
            idle_since is not None
            and time.monotonic() - idle_since < PING_AFTER_IDLE_SECONDS
            and not _news(dbapi_connection)
        ):
            return
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except Exception:
            alive = False
        if not alive:
            # The pool throws this connection away and tries a new one (up to three times).
            raise exc.DisconnectionError("the database connection was lost")

    event.listen(engine.pool, "connect", fresh)
    event.listen(engine.pool, "checkin", checked_in)
    event.listen(engine.pool, "checkout", checked_out)
    return engine


def _news(dbapi_connection: Any) -> bool:
    """Whether the server sent anything to an idle connection (no round trip: one poll of its
    socket). An idle connection is sent nothing unless it is being closed: a server shutting
    down or restarting, or an administrator ending it, says so first, then closes it."""
    try:
        fd = dbapi_connection.pgconn.socket
    except Exception:
        return True  # closed already, or unknown: ping to find out
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLERR | select.POLLHUP)
    return bool(poller.poll(0))
