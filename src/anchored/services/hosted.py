"""Hosted mode's database for the web app and the command line: the PostgreSQL engine with
every word encrypted at rest (``storage.atrest``), sessions on it, and who is acting.

Imported only in hosted mode (it brings psycopg); personal mode never loads it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from sqlalchemy import Connection
from sqlalchemy.orm import Session, sessionmaker

from anchored.core.errors import UsageError
from anchored.core.owner import Owner
from anchored.manifest import Registry
from anchored.settings import Settings
from anchored.storage import atrest
from anchored.storage.hosted import create_hosted_engine
from anchored.storage.hosted_schema import create_schema

acting_as = atrest.acting_as
log = logging.getLogger("anchored.hosted")


# A worker's requests use the database from up to 40 threads at once (anyio's thread pool).
# Connections beyond the pool's size are closed when given back, so a pool smaller than the
# usual number of requests in flight would open a new connection (a new server process) for
# many requests under load: 20 kept, up to 10 more at peaks.
POOL_SIZE = 20


class HostedDatabase:
    """One engine (a pool shared by the worker's threads) and the sessions made on it."""

    def __init__(self, settings: Settings, *, pool_size: int = POOL_SIZE) -> None:
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
        self._sessions = sessionmaker(bind=self.engine, expire_on_commit=False)

    def create_schema(self) -> None:
        create_schema(self.engine)

    @contextlib.contextmanager
    def autocommit(self) -> Iterator[Connection]:
        """A connection whose statements each commit as they run: no BEGIN and COMMIT round
        trips, for work that needs no transaction (one read, one small write). Taking a
        connection from the pool is cheap too: no round trip (see ``storage.hosted``)."""
        with self.engine.connect() as connection:
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
        with self._sessions() as session, session.begin():
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
