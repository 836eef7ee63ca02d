"""How much does Anchored add to a page, compared with a bare FastAPI + Jinja2 page?

Starts two real servers side by side on 127.0.0.1, each one uvicorn process configured as
``anchored serve`` is:
- a bare FastAPI + Jinja2 app: one sync endpoint rendering a page (a layout and a child
  template) of about the size of Anchored's /help, no middleware;
- Anchored itself (``anchored serve``) on a vault holding a year of use, unlocked.

Then it drives each page with the same load, the bare page right before each Anchored page
(the machine is shared, so only figures measured side by side are compared), and prints
requests per second, p50 and p99 latency, and Anchored's ratio to the bare page.
The load comes from ``wrk`` (1 thread, 8 connections; ``make bench`` installs it from
Debian's packages) or, when it is missing, from a bounded Python client (8 threads with
keep-alive connections, in this process) whose own cost lowers both figures alike.

Targets on the reference 2-core machine: Anchored ≥ 0.6x the bare page's requests/s for
/help and ≥ 0.4x for /journal.

``--profile`` instead profiles Anchored in this process: the event loop and, separately, the
thread pool where sync endpoints run (a profile of the main thread alone shows only the
event loop waiting), and prints where the time goes for each page.

Run it with ``make bench`` or ``.venv/bin/python benchmarks/pages.py [--duration 8]
[--rounds 2] [--python-client] [--profile]``.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import dataclasses
import http.client
import io
import os
import platform
import pstats
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.templating import Jinja2Templates
from jinja2 import DictLoader, Environment, select_autoescape
from starlette.requests import Request
from starlette.responses import Response

ANCHORED = [sys.executable, "-m", "anchored"]
START_LINK = re.compile(r"http://127\.0\.0\.1:(\d+)/launch\?token=(\S+)")
PASSPHRASE = "benchmark passphrase, not a secret"
SEED = 20261124
CONNECTIONS = 8
HELP_TARGET = 0.6
JOURNAL_TARGET = 0.4
PAGES = [
    ("/help", "Help now"),
    ("/", "Home"),
    ("/journal", "Journal"),
    ("/check-in/history", "Check-in history"),
    ("/search?q=morning", "Search"),
]
TARGETS = {"/help": HELP_TARGET, "/journal": JOURNAL_TARGET}


# -- the bare app --------------------------------------------------------------------------

BARE_LAYOUT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>
<link rel="stylesheet" href="/static/site.css"></head>
<body><header><nav>{% for link in links %}<a href="{{ link.href }}">{{ link.label }}</a>
{% endfor %}</nav></header><main>{% block main %}{% endblock %}</main></body></html>
"""
BARE_PAGE = """{% extends "layout.html" %}{% block main %}<h1>{{ title }}</h1>
{% for item in items %}<section><h2>{{ item.heading }}</h2><p>{{ item.text }}</p></section>
{% endfor %}{% endblock %}
"""


def bare_app(size: int) -> Any:
    """FastAPI + Jinja2, a sync endpoint, a page of about ``size`` bytes; nothing else."""
    env = Environment(
        loader=DictLoader({"layout.html": BARE_LAYOUT, "page.html": BARE_PAGE}),
        autoescape=select_autoescape(["html"]),
    )
    templates = Jinja2Templates(env=env)
    links = [{"href": f"/page/{i}", "label": f"Page {i}"} for i in range(8)]
    text = "Slow breaths help the body settle & the mind follow. " * 4
    items = [{"heading": f"Part {i}", "text": text} for i in range(max(1, size // 260))]
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/page")
    def page(request: Request) -> Response:
        context = {"title": "A page", "links": links, "items": items}
        return templates.TemplateResponse(request, "page.html", context)

    return app


def serve_bare(port: int, size: int) -> None:
    import uvicorn

    config = uvicorn.Config(
        bare_app(size),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        server_header=False,
        proxy_headers=False,
    )
    uvicorn.Server(config).run()


# -- a year of use, written through the services ----------------------------------------------


VOCABULARY = (
    "morning walk coffee rain tired slept well anxious calm grateful work meeting friend call "
    "family dinner garden book read wrote thought felt better worse again today tomorrow week "
    "message reply waited phone silence partner late evening weekend plans cancelled hug laugh"
)
WORDS = VOCABULARY.split(" ")


def sentences(rng: random.Random, words: int) -> str:
    chosen = rng.choices(WORDS, k=words)
    return " ".join(
        " ".join(chosen[i : i + 12]).capitalize() + "." for i in range(0, len(chosen), 12)
    )


def fill_vault(data_dir: Path) -> None:
    from anchored.content.emotions import load_emotions
    from anchored.core.owner import PERSONAL_OWNER
    from anchored.features.check_in import service as checkin
    from anchored.features.journal import service as journal
    from anchored.storage.vault import Vault

    rng = random.Random(SEED)
    emotions = [e.slug for e in load_emotions().all]
    start = datetime(2025, 11, 24, 20, 0, tzinfo=UTC)
    now = datetime.now(UTC)
    opened, _recovery = Vault(data_dir).create(PASSPHRASE, "fast")
    try:
        with opened.session() as session:
            for day in range(365):
                picked = rng.sample(emotions, rng.randint(1, 3))
                checkin.add_check_in(
                    session,
                    PERSONAL_OWNER,
                    emotions={slug: rng.randint(0, 10) for slug in picked},
                    factors=[],
                    note=sentences(rng, 30) if rng.random() < 0.7 else "",
                    when=start + timedelta(days=day),
                    now=now,
                )
        with opened.session() as session:
            for i in range(200):
                journal.add_entry(
                    session,
                    PERSONAL_OWNER,
                    sentences(rng, 200),
                    title=None,
                    when=start + timedelta(days=i * 365 / 200, hours=2),
                    now=now,
                )
    finally:
        opened.lock()


# -- servers ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[Any], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"a server stopped while starting ({process.returncode})")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise SystemExit(f"no server answered on port {port}")


def request(
    port: int, method: str, path: str, cookie: str = "", body: str = ""
) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body or None, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


@dataclass(frozen=True)
class Server:
    pid: int
    port: int
    cookie: str = ""

    def cpu_seconds(self) -> float:
        """CPU time the server process has used so far (all its threads)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def anchored_server(data_dir: Path) -> Iterator[Server]:
    """``anchored serve`` on ``data_dir``, unlocked, with a session cookie."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANCHORED_")}
    env |= {
        "ANCHORED_DATA_DIR": str(data_dir),
        "ANCHORED_ARGON2_PROFILE": "fast",
        "ANCHORED_IDLE_LOCK_MINUTES": "120",
    }
    process = subprocess.Popen(
        [*ANCHORED, "serve", "--no-browser"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if found := START_LINK.search(line):
                port, token = int(found.group(1)), found.group(2)
                break
        else:
            raise SystemExit("anchored serve printed no start link")
        launched = request(port, "GET", f"/launch?token={token}")
        cookie = launched.headers["set-cookie"].split(";", 1)[0]
        form = urllib.parse.urlencode({"passphrase": PASSPHRASE})
        unlocked = request(port, "POST", "/unlock", cookie, form)
        if unlocked.status != 303:
            raise SystemExit(f"could not unlock the vault ({unlocked.status})")
        yield Server(process.pid, port, cookie)
    finally:
        process.terminate()
        process.wait(10)


@contextlib.contextmanager
def bare_server(size: int) -> Iterator[Server]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, __file__, "--bare-server", str(port), str(size)],
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process)
        yield Server(process.pid, port)
    finally:
        process.terminate()
        process.wait(10)


# -- load ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int
    cpu_ms: float = 0.0  # the server's CPU time per request (robust to a busy machine)


def measure(
    load: Callable[[int, str, str, float], Load], server: Server, path: str, seconds: float
) -> Load:
    before = server.cpu_seconds()
    done = load(server.port, path, server.cookie, seconds)
    used = server.cpu_seconds() - before
    return dataclasses.replace(done, cpu_ms=used * 1000 / max(1, done.requests))


def run_wrk(port: int, path: str, cookie: str, seconds: float) -> Load:
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds:g}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    done = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    )
    out = done.stdout

    def latency(label: str) -> float:
        found = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE)
        if not found:
            raise SystemExit(f"wrk printed no {label}th percentile:\n{out}")
        value, unit = float(found.group(1)), found.group(2)
        return value * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    count = re.search(r"(\d+) requests in", out)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(r"Socket errors: .*", out)
    if rps is None or count is None:
        raise SystemExit(f"wrk printed no requests/s:\n{out}")
    failed = int(errors.group(1)) if errors else 0
    if socket_errors:
        failed += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(0)))
    return Load(float(rps.group(1)), latency("50"), latency("99"), failed, int(count.group(1)))


def run_python(port: int, path: str, cookie: str, seconds: float) -> Load:
    """8 keep-alive connections, each in a thread, for ``seconds``."""
    deadline = time.perf_counter() + seconds
    times: list[float] = []
    errors = [0]
    headers = {"Cookie": cookie} if cookie else {}

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while (began := time.perf_counter()) < deadline:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            times.append(time.perf_counter() - began)
            if response.status >= 400:
                errors[0] += 1
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    times.sort()
    p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
    return Load(
        len(times) / elapsed,
        statistics.median(times) * 1000,
        p99 * 1000,
        errors[0],
        len(times),
    )


# -- profiling -------------------------------------------------------------------------------


class ThreadPoolProfile:
    """cProfile in every worker thread that runs a sync endpoint or dependency, merged."""

    def __init__(self) -> None:
        self.profiles: list[cProfile.Profile] = []

    def wrap(self, func: Callable[..., Any]) -> Callable[..., Any]:
        def profiled(*args: Any) -> Any:
            profile = cProfile.Profile(time.thread_time)
            self.profiles.append(profile)  # list.append is atomic
            return profile.runcall(func, *args)

        return profiled

    def stats(self) -> pstats.Stats | None:
        if not self.profiles:
            return None
        stats = pstats.Stats(self.profiles[0], stream=io.StringIO())
        for profile in self.profiles[1:]:
            stats.add(profile)
        return stats


def profile_pages(
    data_dir: Path, seconds: float, load: Callable[[int, str, str, float], Load], only: str | None
) -> None:
    """The real server (uvicorn, as ``anchored serve`` runs it) in this process under the same
    load, profiled by CPU time per thread: the event loop, and every thread-pool call where
    sync endpoints and dependencies run. Prints where the time goes and CPU per request."""
    import anyio.to_thread
    import uvicorn

    from anchored.settings import Settings
    from anchored.web.app import create_app
    from anchored.web.server import LOG_CONFIG, bind
    from anchored.web.state import AppState

    pool = ThreadPoolProfile()
    original = anyio.to_thread.run_sync

    async def run_sync(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return await original(pool.wrap(func), *args, **kwargs)

    anyio.to_thread.run_sync = run_sync  # type: ignore[assignment]
    loop_profile = cProfile.Profile(time.thread_time)
    profiling = threading.Event()

    sock = bind(0)
    port = int(sock.getsockname()[1])
    settings = Settings(data_dir=data_dir, argon2_profile="fast", idle_lock_minutes=120)
    state = AppState(settings=settings, port=port)
    app = create_app(settings, port, state=state)

    async def profiled_app(scope: Any, receive: Any, send: Any) -> None:
        if profiling.is_set() and not getattr(loop_profile, "running", False):
            loop_profile.running = True  # type: ignore[attr-defined]
            loop_profile.enable()  # in the event loop's thread, until the server stops
        await app(scope, receive, send)

    config = uvicorn.Config(
        profiled_app,
        log_config=LOG_CONFIG,
        access_log=False,
        server_header=False,
        proxy_headers=False,
    )
    server = uvicorn.Server(config)
    counted: dict[str, int] = {}
    cpu = [0.0]

    def drive() -> None:
        try:
            while not server.started:
                time.sleep(0.05)
            launched = request(port, "GET", f"/launch?token={state.launch_token}")
            cookie = launched.headers["set-cookie"].split(";", 1)[0]
            form = urllib.parse.urlencode({"passphrase": PASSPHRASE})
            request(port, "POST", "/unlock", cookie, form)
            for path, _label in PAGES:
                request(port, "GET", path, cookie)  # warm-up: templates, content
            pool.profiles.clear()
            profiling.set()
            began = time.process_time()
            for path, _label in PAGES:
                if only in (None, path):
                    counted[path] = load(port, path, cookie, seconds).requests
            cpu[0] = time.process_time() - began
        finally:
            server.should_exit = True

    driver = threading.Thread(target=drive)
    driver.start()
    server.run(sockets=[sock])
    loop_profile.disable()
    driver.join()
    total = sum(counted.values())
    if not total:
        raise SystemExit("no requests were answered")
    print(
        f"{total} requests ({', '.join(f'{p} {n}' for p, n in counted.items())}); "
        f"{cpu[0] * 1000 / total:.2f} ms of CPU each while profiled\n"
    )
    top = 30
    for title, stats in (
        ("Thread pool (sync endpoints and dependencies)", pool.stats()),
        ("Event loop (server, middleware, routing, async parts)", pstats.Stats(loop_profile)),
    ):
        if stats is None:
            continue
        for order, what in (("cumulative", "cumulative"), ("tottime", "own")):
            out = io.StringIO()
            stats.stream = out  # type: ignore[attr-defined]
            stats.sort_stats(order).print_stats(top)
            print(f"== {title}: by {what} CPU time ==")
            print("\n".join(out.getvalue().splitlines()[-(top + 3) :]))


# -- main ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=8, help="seconds per run (8)")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each page (2)")
    parser.add_argument("--python-client", action="store_true", help="never use wrk")
    parser.add_argument("--only", help="measure only this path (e.g. /help)")
    parser.add_argument("--profile", action="store_true", help="profile instead of load")
    parser.add_argument("--bare-server", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_server:
        serve_bare(*args.bare_server)
        return

    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch) / "vault"
        fill_vault(data_dir)
        use_wrk = not args.python_client and shutil.which("wrk") is not None
        load = run_wrk if use_wrk else run_python
        client = (
            f"wrk, 1 thread, {CONNECTIONS} connections"
            if use_wrk
            else f"the Python client ({CONNECTIONS} threads; wrk is not installed)"
        )
        if args.profile:
            profile_pages(data_dir, args.duration, load, args.only)
            return
        pages = [(p, label) for p, label in PAGES if args.only in (None, p)]
        with anchored_server(data_dir) as ours_server:
            sizes = {path: len(fetch(ours_server, path)) for path, _label in pages}
            with bare_server(sizes.get("/help", 8_000)) as bare:
                bare_size = len(fetch(bare, "/page"))
                print(
                    f"{args.rounds} rounds of {args.duration:g} s per page with {client}; "
                    f"the bare page ({bare_size / 1000:.1f} kB) is measured right before "
                    "each Anchored page.\n"
                )
                results: dict[str, list[tuple[Load, Load]]] = {p: [] for p, _ in pages}
                for _round in range(args.rounds):
                    for path, _label in pages:
                        results[path].append(
                            (
                                measure(load, bare, "/page", args.duration),
                                measure(load, ours_server, path, args.duration),
                            )
                        )
        report(pages, sizes, results)


def fetch(server: Server, path: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request("GET", path, headers={"Cookie": server.cookie} if server.cookie else {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    if response.status != 200:
        raise SystemExit(f"{path} answered {response.status}")
    return body


def report(
    pages: list[tuple[str, str]],
    sizes: dict[str, int],
    results: dict[str, list[tuple[Load, Load]]],
) -> None:
    """Medians over the rounds. ``ratio`` is Anchored's requests/s over the bare page's in the
    same round; ``CPU/req`` the server process's CPU time per request (bare in brackets),
    which a busy machine changes far less than requests/s."""
    print(
        f"  {'page':<17} {'size':>6} {'bare r/s':>8} {'req/s':>6} {'p50':>7} {'p99':>7}"
        f" {'CPU/req (bare)':>15} {'ratio':>6}  target"
    )
    missed = []
    for path, label in pages:
        runs = results[path]
        ratio = statistics.median(ours.rps / bare.rps for bare, ours in runs)

        def mid(value: Callable[[Load], float], runs: list[tuple[Load, Load]] = runs) -> float:
            return statistics.median(value(ours) for _, ours in runs)

        bare_rps = statistics.median(bare.rps for bare, _ in runs)
        bare_cpu = statistics.median(bare.cpu_ms for bare, _ in runs)
        errors = sum(ours.errors + bare.errors for bare, ours in runs)
        target = TARGETS.get(path)
        verdict = ""
        if target is not None:
            met = ratio >= target
            verdict = f"≥ {target:.1f}x {'met' if met else 'not met'}"
            if not met:
                missed.append(path)
        if errors:
            verdict += f"  {errors} failed requests"
        print(
            f"  {label:<17} {sizes[path] / 1000:5.1f}k {bare_rps:8.0f} {mid(lambda x: x.rps):6.0f}"
            f" {mid(lambda x: x.p50_ms):5.1f}ms {mid(lambda x: x.p99_ms):5.1f}ms"
            f" {mid(lambda x: x.cpu_ms):5.2f}ms ({bare_cpu:4.2f})"
            f" {ratio:5.2f}x  {verdict}"
        )
    each = ", ".join(
        f"{path} " + "/".join(f"{ours.rps / bare.rps:.2f}" for bare, ours in results[path])
        for path, _ in pages
    )
    print(f"\nRatio in each round: {each}")
    for path, target in TARGETS.items():
        if any(path == p for p, _ in pages):
            state = "not met" if path in missed else "met"
            print(f"Target for {path}: ≥ {target:.1f}x the bare page's requests/s, {state}.")


if __name__ == "__main__":
    main()
