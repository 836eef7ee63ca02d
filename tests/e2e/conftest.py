"""Browser tests: Debian's Chromium drives the real `anchored serve` started as a subprocess.

Fixtures:
- `server`: a fresh server with no vault yet (first run), one per test, forked from the
  tests' fork server (`tests/cli_forkserver.py`); `cold_server`: the same in a fresh
  interpreter, as a person starts Anchored.
- `shared_app`: one server per test module on a copy of a vault onboarded once per test
  process in the browser (`onboarded_vault`), unlocked through its launch link over HTTP; each
  test opens its own browser context with the saved session cookie (`open_app`).
Screenshots of failing tests land in tests/artifacts/ (taken as the test fails; see
`pytest_runtest_makereport`).
"""

from __future__ import annotations

import contextlib
import http.client
import http.cookies
import locale
import os
import queue
import re
import shutil
import signal
import subprocess
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.e2e.flows import PASSPHRASE, lock_button, onboard, path_of, unlock_if_locked
from tests.support import ForkedProcess, start_anchored

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
# Dates on pages are shown in the server's local time zone; fix it so tests can compare.
SERVER_TZ = "Europe/London"
START_TIMEOUT_SECONDS = 30

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_configure(config: pytest.Config) -> None:
    """Screenshots of failing tests into tests/artifacts/ (see `pytest_runtest_makereport`),
    unless the command line says otherwise."""
    if config.getoption("--output", default=None) == "test-results":
        config.option.output = str(ARTIFACTS)
    # pytest-playwright's own base_url fallback trips this pytest deprecation; not ours to fix.
    config.addinivalue_line(
        "filterwarnings",
        "ignore:Session-scoped fixtures defined as instance methods"
        ":pytest.PytestRemovedIn10Warning",
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A failing test's open pages are photographed as it fails, into
    tests/artifacts/<test>/test-failed-N.png.

    pytest-playwright's own `--screenshot only-on-failure` photographs every page of every
    test as its context closes and throws the pictures of passing tests away (about 60 ms a
    context, most of them passing), so it is left off unless the command line asks for it."""
    outcome: Any = yield
    report: pytest.TestReport = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    if item.config.getoption("--screenshot", default="off") != "off":
        return  # pytest-playwright takes them, as asked
    browser = getattr(item, "funcargs", {}).get("browser")
    if not isinstance(browser, Browser):
        return
    slug = re.sub(r"[^a-z0-9]+", "-", item.nodeid.lower()).strip("-")[:200]
    folder = Path(item.config.getoption("--output", default=str(ARTIFACTS))) / slug
    pages = [page for context in browser.contexts for page in context.pages]
    for number, page in enumerate(pages, start=1):
        with contextlib.suppress(Exception):  # a page closing or hung: the failure matters
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=folder / f"test-failed-{number}.png", timeout=5000)


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], pytestconfig: pytest.Config
) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make e2e-deps` (never `playwright install`).")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": not pytestconfig.getoption("--headed"),
    }


# -- the real server -----------------------------------------------------------------------


@dataclass
class RunningServer:
    process: subprocess.Popen[bytes] | ForkedProcess
    base_url: str  # http://127.0.0.1:PORT, no trailing slash
    launch_url: str
    data_dir: Path
    log_path: Path
    stdout_lines: list[str] = field(default_factory=list)

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    def log_text(self) -> str:
        """What the server wrote to stderr so far (its log)."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stdout_text(self) -> str:
        return "".join(self.stdout_lines)


def server_env(data_dir: Path, *, text_model: bool = True) -> dict[str, str]:
    """The server's environment. Without ``text_model`` the on-device text model is switched
    off (``ANCHORED_TEXT_MODEL=off``, as a person can): the app runs as when the model cannot
    load (crisis rules only, no suggestions) and spares the ~1.5 s of CPU loading it takes."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANCHORED_")}
    # No locale hint: the default country comes from the content (US) unless one is chosen.
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        env.pop(name, None)
    env.update(
        ANCHORED_DATA_DIR=str(data_dir),
        ANCHORED_ARGON2_PROFILE="fast",
        LANG="C.UTF-8",
        TZ=SERVER_TZ,
        PYTHONUNBUFFERED="1",
    )
    if not text_model:
        env["ANCHORED_TEXT_MODEL"] = "off"
    return env


def _read_lines(stream: Any, lines: queue.Queue[str | None], keep: list[str]) -> None:
    for line in stream:
        keep.append(line)
        lines.put(line)
    lines.put(None)


@contextlib.contextmanager
def running_server(
    workdir: Path, *, cold: bool = False, text_model: bool = True
) -> Iterator[RunningServer]:
    """Start `python -m anchored serve --no-browser --port 0`; SIGINT (then kill) at the end.

    The process is forked from the tests' fork server (``tests/cli_forkserver.py``), which has
    imported the app already, unless ``cold`` (or ``ANCHORED_TEST_COLD_CLI=1``) asks for a
    fresh interpreter, as a person starting Anchored gets (the ``cold_server`` fixture)."""
    data_dir = workdir / "vault"
    log_path = workdir / "server-stderr.log"
    out_r, out_w = os.pipe()
    try:
        with log_path.open("w", encoding="utf-8") as log_file:
            process = start_anchored(
                server_env(data_dir, text_model=text_model),
                ["serve", "--no-browser", "--port", "0"],
                stdout=out_w,
                stderr=log_file.fileno(),
                cold=cold,
            )
    except BaseException:
        os.close(out_r)
        raise
    finally:
        os.close(out_w)
    # Read as `subprocess.Popen(text=True)` would: the locale's encoding, universal newlines.
    stdout = open(out_r, encoding=locale.getpreferredencoding(False))  # noqa: SIM115
    lines: queue.Queue[str | None] = queue.Queue()
    kept: list[str] = []
    reader = threading.Thread(target=_read_lines, args=(stdout, lines, kept), daemon=True)
    reader.start()
    try:
        base_url = launch_url = None
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while base_url is None or launch_url is None:
            remaining = deadline - time.monotonic()
            try:
                line = lines.get(timeout=max(remaining, 0.01))
            except queue.Empty:
                line = None
            if line is None:
                raise RuntimeError(
                    "The server did not print its links in time.\n"
                    f"stdout: {''.join(kept)}\nstderr: {log_path.read_text(encoding='utf-8')}"
                )
            if match := re.search(r"Anchored is running at (http://127\.0\.0\.1:\d+)/", line):
                base_url = match.group(1)
            elif match := re.search(r"\(it works once\): (http://\S+/launch\?token=\S+)", line):
                launch_url = match.group(1)
        yield RunningServer(process, base_url, launch_url, data_dir, log_path, kept)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        reader.join(timeout=5)
        if not reader.is_alive():
            stdout.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RunningServer]:
    """A first-run server: no vault yet, launch link unused."""
    with running_server(tmp_path) as running:
        yield running


@pytest.fixture
def cold_server(tmp_path: Path) -> Iterator[RunningServer]:
    """As `server`, started in a fresh interpreter as a person starts Anchored (every import
    paid; see `running_server`)."""
    with running_server(tmp_path, cold=True) as running:
        yield running


@dataclass
class SharedApp:
    """A server whose vault was set up once; `storage_state` holds the session cookie."""

    server: RunningServer
    storage_state: Any
    passphrase: str = PASSPHRASE


@pytest.fixture(scope="session")
def onboarded_vault(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A vault folder set up once per test process through the real pages (launch link,
    welcome form with country United Kingdom, recovery key confirmed), its server then stopped
    as a person quits Anchored. Each module's `shared_app` starts from a copy of it."""
    workdir = tmp_path_factory.mktemp("anchored-onboarded")
    with running_server(workdir, text_model=False) as running:
        context = browser.new_context()
        try:
            onboard(context.new_page(), running, country="United Kingdom")
        finally:
            context.close()
    return running.data_dir


def unlock_by_http(running: RunningServer, passphrase: str) -> dict[str, Any]:
    """Open the server's launch link and unlock with ``passphrase`` over HTTP, as the browser
    posts the unlock form; returns the browser storage state holding the session cookie (the
    same shape `BrowserContext.storage_state()` gives after doing this in the browser)."""
    launch = urllib.parse.urlsplit(running.launch_url)
    assert launch.hostname is not None
    assert launch.port is not None
    conn = http.client.HTTPConnection(launch.hostname, launch.port, timeout=START_TIMEOUT_SECONDS)
    try:
        conn.request("GET", f"{launch.path}?{launch.query}")
        response = conn.getresponse()
        response.read()
        assert (response.status, response.getheader("location")) == (303, "/"), response.status
        cookies = http.cookies.SimpleCookie(response.getheader("set-cookie", ""))
        assert len(cookies) == 1, cookies
        morsel = next(iter(cookies.values()))
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"{morsel.key}={morsel.value}",
            "Origin": running.base_url,
        }
        body = urllib.parse.urlencode({"passphrase": passphrase})
        conn.request("POST", "/unlock", body, headers)
        response = conn.getresponse()
        response.read()
        assert (response.status, response.getheader("location")) == (303, "/"), response.status
    finally:
        conn.close()
    cookie = {
        "name": morsel.key,
        "value": morsel.value,
        "domain": launch.hostname,
        "path": morsel["path"] or "/",
        "expires": -1,  # a session cookie
        "httpOnly": bool(morsel["httponly"]),
        "secure": bool(morsel["secure"]),
        "sameSite": str(morsel["samesite"]).capitalize() or "Lax",
    }
    return {"cookies": [cookie], "origins": []}


@pytest.fixture(scope="module")
def shared_app(
    request: pytest.FixtureRequest,
    onboarded_vault: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[SharedApp]:
    """A server of its own on a copy of `onboarded_vault`, unlocked through its launch link
    over HTTP; the session cookie is kept for `open_app`. The text model runs only for a
    module that sets ``NEEDS_TEXT_MODEL = True`` (suggestions, the help card, the privacy
    session); the others test pages that do not use it."""
    workdir = tmp_path_factory.mktemp("anchored")
    shutil.copytree(onboarded_vault, workdir / "vault")
    text_model = bool(getattr(request.module, "NEEDS_TEXT_MODEL", False))
    with running_server(workdir, text_model=text_model) as running:
        yield SharedApp(running, unlock_by_http(running, PASSPHRASE))


class OpenApp:
    """Open a new browser context on the shared app, already past the launch link."""

    def __init__(self, new_context: Any, app: SharedApp) -> None:
        self._new_context = new_context
        self.app = app
        self.server = app.server

    def context(self, **kwargs: Any) -> BrowserContext:
        context: BrowserContext = self._new_context(storage_state=self.app.storage_state, **kwargs)
        return context

    def page(self, path: str = "/", **kwargs: Any) -> Page:
        """A page at `path`, unlocking first if an earlier test locked the vault.

        It opens `path` straight away: a locked vault sends it to the unlock page, which goes
        on to `path` once unlocked, as it does for a person. A page shown without a Lock
        button (one that works while locked, such as /help) is opened again after unlocking
        from home."""
        page = self.context(**kwargs).new_page()
        page.goto(self.server.url(path))
        if path_of(page).startswith("/unlock"):
            unlock_if_locked(page, self.app.passphrase)
        elif not lock_button(page).count():
            page.goto(self.server.url("/"))
            unlock_if_locked(page, self.app.passphrase)
            page.goto(self.server.url(path))
        return page


@pytest.fixture
def open_app(new_context: Any, shared_app: SharedApp) -> OpenApp:
    return OpenApp(new_context, shared_app)
