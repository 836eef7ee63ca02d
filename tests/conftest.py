"""Shared fixtures: a data folder, a cheap-to-open vault, the three people of every access
test, and the web app on a temporary vault with signed-in browsers."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import hypothesis
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from anchored.features import FEATURES
from anchored.manifest import Registry
from anchored.services.vault import OpenVault, Vault
from anchored.settings import Settings
from anchored.web.app import create_app
from anchored.web.state import AppState
from tests.support import (
    BASE_URL,
    PASSPHRASE,
    PEOPLE,
    PORT,
    FakeClock,
    People,
    launch,
    onboard,
)

# PostgreSQL for hosted mode's tests (``pg_server``, ``pg_database``).
pytest_plugins = ["tests.postgres"]

# No per-example time limit: a busy 2-core CI machine is no evidence of a slow rule (the
# benchmarks measure speed), and a deadline there only makes tests flaky.
hypothesis.settings.register_profile("anchored", deadline=None)
hypothesis.settings.load_profile("anchored")

# Every feature's tables, as the app and the command line load them before opening a vault.
Registry(FEATURES).load_models()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture(scope="session")
def _new_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A vault made once per test process (created and migrated for real); each test opens
    its own copy, which is what a person's second visit does, at a tenth of the cost."""
    folder = tmp_path_factory.mktemp("template") / "vault"
    opened, _recovery = Vault(folder).create(PASSPHRASE, "fast")
    opened.lock()
    return folder


@pytest.fixture
def open_vault(
    request: pytest.FixtureRequest, vault_engine: str, data_dir: Path, _new_vault: Path
) -> Iterator[OpenVault]:
    """An open store on each engine (``tests/postgres.py``: ``sqlcipher``, ``postgresql``)."""
    if vault_engine == "postgresql":
        yield request.getfixturevalue("pg_store")
        return
    shutil.copytree(_new_vault, data_dir)
    opened = Vault(data_dir).unlock(PASSPHRASE)
    yield opened
    opened.lock()


@pytest.fixture
def cli_env(data_dir: Path) -> dict[str, str]:
    """Environment for running the real `anchored` command as a subprocess."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANCHORED_")}
    env.update(
        ANCHORED_DATA_DIR=str(data_dir),
        ANCHORED_ARGON2_PROFILE="fast",
        ANCHORED_PASSPHRASE=PASSPHRASE,
    )
    return env


@pytest.fixture
def people() -> People:
    return PEOPLE


@pytest.fixture(autouse=True)
def _quiet_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No ANCHORED_* setting or system locale from the machine running the tests."""
    for name in (
        "PASSPHRASE",
        "PASSPHRASE_FILE",
        "DATA_DIR",
        "ARGON2_PROFILE",
        "IDLE_LOCK_MINUTES",
        "DATABASE_URL",
        "MASTER_KEY_FILE",
        "TRUSTED_PROXY",
        "PUBLIC_URL",
    ):
        monkeypatch.delenv(f"ANCHORED_{name}", raising=False)
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def state(tmp_path: Path, clock: FakeClock) -> AppState:
    settings = Settings(data_dir=tmp_path / "vault", argon2_profile="fast", idle_lock_minutes=15)
    return AppState(settings=settings, port=PORT, clock=clock, sleep=clock.sleep)


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


@pytest.fixture(scope="session")
def _onboarded_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A vault onboarded once per test process through the real pages (country GB, recovery
    key confirmed), then locked; each ``unlocked_client`` unlocks its own copy."""
    folder = tmp_path_factory.mktemp("onboarded")
    settings = Settings(data_dir=folder / "vault", argon2_profile="fast", idle_lock_minutes=15)
    state = AppState(settings=settings, port=PORT, clock=FakeClock())
    with TestClient(create_app(settings, PORT, state=state), base_url=BASE_URL) as client:
        launch(client, state)
        onboard(client)
        assert client.post("/lock", follow_redirects=False).status_code == 303
    return settings.data_dir


@pytest.fixture
def unlocked_client(
    session_client: tuple[TestClient, AppState], _onboarded_vault: Path
) -> tuple[TestClient, AppState]:
    """Onboarded (country GB), recovery key confirmed, vault open (a copy of one onboarded
    vault, unlocked through the unlock page as on any later visit)."""
    client, state = session_client
    shutil.copytree(_onboarded_vault, state.settings.data_dir)
    response = client.post("/unlock", data={"passphrase": PASSPHRASE}, follow_redirects=False)
    assert response.status_code == 303, response.text
    assert state.is_unlocked
    return client, state


@pytest.fixture
def locked_client(
    unlocked_client: tuple[TestClient, AppState],
) -> tuple[TestClient, AppState]:
    client, state = unlocked_client
    assert client.post("/lock", follow_redirects=False).status_code == 303
    assert not state.is_unlocked
    return client, state
