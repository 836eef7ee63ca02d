"""Hosted mode's fixtures: a migrated PostgreSQL database and sessions on it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from anchored.storage.hosted import create_hosted_engine
from anchored.storage.hosted_schema import create_schema


@pytest.fixture(scope="session")
def _hosted_template(pg_server: str) -> Iterator[str]:
    """A database with every table, made once per test process; each test gets a copy."""
    from sqlalchemy import create_engine, text

    name = f"tpl_{uuid.uuid4().hex[:16]}"
    admin = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = create_hosted_engine(pg_server.rsplit("/", 1)[0] + f"/{name}")
    create_schema(engine)
    engine.dispose()
    yield name
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def hosted_database(pg_server: str, _hosted_template: str) -> Iterator[str]:
    """The URL of a new database with every table (a copy of the template), dropped after."""
    from sqlalchemy import create_engine, text

    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{_hosted_template}"'))
    yield pg_server.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def hosted_engine(hosted_database: str) -> Iterator[Engine]:
    from anchored.storage import atrest

    engine = create_hosted_engine(hosted_database, pool_size=2, max_overflow=2)
    atrest.install(engine, bytes(range(32)))  # every word encrypted, as the app does
    yield engine
    engine.dispose()


@pytest.fixture
def db(hosted_engine: Engine) -> Iterator[Session]:
    """A session on the hosted database; tests commit what they need others to see."""
    with sessionmaker(bind=hosted_engine, expire_on_commit=False)() as session:
        yield session
        session.rollback()


# -- the hosted web app ------------------------------------------------------------------------

import base64  # noqa: E402
import re  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

from fastapi.testclient import TestClient  # noqa: E402

from anchored.services import accounts  # noqa: E402
from anchored.settings import Settings  # noqa: E402
from anchored.web.app import create_app  # noqa: E402
from anchored.web.hosted import HostedState, hosted_state  # noqa: E402
from tests.support import BASE_URL, NOW, PORT, FakeClock  # noqa: E402

PASSWORD = "a long walk by the sea"
CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


def hosted_settings(url: str, folder: Path, **more: object) -> Settings:
    key = folder / "master.key"
    key.write_bytes(base64.b64encode(bytes(range(32))) + b"\n")
    values: dict[str, object] = {
        "database_url": url,
        "master_key_file": key,
        "public_url": BASE_URL,
        "argon2_profile": "fast",
        "data_dir": folder / "data",
        **more,
    }
    return Settings(**values)  # type: ignore[arg-type]


@dataclass
class Browser:
    """A signed-in browser: posts carry the session's CSRF token, as the pages' forms do."""

    client: TestClient
    account_id: int
    csrf: str

    def post(self, url: str, data: dict[str, str] | None = None, **kw: object):  # type: ignore[no-untyped-def]
        return self.client.post(
            url, data={**(data or {}), "csrf_token": self.csrf}, follow_redirects=False, **kw
        )

    def get(self, url: str, **kw: object):  # type: ignore[no-untyped-def]
        return self.client.get(url, follow_redirects=False, **kw)


@dataclass
class Hosted:
    state: HostedState
    app: object

    def account(self, name: str, role: str = "person") -> int:
        with self.state.session() as session:
            token = accounts.create_invite(session, None, role, now=self.state.now())
            made = accounts.accept_invite(
                session, token, name, PASSWORD, now=self.state.now(), profile="fast"
            )
        return made.account_id

    def browser(self, name: str, *, account_id: int | None = None) -> Browser:
        client = TestClient(self.app, base_url=BASE_URL, headers={"Origin": BASE_URL})  # type: ignore[arg-type]
        client.__enter__()
        done = client.post(
            "/login", data={"username": name, "password": PASSWORD}, follow_redirects=False
        )
        assert done.status_code == 303, done.text
        page = client.get("/account")
        found = CSRF.search(page.text)
        assert found, page.text[:500]
        if account_id is None:
            with self.state.session() as session:
                from sqlalchemy import select

                from anchored.storage.accounts import Account

                account_id = session.scalar(select(Account.id).where(Account.username == name))
        assert account_id is not None
        return Browser(client, account_id, found.group(1))


def make_hosted(url: str, folder: Path, clock: FakeClock, **settings: object) -> Hosted:
    """A hosted app on the database at ``url`` (dispose of ``state.db`` after)."""
    chosen = hosted_settings(url, folder, **settings)
    state = hosted_state(chosen, PORT)
    state.clock = clock
    return Hosted(state, create_app(chosen, PORT, state=state))


@pytest.fixture
def hosted(hosted_database: str, tmp_path: Path, clock: FakeClock) -> Iterator[Hosted]:
    clock.now = NOW.timestamp()
    made = make_hosted(hosted_database, tmp_path, clock)
    yield made
    made.state.db.dispose()


def share(
    person: Browser, therapist_id: int, *codes: str, since: str = "2026-10-01", months: str = "6"
) -> int:
    """The person shares ``codes`` with the therapist through the sharing page's form; the id
    of the grant it made (the newest on the page)."""
    form = {"therapist": str(therapist_id), "since": since, "months": months}
    response = person.client.post(
        "/sharing",
        data={**form, "categories": list(codes), "csrf_token": person.csrf},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    found = re.findall(r'href="/sharing/(\d+)"', person.get("/sharing").text)
    assert found, "no grant on the sharing page"
    return int(found[0])
