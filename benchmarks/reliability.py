"""Reliability run: kill the command line and the server in the middle of writing, tamper with
the vault's files, then look for the person's words on disk.

Prints what happened in each part and exits 1 if any of these happened:
- a write that was reported saved (exit 0, or a 303 after the form) is missing afterwards;
- the vault does not open after a kill;
- a tampered vault is opened as if nothing were wrong but shows no entries (re-created), or a
  command ends in a crash (exit 1, a traceback) or runs past the time limit;
- the server answers 500;
- a marker sentence is found in plain text in any file (the vault folders, the server logs).

Run it with ``make bench`` or ``.venv/bin/python benchmarks/reliability.py [--kills 30]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx2 as httpx

PASSPHRASE = "benchmark passphrase, not a secret 7"
COMMAND_TIMEOUT = 60  # seconds; a tampered file must never make a command hang
WORDS = ["ferry", "lantern", "quince", "harbour", "saffron", "meadow", "cobalt", "thistle"]


def marker(rng: random.Random, n: int) -> str:
    return f"{rng.choice(WORDS)}{rng.choice(WORDS)}-{n}-{rng.randrange(10**8):08d}"


def env_for(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANCHORED_")}
    env.update(
        ANCHORED_DATA_DIR=str(data_dir),
        ANCHORED_ARGON2_PROFILE="fast",
        ANCHORED_PASSPHRASE=PASSPHRASE,
        PYTHONUNBUFFERED="1",
    )
    return env


def anchored(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "anchored", *args],
        env=env_for(data_dir),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        start_new_session=True,
        check=False,
    )


def saved_bodies(data_dir: Path) -> set[str]:
    """Every journal entry's text, read in this process (the vault must open)."""
    from sqlalchemy import select

    from anchored.features.journal.models import JournalEntry
    from anchored.storage.engine import session_factory
    from anchored.storage.vault import Vault

    opened = Vault(data_dir).unlock(PASSPHRASE)
    try:
        with session_factory(opened.engine)() as session:
            return set(session.scalars(select(JournalEntry.body)))
    finally:
        opened.lock()


@dataclass
class Findings:
    problems: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)

    def problem(self, text: str) -> None:
        self.problems.append(text)
        print(f"  PROBLEM: {text}")


# --- 1. kill -9 of the command line while it saves -------------------------------------------


def kill_the_command_line(work: Path, kills: int, rng: random.Random, found: Findings) -> None:
    data_dir = work / "cli-vault"
    if anchored(data_dir, "init").returncode != 0:
        found.problem("anchored init failed")
        return
    # How long one save takes here: the kills land anywhere from the start to past the commit.
    started = time.monotonic()
    calibrate = marker(rng, -1)
    found.markers.append(calibrate)
    anchored(data_dir, "journal", "add", stdin=calibrate)
    one_save = time.monotonic() - started
    committed: list[str] = [calibrate]
    killed = 0
    for n in range(kills):
        text = marker(rng, n)
        found.markers.append(text)
        process = subprocess.Popen(
            [sys.executable, "-m", "anchored", "journal", "add"],
            env=env_for(data_dir),
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        assert process.stdin is not None
        process.stdin.write(text)
        process.stdin.close()
        time.sleep(rng.uniform(0.1, 1.2) * one_save)  # before the vault opens … after the commit
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait(timeout=COMMAND_TIMEOUT)
        if process.returncode == 0:
            committed.append(text)
    try:
        bodies = saved_bodies(data_dir)
    except Exception as exc:  # the finding is that it did not open
        found.problem(f"the vault did not open after {killed} kills: {type(exc).__name__}")
        return
    lost = [text for text in committed if text not in bodies]
    check = anchored(data_dir, "status", "--check")
    print(
        f"  {kills} runs of `journal add`, {killed} killed with SIGKILL mid-run, "
        f"{len(committed) - 1} finished and reported saved, {len(bodies) - 1} entries in the "
        f"vault (one save takes {one_save:.2f} s here); "
        f"lost after a reported save: {len(lost)}; status --check exit {check.returncode}"
    )
    for text in lost:
        found.problem(f"an entry reported saved is missing ({text})")
    if check.returncode != 0:
        found.problem(f"status --check after the kills: exit {check.returncode}")


# --- 2. kill -9 of the server while it takes a form --------------------------------------------


@contextmanager
def server(data_dir: Path, log: Path) -> Iterator[tuple[subprocess.Popen[str], str, str]]:
    with log.open("a", encoding="utf-8") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "anchored", "serve", "--no-browser", "--port", "0"],
            env={k: v for k, v in env_for(data_dir).items() if k != "ANCHORED_PASSPHRASE"},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=log_file,
            text=True,
            start_new_session=True,
        )
    assert process.stdout is not None
    base = launch = None
    deadline = time.monotonic() + COMMAND_TIMEOUT
    while (base is None or launch is None) and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        if m := re.search(r"Anchored is running at (http://127\.0\.0\.1:\d+)/", line):
            base = m.group(1)
        elif m := re.search(r"\(it works once\): (http://\S+/launch\?token=\S+)", line):
            launch = m.group(1)
    threading.Thread(target=process.stdout.read, daemon=True).start()  # keep the pipe drained
    try:
        if base is None or launch is None:
            raise RuntimeError("the server did not print its links")
        yield process, base, launch
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=COMMAND_TIMEOUT)


def browser(base: str, launch: str) -> httpx.Client:
    client = httpx.Client(base_url=base, headers={"Origin": base}, timeout=COMMAND_TIMEOUT)
    client.get(launch, follow_redirects=False)
    return client


def kill_the_server(work: Path, kills: int, rng: random.Random, found: Findings) -> None:
    data_dir = work / "server-vault"
    log = work / "server.log"
    committed: list[str] = []
    statuses: Counter[int] = Counter()
    n = 0
    with server(data_dir, log) as (_process, base, launch):
        client = browser(base, launch)
        welcome = {
            "understood": "yes",
            "passphrase": PASSPHRASE,
            "passphrase_again": PASSPHRASE,
            "country": "GB",
        }
        client.post("/welcome", data=welcome)
        client.post("/welcome/recovery-key", data={"saved": "yes"})
        started = time.monotonic()
        for _ in range(3):
            text = marker(rng, 900 + n)
            n += 1
            found.markers.append(text)
            if client.post("/journal/new", data={"body": text}).status_code == 303:
                committed.append(text)
        one_post = (time.monotonic() - started) / 3
    for _round in range(kills):
        with server(data_dir, log) as (process, base, launch):
            client = browser(base, launch)
            unlocked = client.post("/unlock", data={"passphrase": PASSPHRASE})
            statuses[unlocked.status_code] += 1
            stop = threading.Event()

            def post_entries(client: httpx.Client = client, stop: threading.Event = stop) -> None:
                nonlocal n
                while not stop.is_set():
                    text = marker(rng, 1000 + n)
                    n += 1
                    found.markers.append(text)
                    try:
                        response = client.post("/journal/new", data={"body": text, "title": ""})
                    except httpx.HTTPError:
                        return  # the server died mid-request: not reported saved
                    statuses[response.status_code] += 1
                    if response.status_code == 303:
                        committed.append(text)

            poster = threading.Thread(target=post_entries)
            poster.start()
            time.sleep(rng.uniform(0.5, 6) * one_post)  # a few posts in, mid-post
            process.send_signal(signal.SIGKILL)
            stop.set()
            poster.join(timeout=COMMAND_TIMEOUT)
    try:
        bodies = saved_bodies(data_dir)
    except Exception as exc:
        found.problem(f"the server's vault did not open after the kills: {type(exc).__name__}")
        return
    lost = [text for text in committed if text not in bodies]
    shown = ", ".join(f"{code}: {count}" for code, count in sorted(statuses.items()))
    print(
        f"  {kills} server runs killed with SIGKILL while posting journal entries; "
        f"{len(committed)} posts answered 303 (saved), {len(bodies)} entries in the vault "
        f"(one post takes {one_post * 1000:.0f} ms here); "
        f"lost after a 303: {len(lost)}; responses by status: {shown}"
    )
    for text in lost:
        found.problem(f"an entry answered 303 is missing ({text})")
    if any(code >= 500 for code in statuses):
        found.problem("the server answered 500")


# --- 3. tampered files --------------------------------------------------------------------------


def tampered_header(header: dict[str, object], rng: random.Random) -> list[tuple[str, bytes]]:
    def dumped(changed: dict[str, object]) -> bytes:
        return json.dumps(changed).encode()

    cases: list[tuple[str, bytes]] = [
        ("vault.json empty", b""),
        ("vault.json not JSON", b"{not json"),
        ("vault.json a list", b"[]"),
        ("vault.json null", b"null"),
        ("vault.json deeply nested", b"[" * 100000 + b"]" * 100000),
        ("vault.json binary", bytes(rng.randrange(256) for _ in range(512))),
        ("vault.json not UTF-8", b'{"version": "\xff\xfe"}'),
    ]
    raw = dumped(header)
    for cut in (1, 10, len(raw) // 2, len(raw) - 1):
        cases.append((f"vault.json cut to {cut} bytes", raw[:cut]))
    for name in list(header):
        cases.append(
            (f"vault.json without {name}", dumped({k: v for k, v in header.items() if k != name}))
        )
        for label, value in (("null", None), ("a number", 7), ("a string", "x"), ("a list", [])):
            cases.append((f"vault.json {name} = {label}", dumped({**header, name: value})))
    text = raw.decode()
    for key, values in (
        ("memory_kib", [0, -1, 4194304, 2**40]),
        ("time_cost", [0, -5, 100, 10**9]),
        ("parallelism", [0, 1000]),
    ):
        for value in values:
            changed = re.sub(rf'("{key}": )-?\d+', rf"\g<1>{value}", text)
            if changed != text:
                cases.append((f"vault.json {key} = {value}", changed.encode()))
    for size in (0, 4):
        changed = re.sub(r'("salt": ")[^"]*"', rf'\g<1>{"A" * size}"', text)
        if changed != text:
            cases.append((f"vault.json salt of {size} characters", changed.encode()))
    return cases


def tampered_database(raw: bytes, rng: random.Random, flips: int) -> list[tuple[str, bytes | None]]:
    cases: list[tuple[str, bytes | None]] = [
        ("anchored.db removed", None),
        ("anchored.db empty", b""),
        ("anchored.db random bytes", bytes(rng.randrange(256) for _ in range(len(raw)))),
        ("anchored.db a plain SQLite file", _plain_sqlite()),
    ]
    for cut in (100, 4096, len(raw) // 2, len(raw) - 1):
        cases.append((f"anchored.db cut to {cut} bytes", raw[:cut]))
    for page in range(min(4, len(raw) // 4096)):
        zeroed = raw[: page * 4096] + bytes(4096) + raw[(page + 1) * 4096 :]
        cases.append((f"anchored.db page {page + 1} zeroed", zeroed))
    for _ in range(flips):
        at = rng.randrange(len(raw))
        flipped = bytearray(raw)
        flipped[at] ^= 1 << rng.randrange(8)
        cases.append((f"anchored.db one bit flipped at byte {at}", bytes(flipped)))
    return cases


def _plain_sqlite() -> bytes:
    import sqlite3

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plain.db"
        connection = sqlite3.connect(path)
        connection.execute("CREATE TABLE journal_entries (id INTEGER PRIMARY KEY, body TEXT)")
        connection.commit()
        connection.close()
        return path.read_bytes()


def tamper(work: Path, flips: int, rng: random.Random, found: Findings) -> None:
    base = work / "tamper-base"
    anchored(base, "init")
    titles = []
    for n in range(3):
        text = marker(rng, 5000 + n)
        found.markers.append(text)
        titles.append(f"Entry {n} {rng.choice(WORDS)}")
        anchored(base, "journal", "add", "--title", titles[-1], stdin=text)
    header = json.loads((base / "vault.json").read_text(encoding="utf-8"))
    database = (base / "anchored.db").read_bytes()
    cases: list[tuple[str, Callable[[Path], None]]] = []
    for label, content in tampered_header(header, rng):
        cases.append((label, lambda folder, c=content: (folder / "vault.json").write_bytes(c)))
    for label, db in tampered_database(database, rng, flips):

        def apply(folder: Path, db: bytes | None = db) -> None:
            if db is None:
                (folder / "anchored.db").unlink()
            else:
                (folder / "anchored.db").write_bytes(db)

        cases.append((label, apply))
    outcomes: Counter[str] = Counter()
    slowest = 0.0
    print(f"  {len(cases)} cases", end="", flush=True)
    for number, (label, apply) in enumerate(cases):
        if number % 10 == 0:
            print(".", end="", flush=True)
        folder = work / f"tampered-{number}"
        shutil.copytree(base, folder)
        apply(folder)
        for args in (("journal", "list"), ("status", "--check")):
            started = time.monotonic()
            try:
                result = anchored(folder, *args)
            except subprocess.TimeoutExpired:
                found.problem(f"{label}: `{' '.join(args)}` ran past {COMMAND_TIMEOUT} s")
                continue
            slowest = max(slowest, time.monotonic() - started)
            said = result.stdout + result.stderr
            if "Traceback" in said or result.returncode not in (0, 2):
                found.problem(f"{label}: `{' '.join(args)}` exit {result.returncode}")
                outcomes["crash"] += 1
            elif result.returncode == 2:
                outcomes["refused as damaged (exit 2)"] += 1
            elif args[0] == "journal" and not all(t in result.stdout for t in titles):
                found.problem(f"{label}: opened but the entries are not all there")
                outcomes["opened without the entries"] += 1
            else:
                outcomes["still opens with every entry (exit 0)"] += 1
        shutil.rmtree(folder)
    shown = "; ".join(f"{what}: {count}" for what, count in outcomes.most_common())
    print(f"\n  {len(cases)} tampered vaults, 2 commands each: {shown}; slowest {slowest:.1f} s")


# --- 4. plaintext on disk -----------------------------------------------------------------------


def scan(work: Path, found: Findings) -> None:
    files = [path for path in work.rglob("*") if path.is_file()]
    hits = []
    for path in files:
        content = path.read_bytes()
        hits += [(path, text) for text in found.markers if text.encode() in content]
    print(
        f"  {len(found.markers)} marker sentences looked for in {len(files)} files "
        f"(vaults, logs): {len(hits)} found in plain text"
    )
    for path, text in hits:
        found.problem(f"plaintext of {text} in {path.relative_to(work)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=30, help="kills of the CLI and the server")
    parser.add_argument("--flips", type=int, default=80, help="bit-flipped database files")
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    found = Findings()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="anchored-reliability-") as folder:
        work = Path(folder)
        for title, part in (
            ("kill -9 of the command line while it saves", kill_the_command_line),
            ("kill -9 of the server while it takes a form", kill_the_server),
        ):
            print(title)
            part(work, args.kills, rng, found)
        print("tampered files")
        tamper(work, args.flips, rng, found)
        print("plaintext on disk")
        scan(work, found)
    print(f"done in {time.monotonic() - started:.0f} s: {len(found.problems)} problems")
    sys.exit(1 if found.problems else 0)


if __name__ == "__main__":
    main()
