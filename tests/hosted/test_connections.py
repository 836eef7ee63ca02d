"""Hosted mode's connections: few per page, and a lost connection (the database restarted)
costs nobody an error page."""

from __future__ import annotations

import time

from sqlalchemy import Engine, create_engine, event, select, text

from anchored.features.journal.models import JournalEntry
from anchored.storage.hosted import create_hosted_engine
from tests.hosted.conftest import Hosted


def _end_app_connections(url: str) -> int:
    """What a restart or a failover does to the app's connections: the server ends them (and
    this waits until they are gone: ending one is only asked for at first)."""
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    theirs = "FROM pg_stat_activity WHERE application_name = 'anchored' AND pid <> pg_backend_pid()"
    try:
        with admin.connect() as connection:
            ended = connection.execute(
                text(f"SELECT count(pg_terminate_backend(pid)) {theirs}")
            ).scalar_one()
            deadline = time.monotonic() + 10
            while connection.execute(text(f"SELECT count(*) {theirs}")).scalar_one():
                assert time.monotonic() < deadline, "the server did not end the connections"
                time.sleep(0.01)
    finally:
        admin.dispose()
    return int(ended)


def _checkouts(engine: Engine) -> list[int]:
    taken = [0]

    def count(*_args: object) -> None:
        taken[0] += 1

    event.listen(engine.pool, "checkout", count)
    return taken


def test_home_reads_its_panels_in_one_go_after_the_sign_in(hosted: Hosted) -> None:
    hosted.account("sam")
    sam = hosted.browser("sam")
    taken = _checkouts(hosted.state.db.engine)
    home = sam.get("/")
    assert home.status_code == 200
    assert taken[0] == 2  # the session lookup, then one session for every home panel


def test_a_lost_connection_costs_no_error_page(hosted: Hosted, hosted_database: str) -> None:
    hosted.account("sam")
    sam = hosted.browser("sam")
    assert sam.get("/journal").status_code == 200
    assert _end_app_connections(hosted_database) >= 1
    # The pool's connections were used a moment ago: the server's goodbye is what tells.
    page = sam.get("/journal")
    assert page.status_code == 200
    saved = sam.post("/journal/new", {"body": "Written after the database came back."})
    assert saved.status_code == 303
    with hosted.state.session() as session:
        bodies = session.scalars(select(JournalEntry.body)).all()
    assert bodies == ["Written after the database came back."]


def test_a_connection_left_idle_is_checked_before_use(hosted_database: str) -> None:
    engine = create_hosted_engine(hosted_database, pool_size=1, max_overflow=0)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        _end_app_connections(hosted_database)
        with engine.connect() as connection:  # a new connection, not an error
            assert connection.execute(text("SELECT 1")).scalar_one() == 1
    finally:
        engine.dispose()
