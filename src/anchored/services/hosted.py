"""Hosted mode's database for the web app and the command line: the PostgreSQL engine with
every word encrypted at rest (``storage.atrest``), sessions on it, and who is acting.

Imported only in hosted mode (it brings psycopg); personal mode never loads it.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import threading
from collections.abc import Iterator

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from anchored.core.errors import UsageError
from anchored.core.owner import Owner
from anchored.manifest import Registry
from anchored.settings import Settings
from anchored.storage import atrest
from anchored.storage.hosted import create_hosted_engine
from anchored.storage.hosted_schema import create_schema

acting_as = atrest.acting_as
log = logging.getLogger("anchored.hosted")


class _RequestConnection:
    """One pooled connection for all the work of one web request (see
    :meth:`HostedDatabase.request`): taken from the pool at first use, given back when the
    request ends. A lock keeps it to one user at a time; anyone who finds it busy (or the
    request over) takes a connection of their own from the pool, as before."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.lock = threading.Lock()
        self.ended = False
        self._connection: Connection | None = None

    def connection(self) -> Connection:
        """The request's connection (call with :attr:`lock` held)."""
        found = self._connection
        if found is None or found.invalidated or found.closed:
            if found is not None:
                found.close()
            found = self._connection = self.engine.connect()
        return found

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def end(self) -> None:
        """The request is over: the connection goes back to the pool (or, if someone is
        still using it, when they are done)."""
        self.ended = True
        if self.lock.acquire(blocking=False):
            try:
                self.close()
            finally:
                self.lock.release()


_REQUEST: contextvars.ContextVar[_RequestConnection | None] = contextvars.ContextVar(
    "anchored_request_connection", default=None
)


class HostedDatabase:
    """One engine (a pool shared by the worker's threads) and the sessions made on it."""

    def __init__(self, settings: Settings, *, pool_size: int = 10) -> None:
        if settings.database_url is None:
            raise UsageError("Hosted mode needs ANCHORED_DATABASE_URL.")
        if settings.master_key_file is None:
            raise UsageError(
                "Hosted mode needs ANCHORED_MASTER_KEY_FILE: a file holding the master key "
                "(32 random bytes in base64) that keeps everyone's writing encrypted."
            )
        master_key = atrest.load_master_key(settings.master_key_file)
        self.engine = create_hosted_engine(
            settings.database_url.get_secret_value(), pool_size=pool_size
        )
        atrest.install(self.engine, master_key)

    def create_schema(self) -> None:
        create_schema(self.engine)

    @contextlib.contextmanager
    def request(self) -> Iterator[None]:
        """Around one web request: its sessions (:meth:`session`, one after another, each its
        own transaction) share one connection from the pool instead of taking one each.
        Every ``with state.session()`` still commits or rolls back on its own."""
        held = _RequestConnection(self.engine)
        token = _REQUEST.set(held)
        try:
            yield
        finally:
            _REQUEST.reset(token)
            held.end()

    @contextlib.contextmanager
    def connection(self) -> Iterator[Connection]:
        """The request's connection while it is free, else one of its own from the pool."""
        held = _REQUEST.get()
        if held is None or held.ended or not held.lock.acquire(blocking=False):
            with self.engine.connect() as connection:
                yield connection
            return
        try:
            connection = held.connection()
            yield connection
        finally:
            try:
                if held._connection is not None and held._connection.in_transaction():
                    held._connection.rollback()  # never hand on a transaction left open
            finally:
                held.lock.release()
                if held.ended:
                    held.close()

    @contextlib.contextmanager
    def autocommit(self) -> Iterator[Connection]:
        """:meth:`connection` with each statement committed as it runs: no BEGIN and COMMIT
        round trips, for work that needs no transaction (one read, one small write)."""
        with self.connection() as connection:
            dbapi_connection = connection.connection.dbapi_connection
            assert dbapi_connection is not None
            dbapi_connection.autocommit = True
            try:
                yield connection
                connection.commit()  # SQLAlchemy's bookkeeping: nothing is left to commit
            finally:
                if not connection.invalidated:
                    dbapi_connection.autocommit = False

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error."""
        with (
            self.connection() as connection,
            Session(bind=connection, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def prepare_owner(database: HostedDatabase, owner: Owner, registry: Registry) -> None:
    """The rows a new person starts with (each feature's ``prepare`` hook), as personal mode
    makes them at unlock; a hook that fails is logged and the feature makes them on first use."""
    for feature, hook in registry.hooks("prepare"):
        try:
            with database.session() as session, acting_as(owner.id):
                hook(session, owner)
        except Exception as exc:
            log.error(
                "Error %s while preparing %s for a new account", type(exc).__name__, feature.name
            )
