"""Helpers the tests share: the passphrase, running the real command, and browser steps
through the web pages (launch link, onboarding, writing an entry)."""

from __future__ import annotations

import atexit
import json
import locale
import os
import re
import select
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO
from urllib.parse import urlencode

from fastapi import FastAPI
from fastapi.testclient import TestClient

from anchored.core.owner import Owner
from anchored.web.state import AppState
from tests import cli_forkserver as forkserver

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
    env: dict[str, str], *args: str, stdin: str | None = None, cold: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run `python -m anchored ARGS` with no terminal attached, as a script would.

    The process is forked from a server that has done the imports already
    (``tests/cli_forkserver.py``) unless ``cold`` asks for a fresh interpreter."""
    if not cold and _FORK_SERVER.usable(env):
        return _FORK_SERVER.run(env, list(args), stdin or "")
    return subprocess.run(
        [sys.executable, "-m", "anchored", *args],
        env=env,
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        start_new_session=True,  # no controlling terminal: /dev/tty cannot be opened
        check=False,
    )


CLI_TIMEOUT = 60


def start_anchored(
    env: dict[str, str], args: list[str], *, stdout: int, stderr: int, cold: bool = False
) -> subprocess.Popen[bytes] | ForkedProcess:
    """Start `python -m anchored ARGS` in the background (e.g. `serve`), reading nothing
    (stdin is /dev/null) and writing to the file descriptors ``stdout`` and ``stderr``.

    Forked from the fork server like ``run_cli`` unless ``cold`` (or ``ANCHORED_TEST_COLD_CLI``)
    asks for a fresh interpreter, as a person starting Anchored gets."""
    if not cold and _FORK_SERVER.usable(env):
        with open(os.devnull, "rb") as devnull:
            return _FORK_SERVER.spawn(env, args, (devnull.fileno(), stdout, stderr))
    return subprocess.Popen(
        [sys.executable, "-m", "anchored", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=stderr,
    )


def popen_anchored(
    env: dict[str, str],
    args: list[str],
    *,
    stdin: int = subprocess.DEVNULL,
    stdout: int = subprocess.PIPE,
    stderr: int = subprocess.PIPE,
    cold: bool = False,
) -> subprocess.Popen[str] | ForkedProcess:
    """``subprocess.Popen([python, -m, anchored, *ARGS], env=env, text=True,
    start_new_session=True)`` with each of ``stdin``, ``stdout`` and ``stderr`` either
    ``subprocess.PIPE`` or ``subprocess.DEVNULL``: a separate process that runs while the test
    goes on, forked from the fork server like ``run_cli`` unless ``cold`` (or
    ``ANCHORED_TEST_COLD_CLI``) asks for a fresh interpreter. Its pipes are text streams read
    and written as ``Popen(text=True)`` does; ``communicate`` reads both outputs to the end."""
    if cold or not _FORK_SERVER.usable(env):
        return subprocess.Popen(
            [sys.executable, "-m", "anchored", *args],
            env=env,
            stdin=stdin,
            stdout=stdout,
            stderr=stderr,
            text=True,
            start_new_session=True,
        )
    ours: list[int | None] = []  # our end of each pipe (None: /dev/null)
    theirs: list[int] = []
    try:
        for number, how in enumerate((stdin, stdout, stderr)):
            if how == subprocess.PIPE:
                read, write = os.pipe()
                ours.append(write if number == 0 else read)
                theirs.append(read if number == 0 else write)
            else:
                assert how == subprocess.DEVNULL, how
                ours.append(None)
                theirs.append(os.open(os.devnull, os.O_RDWR))
        process = _FORK_SERVER.spawn(env, args, (theirs[0], theirs[1], theirs[2]))
    except BaseException:
        for fd in ours:
            if fd is not None:
                os.close(fd)
        raise
    finally:
        for fd in theirs:
            os.close(fd)
    encoding = locale.getpreferredencoding(False)
    if ours[0] is not None:
        process.stdin = open(ours[0], "w", encoding=encoding)  # noqa: SIM115
    if ours[1] is not None:
        process.stdout = open(ours[1], encoding=encoding)  # noqa: SIM115
    if ours[2] is not None:
        process.stderr = open(ours[2], encoding=encoding)  # noqa: SIM115
    return process


class _ForkServer:
    """One fork server per test process, started on first use (see tests/cli_forkserver.py)."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None
        self._path = ""
        self._env: dict[str, str] = {}

    def usable(self, env: dict[str, str]) -> bool:
        if os.environ.get("ANCHORED_TEST_COLD_CLI") or env.get("ANCHORED_TEST_COLD_CLI"):
            return False
        if self._process is None or self._process.poll() is not None:
            self._start()
        return forkserver.compatible(self._env, env)

    def _start(self) -> None:
        folder = tempfile.mkdtemp(prefix="anchored-fork-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        self._path = str(Path(folder) / "socket")
        self._env = {k: v for k, v in os.environ.items() if not k.startswith("ANCHORED_")}
        self._process = subprocess.Popen(
            [sys.executable, str(Path(forkserver.__file__)), self._path],
            env=self._env,
            stdin=subprocess.PIPE,  # closed when this process ends: the server then stops
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        assert self._process.stdout is not None
        assert self._process.stdout.readline().strip() == "ready"
        atexit.register(self._process.kill)

    def spawn(
        self, env: dict[str, str], args: list[str], fds: tuple[int, int, int]
    ) -> ForkedProcess:
        """Start `python -m anchored ARGS` with ``fds`` as its stdin, stdout and stderr (the
        caller closes its own copies when it likes); returns at once."""
        request = json.dumps({"args": args, "env": env, "cwd": os.getcwd()}).encode()
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            conn.connect(self._path)
            socket.send_fds(conn, [request], list(fds))
            return ForkedProcess([sys.executable, "-m", "anchored", *args], conn)
        except BaseException:
            conn.close()
            raise

    def run(
        self, env: dict[str, str], args: list[str], stdin: str
    ) -> subprocess.CompletedProcess[str]:
        in_r, in_w = os.pipe()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        try:
            process = self.spawn(env, args, (in_r, out_w, err_w))
        finally:
            for fd in (in_r, out_w, err_w):
                os.close(fd)
        with process:
            try:
                out, err = _communicate(in_w, out_r, err_r, stdin.encode(), CLI_TIMEOUT)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                raise subprocess.TimeoutExpired(process.args, CLI_TIMEOUT) from None
            returncode = process.wait()
        return subprocess.CompletedProcess(process.args, returncode, _text(out), _text(err))


class ForkedProcess:
    """A command the fork server started, with what tests use of ``subprocess.Popen``: ``pid``,
    ``poll``, ``wait``, ``send_signal``, ``terminate``, ``kill`` and ``returncode``.

    It is the fork server's child, not ours: its exit status comes over the connection
    (``pid N`` first, then ``exit STATUS`` when it ends)."""

    def __init__(self, args: list[str], conn: socket.socket) -> None:
        self.args = args
        self.returncode: int | None = None
        # Our ends of its pipes, as text streams, when ``popen_anchored`` made pipes.
        self.stdin: TextIO | None = None
        self.stdout: TextIO | None = None
        self.stderr: TextIO | None = None
        self._conn = conn
        self._buffer = b""
        self.pid = int(self._line(None).split()[1])

    def _line(self, timeout: float | None) -> str:
        deadline = None if timeout is None else time.monotonic() + timeout
        while b"\n" not in self._buffer:
            left = None if deadline is None else max(deadline - time.monotonic(), 0)
            readable, _, _ = select.select([self._conn], [], [], left)
            if not readable:
                raise subprocess.TimeoutExpired(self.args, timeout or 0)
            block = self._conn.recv(4096)
            if not block:
                raise RuntimeError(f"the fork server hung up on {self.args}: {self._buffer!r}")
            self._buffer += block
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode("ascii")

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            status = int(self._line(timeout).split()[1])
            self.returncode = os.waitstatus_to_exitcode(status)
            self._conn.close()
        return self.returncode

    def poll(self) -> int | None:
        try:
            return self.wait(timeout=0)
        except subprocess.TimeoutExpired:
            return None

    def send_signal(self, number: int) -> None:
        if self.poll() is None:  # never signal a pid that may have been reused
            os.kill(self.pid, number)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def communicate(self, timeout: float | None = None) -> tuple[str | None, str | None]:
        """As ``Popen.communicate`` with no input: close stdin, read stdout and stderr to
        their ends (each in a thread of its own, as on Windows), then wait for the exit."""
        if self.stdin is not None:
            self.stdin.close()
        deadline = None if timeout is None else time.monotonic() + timeout
        read: dict[str, str] = {}
        readers = [
            threading.Thread(target=lambda n=name, s=stream: read.__setitem__(n, s.read()))
            for name, stream in (("out", self.stdout), ("err", self.stderr))
            if stream is not None
        ]
        for reader in readers:
            reader.daemon = True
            reader.start()
        for reader in readers:
            reader.join(None if deadline is None else max(deadline - time.monotonic(), 0))
            if reader.is_alive():
                raise subprocess.TimeoutExpired(self.args, timeout or 0)
        for stream in (self.stdout, self.stderr):
            if stream is not None:
                stream.close()
        self.wait(None if deadline is None else max(deadline - time.monotonic(), 0))
        return read.get("out"), read.get("err")

    def __enter__(self) -> ForkedProcess:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._conn.close()


def _text(data: bytes) -> str:
    """As ``subprocess.run(text=True)`` decodes: the locale's encoding, universal newlines."""
    return data.decode(locale.getpreferredencoding(False)).replace("\r\n", "\n").replace("\r", "\n")


def _communicate(
    in_w: int, out_r: int, err_r: int, data: bytes, timeout: float
) -> tuple[bytes, bytes]:
    """Write ``data`` to the command and read both its outputs to the end, like communicate()."""
    deadline = time.monotonic() + timeout
    chunks: dict[int, list[bytes]] = {out_r: [], err_r: []}
    writing = memoryview(data)
    with selectors.DefaultSelector() as selector:
        if writing:
            selector.register(in_w, selectors.EVENT_WRITE)
        else:
            os.close(in_w)
        for fd in chunks:
            selector.register(fd, selectors.EVENT_READ)
        while selector.get_map():
            left = deadline - time.monotonic()
            if left <= 0:
                for key in list(selector.get_map().values()):
                    os.close(key.fd)
                raise subprocess.TimeoutExpired("anchored", timeout)
            for key, _events in selector.select(left):
                if key.fd == in_w:
                    try:
                        written = os.write(in_w, writing[:65536])
                    except BrokenPipeError:
                        written = len(writing)
                    writing = writing[written:]
                    if not writing:
                        selector.unregister(in_w)
                        os.close(in_w)
                    continue
                block = os.read(key.fd, 65536)
                if block:
                    chunks[key.fd].append(block)
                else:
                    selector.unregister(key.fd)
                    os.close(key.fd)
    return b"".join(chunks[out_r]), b"".join(chunks[err_r])


_FORK_SERVER = _ForkServer()


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
