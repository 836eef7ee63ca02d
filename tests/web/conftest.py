"""Web fixtures: an app on a temporary vault, a controllable clock, and signed-in clients."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from anchored.settings import Settings
from anchored.web.app import create_app
from anchored.web.state import AppState

PORT = 8123
BASE_URL = f"http://127.0.0.1:{PORT}"
PASSPHRASE = "river stone quiet morning"
RECOVERY_KEY = re.compile(r"\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){7}\b")


@dataclass
class FakeClock:
    """Stands in for ``time.time`` so the idle lock can be tested without waiting."""

    now: float = 1_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, *, minutes: float) -> None:
        self.now += minutes * 60


@pytest.fixture(autouse=True)
def _quiet_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No ANCHORED_* setting or system locale from the machine running the tests."""
    for name in (
        "PASSPHRASE",
        "PASSPHRASE_FILE",
        "DATA_DIR",
        "ARGON2_PROFILE",
        "IDLE_LOCK_MINUTES",
    ):
        monkeypatch.delenv(f"ANCHORED_{name}", raising=False)
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def state(tmp_path: Path, clock: FakeClock) -> AppState:
    settings = Settings(data_dir=tmp_path / "vault", argon2_profile="fast", idle_lock_minutes=15)
    return AppState(settings=settings, port=PORT, clock=clock)


@pytest.fixture
def app(state: AppState) -> FastAPI:
    return create_app(state.settings, PORT, state=state)


@pytest.fixture
def anonymous(app: FastAPI) -> Iterator[TestClient]:
    """A browser that never used the launch link: it has no session cookie."""
    with TestClient(app, base_url=BASE_URL) as client:
        yield client


@pytest.fixture
def session_client(app: FastAPI, state: AppState) -> Iterator[tuple[TestClient, AppState]]:
    """The person's browser after the launch link, before any vault exists."""
    with TestClient(app, base_url=BASE_URL) as client:
        launch(client, state)
        yield client, state


@pytest.fixture
def unlocked_client(
    session_client: tuple[TestClient, AppState],
) -> tuple[TestClient, AppState]:
    """Onboarded (country GB), recovery key confirmed, vault open."""
    client, state = session_client
    onboard(client)
    return client, state


@pytest.fixture
def locked_client(
    unlocked_client: tuple[TestClient, AppState],
) -> tuple[TestClient, AppState]:
    client, state = unlocked_client
    assert client.post("/lock", follow_redirects=False).status_code == 303
    assert not state.is_unlocked
    return client, state


def launch(client: TestClient, state: AppState) -> None:
    response = client.get(f"/launch?token={state.launch_token}", follow_redirects=False)
    assert response.status_code == 303


def stranger(app: FastAPI) -> TestClient:
    """Another client on the same running app, with no cookie (no lifespan of its own)."""
    return TestClient(app, base_url=BASE_URL)


def onboard(client: TestClient, *, country: str = "GB") -> str:
    """Create the vault through the pages and confirm the recovery key; returns the key."""
    response = client.post(
        "/welcome",
        data={
            "understood": "yes",
            "passphrase": PASSPHRASE,
            "passphrase_again": PASSPHRASE,
            "country": country,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    page = client.get("/welcome/recovery-key")
    match = RECOVERY_KEY.search(page.text)
    assert match is not None
    saved = client.post("/welcome/recovery-key", data={"saved": "yes"}, follow_redirects=False)
    assert saved.status_code == 303
    return match.group(0)


def write_entry(client: TestClient, body: str, title: str = "", when: str = "") -> int:
    """Save a journal entry through the form; returns its id."""
    response = client.post(
        "/journal/new", data={"body": body, "title": title, "when": when}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/journal/(\d+)\?saved=1", response.headers["location"])
    assert match is not None
    return int(match.group(1))
