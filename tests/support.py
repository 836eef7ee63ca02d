"""Helpers the tests share: the passphrase, running the real command, and browser steps
through the web pages (launch link, onboarding, writing an entry)."""

from __future__ import annotations

import atexit
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

from fastapi import FastAPI
from fastapi.testclient import TestClient

from anchored.core.owner import Owner
from anchored.web.state import AppState

PASSPHRASE = "river stone quiet morning"
# The time services are told it is, unless a test says otherwise (a Tuesday morning, UTC).
NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
PORT = 8123
BASE_URL = f"http://127.0.0.1:{PORT}"
RECOVERY_KEY = re.compile(r"\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){7}\b")


@dataclass(frozen=True)
class People:
    """Three people in every access test: the owner of the records, a therapist (who in
    hosted mode may be granted access; in personal mode has none), and a stranger."""

    me: Owner
    therapist: Owner
    stranger: Owner


PEOPLE = People(me=Owner(id=1), therapist=Owner(id=2), stranger=Owner(id=3))


def run_cli(
    env: dict[str, str], *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m anchored ARGS` with no terminal attached, as a script would."""
    return subprocess.run(
        [sys.executable, "-m", "anchored", *args],
        env=env,
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,  # no controlling terminal: /dev/tty cannot be opened
        check=False,
    )


_INITIALISED: dict[tuple[str, str], tuple[Path, str]] = {}


def init_vault(env: dict[str, str]) -> str:
    """`anchored init` with the env's passphrase; returns the recovery key it showed.

    The real command runs once per test process and passphrase; later calls copy the vault it
    made into the env's data folder (a fresh, empty folder), which is all a test of some other
    command needs, at a fraction of a process start."""
    target = Path(env["ANCHORED_DATA_DIR"])
    key = (env.get("ANCHORED_PASSPHRASE", ""), env.get("ANCHORED_ARGON2_PROFILE", ""))
    if key in _INITIALISED and not target.exists():
        made, recovery_key = _INITIALISED[key]
        shutil.copytree(made, target)
        return recovery_key
    result = run_cli(env, "init")
    assert result.returncode == 0, result.stderr
    match = RECOVERY_KEY.search(result.stdout)
    assert match, result.stdout
    if key not in _INITIALISED:
        folder = tempfile.mkdtemp(prefix="anchored-init-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        made = Path(folder) / "vault"
        shutil.copytree(target, made)
        _INITIALISED[key] = (made, match.group(0))
    return match.group(0)


@dataclass
class FakeClock:
    """Stands in for ``time.time`` and ``time.sleep``, so the idle lock and the wait after a
    wrong passphrase can be tested without waiting: a sleep is noted and moves the clock on."""

    now: float = 1_000_000.0
    slept: list[float] = field(default_factory=list)

    def __call__(self) -> float:
        return self.now

    def advance(self, *, minutes: float) -> None:
        self.now += minutes * 60

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def unlock_for(path: str) -> str:
    """Where a page asked for while locked sends the browser: unlock, then back to it."""
    return "/unlock" if path == "/" else "/unlock?" + urlencode({"next": path})


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
