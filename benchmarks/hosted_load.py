"""Hosted mode under load: two app processes, one PostgreSQL, 200 signed-in people.

Starts a throw-away PostgreSQL (``tools/pg_cluster.py``), makes the schema, invites 200 people
and lets each sign in through one of two ``anchored hosted serve`` processes (each on its own
port, like two machines behind a proxy; the Host header names the public address), writes a
few entries and check-ins for each, then drives both processes at once with ``wrk`` (loopback
only, bounded in time and in requests):

1. page views: each request a signed-in person opening one of the everyday pages;
2. browsing and saving: the same, with one request in five saving a check-in or a journal
   entry (a real form post with the session's CSRF token).

Every request uses a session made on the *other* process, so the run also shows that a
session created on one worker is valid on the other. Prints requests/s, p50/p95/p99 (the
larger of the two processes' figures) and errors (non-2xx/3xx responses, socket errors).
Target on the 2-core reference machine: page views >= 800 requests/s, p95 <= 100 ms, no
errors.

    .venv/bin/python benchmarks/hosted_load.py [--people 200] [--seconds 10] [--connections 16]
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import http.client
import importlib.util
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "load test password, not a secret"
PAGES = ("/", "/journal", "/check-in/history", "/thought-records", "/tools", "/help")
TARGET_RPS = 800
TARGET_P95_MS = 100.0
WRK = shutil.which("wrk") or "/usr/bin/wrk"
CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


def _cluster_tool() -> Any:
    spec = importlib.util.spec_from_file_location("pg_cluster", ROOT / "tools" / "pg_cluster.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Person:
    name: str
    cookie: str  # "name=value"
    csrf: str
    signed_in_on: int  # the port of the process that made the session


class Http:
    """A tiny client on one connection: the public Host header, whatever port it talks to."""

    def __init__(self, port: int, host_header: str) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.host_header = host_header

    def send(
        self, method: str, path: str, cookie: str = "", form: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], str]:
        headers = {"Host": self.host_header}
        body = None
        if cookie:
            headers["Cookie"] = cookie
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://{self.host_header}"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text


def wait_for(port: int, process: subprocess.Popen[Any], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the app on port {port} stopped (exit {process.returncode})")
        with contextlib.closing(socket.socket()) as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"the app on port {port} did not start in {timeout:.0f} s")


@contextlib.contextmanager
def app_processes(env: dict[str, str], ports: list[int]) -> Iterator[None]:
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "anchored",
                "hosted",
                "serve",
                "--port",
                str(port),
                "--workers",
                "1",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for port in ports
    ]
    try:
        for port, process in zip(ports, processes, strict=True):
            wait_for(port, process)
        yield
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                _out, err = process.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                _out, err = process.communicate()
            if err and ("Error" in err or "Traceback" in err):
                print(
                    "  the app logged:\n"
                    + "\n".join("    " + line for line in err.splitlines()[-8:])
                )


def setup_people(env: dict[str, str], count: int, ports: list[int], public: str) -> list[Person]:
    """Invite ``count`` people and sign each in through HTTP on one of ``ports`` in turn."""
    code = (
        "import json, sys\n"
        "from anchored.cli.common import now\n"
        "from anchored.services import accounts\n"
        "from anchored.services.hosted import HostedDatabase, prepare_owner\n"
        "from anchored.settings import Settings\n"
        "from anchored.features import FEATURES\n"
        "from anchored.manifest import Registry\n"
        "from anchored.core.owner import Owner\n"
        "registry = Registry(FEATURES); registry.load_models()\n"
        "db = HostedDatabase(Settings(), pool_size=2)\n"
        "db.create_schema()\n"
        f"for i in range({count}):\n"
        "    with db.session() as s:\n"
        "        token = accounts.create_invite(s, None, 'person', now=now())\n"
        f"        made = accounts.accept_invite(s, token, f'person{{i}}', {PASSWORD!r},"
        " now=now(), profile='fast')\n"
        "    prepare_owner(db, Owner(made.account_id), registry)\n"
        "db.dispose()\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    people: list[Person] = []
    clients = {port: Http(port, public) for port in ports}
    for i in range(count):
        port = ports[i % len(ports)]
        client = clients[port]
        status, headers, _ = client.send(
            "POST", "/login", form={"username": f"person{i}", "password": PASSWORD}
        )
        if status != 303:
            raise SystemExit(f"person{i} could not sign in ({status})")
        cookie = headers["set-cookie"].split(";", 1)[0]
        status, _, page = client.send("GET", "/journal/new", cookie)
        found = CSRF.search(page)
        if status != 200 or found is None:
            raise SystemExit(f"person{i}: no page with a CSRF token after signing in ({status})")
        people.append(Person(f"person{i}", cookie, found.group(1), port))
    return people


def write_some(people: list[Person], ports: list[int], public: str, emotion: str) -> int:
    """A journal entry and two check-ins for everyone, through the other process."""
    clients = {port: Http(port, public) for port in ports}
    saved = 0
    for n, person in enumerate(people):
        other = next(p for p in ports if p != person.signed_in_on)
        client = clients[other]
        for k in range(1):
            status, _, _ = client.send(
                "POST",
                "/journal/new",
                person.cookie,
                {
                    "csrf_token": person.csrf,
                    "title": f"Evening {k}",
                    "body": f"Quiet evening number {k}. Walked for a while and slept early. {n}",
                },
            )
            saved += status == 303
        for k in range(2):
            status, _, _ = client.send(
                "POST",
                "/check-in",
                person.cookie,
                {
                    "csrf_token": person.csrf,
                    "emotion": emotion,
                    f"intensity-{emotion}": str(3 + k),
                    "note": f"Check-in {k}",
                },
            )
            saved += status == 303
    return saved


LUA = r"""
local people = %(people)s
local pages = %(pages)s
local write_every = %(write_every)d
local max_requests = %(max_requests)d
local emotion = "%(emotion)s"
local origin = "%(origin)s"
local counter = 0
local sent = 0

function request()
  counter = counter + 1
  sent = sent + 1
  local person = people[(counter %% #people) + 1]
  local headers = {["Cookie"] = person[1], ["Host"] = "%(host)s"}
  if write_every > 0 and counter %% write_every == 0 then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    headers["Origin"] = origin
    local body
    if (counter / write_every) %% 2 == 0 then
      body = "csrf_token=" .. person[2] .. "&emotion=" .. emotion .. "&intensity-" .. emotion
        .. "=5&note=A+calmer+hour+than+yesterday"
      return wrk.format("POST", "/check-in", headers, body)
    end
    body = "csrf_token=" .. person[2] .. "&title=Load&body=Made+tea%%2C+read+a+chapter%%2C+slept."
    return wrk.format("POST", "/journal/new", headers, body)
  end
  return wrk.format("GET", pages[(counter %% #pages) + 1], headers)
end

function response(status, headers, body)
  if sent >= max_requests then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  io.write(string.format(
    "RESULT {\"requests\": %%d, \"seconds\": %%f, \"p50\": %%f, \"p95\": %%f, \"p99\": %%f, "
    .. "\"non2xx\": %%d, \"connect\": %%d, \"read\": %%d, \"write\": %%d, \"timeout\": %%d}\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout))
end
"""


def lua_script(
    folder: Path,
    people: list[Person],
    host: str,
    write_every: int,
    max_requests: int,
    emotion: str,
    name: str,
) -> Path:
    def lua_list(items: list[str]) -> str:
        return "{" + ", ".join(json.dumps(i) for i in items) + "}"

    rows = (
        "{"
        + ", ".join(
            "{" + json.dumps(p.cookie) + ", " + json.dumps(urllib.parse.quote(p.csrf)) + "}"
            for p in people
        )
        + "}"
    )
    path = folder / f"{name}.lua"
    path.write_text(
        LUA
        % {
            "people": rows,
            "pages": lua_list(list(PAGES)),
            "write_every": write_every,
            "max_requests": max_requests,
            "emotion": emotion,
            "origin": f"http://{host}",
            "host": host,
        }
    )
    return path


@dataclass
class Result:
    requests: int
    rps: float
    p50: float
    p95: float
    p99: float
    errors: int


def run_wrk_pair(
    folder: Path,
    people: list[Person],
    ports: list[int],
    host: str,
    *,
    seconds: float,
    connections: int,
    write_every: int,
    max_requests: int,
    emotion: str,
    label: str,
) -> Result:
    """Both processes at once; each gets the people whose session the other one made."""
    runs = []
    for port in ports:
        theirs = [p for p in people if p.signed_in_on != port]
        script = lua_script(
            folder, theirs, host, write_every, max_requests, emotion, f"{label}-{port}"
        )
        runs.append(
            subprocess.Popen(
                [
                    WRK,
                    "-t1",
                    f"-c{connections}",
                    f"-d{seconds:g}s",
                    "--latency",
                    "-s",
                    str(script),
                    f"http://127.0.0.1:{port}",
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
        )
    found = []
    for run in runs:
        out, _ = run.communicate(timeout=seconds * 4 + 60)
        match = re.search(r"^RESULT (.*)$", out, re.M)
        if match is None:
            raise SystemExit(f"wrk printed no result:\n{out}")
        found.append(json.loads(match.group(1)))
    requests = sum(f["requests"] for f in found)
    elapsed = max(f["seconds"] for f in found)
    errors = sum(f[k] for f in found for k in ("non2xx", "connect", "read", "write", "timeout"))
    return (
        Result(
            requests=requests,
            rps=sum(f["requests"] / f["seconds"] for f in found),
            p50=max(f["p50"] for f in found),
            p95=max(f["p95"] for f in found),
            p99=max(f["p99"] for f in found),
            errors=errors,
        )
        if elapsed
        else Result(0, 0, 0, 0, 0, errors)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=10.0, help="per phase (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="per process (default 16)")
    parser.add_argument(
        "--max-requests", type=int, default=200_000, help="per process and phase at most"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk (make bench installs it)")

    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    # uvicorn uses these when they are installed (the hosted extra brings them).
    fast = [name for name in ("httptools", "uvloop") if importlib.util.find_spec(name)]
    print(
        "  the app processes' HTTP server: uvicorn on "
        + (" + ".join(fast) if fast else "h11 + asyncio")
        + ("" if len(fast) == 2 else " (the hosted extra adds httptools and uvloop)")
    )
    print(f"  load average before the run: {os.getloadavg()[0]:.2f}")
    tool = _cluster_tool()
    folder = Path(tempfile.mkdtemp(prefix="anchored-load-"))
    pg_folder = Path(tempfile.mkdtemp(prefix="anchored-load-pg-"))
    server = tool.start(pg_folder)
    try:
        database = f"load_{os.getpid()}"
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from sqlalchemy import create_engine, text\n"
                "e = create_engine(sys.argv[1], isolation_level='AUTOCOMMIT')\n"
                "c = e.connect(); c.execute(text(f'CREATE DATABASE \"{sys.argv[2]}\"'))",
                server,
                database,
            ],
            check=True,
        )
        url = server.rsplit("/", 1)[0] + f"/{database}"
        key = folder / "master.key"
        key.write_bytes(base64.b64encode(os.urandom(32)) + b"\n")
        key.chmod(0o600)
        ports = [free_port(), free_port()]
        host = f"127.0.0.1:{ports[0]}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("ANCHORED_")}
        env |= {
            "ANCHORED_DATABASE_URL": url,
            "ANCHORED_MASTER_KEY_FILE": str(key),
            "ANCHORED_PUBLIC_URL": f"http://{host}",
            "ANCHORED_DATA_DIR": str(folder / "data"),
            "ANCHORED_IDLE_LOCK_MINUTES": "120",
        }
        started = time.monotonic()
        with app_processes(env, ports):
            people = setup_people(env, args.people, ports, host)
            from anchored.content.emotions import load_emotions

            emotion = load_emotions().all[0].slug
            saved = write_some(people, ports, host, emotion)
            print(
                f"  {len(people)} people signed in (half on each process), {saved} entries "
                f"and check-ins saved, in {time.monotonic() - started:.0f} s"
            )
            # Warm both processes (the text model loads in the background on first save).
            run_wrk_pair(
                folder,
                people,
                ports,
                host,
                seconds=2,
                connections=4,
                write_every=0,
                max_requests=2000,
                emotion=emotion,
                label="warm",
            )
            print(
                f"\nwrk, 1 thread and {args.connections} connections per process, "
                f"{args.seconds:g} s per phase; every request uses a session made on the "
                "other process\n"
            )
            print(
                f"  {'phase':24} {'requests':>9} {'req/s':>8} {'p50':>8} {'p95':>8} "
                f"{'p99':>8} {'errors':>7}"
            )
            results = {}
            for label, write_every in (("page views", 0), ("browsing and saving", 5)):
                result = run_wrk_pair(
                    folder,
                    people,
                    ports,
                    host,
                    seconds=args.seconds,
                    connections=args.connections,
                    write_every=write_every,
                    max_requests=args.max_requests,
                    emotion=emotion,
                    label=label.split()[0],
                )
                results[label] = result
                print(
                    f"  {label:24} {result.requests:9d} {result.rps:8.0f} "
                    f"{result.p50:6.1f}ms {result.p95:6.1f}ms {result.p99:6.1f}ms "
                    f"{result.errors:7d}"
                )
        views = results["page views"]
        met = views.rps >= TARGET_RPS and views.p95 <= TARGET_P95_MS and views.errors == 0
        print(
            f"\nTarget for page views: >= {TARGET_RPS} requests/s, p95 <= {TARGET_P95_MS:g} ms, "
            f"no errors: {'met' if met else 'not met'}."
        )
        mixed = results["browsing and saving"]
        print(f"Browsing and saving: {mixed.errors} errors.")
        print(
            f"Load average now: {os.getloadavg()[0]:.2f} (the machine is shared: anything "
            "else running takes its share of the two cores)"
        )
    finally:
        tool.stop(pg_folder)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(pg_folder, ignore_errors=True)


if __name__ == "__main__":
    main()
