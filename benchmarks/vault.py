"""Benchmark the encrypted vault against a plain SQLite file with the same schema.

Prints the unlock time (median of --unlock-runs runs, "standard" Argon2id profile) and the
insert and read rates for --entries journal entries of about --words words, in the encrypted
vault (SQLCipher) and in an unencrypted SQLite file built by the same migrations. Both stores
go through the same service functions (add_entry, list_entries, get_entry).

Run it with ``make bench`` or ``.venv/bin/python benchmarks/vault.py [--entries 2000]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

from anchored.core.owner import PERSONAL_OWNER
from anchored.features.journal.service import add_entry, get_entry, list_entries
from anchored.storage import migrate
from anchored.storage.engine import session_factory
from anchored.storage.vault import Vault

PASSPHRASE = "benchmark passphrase, not a secret"
BATCH = 500  # entries per committed transaction when inserting
PAGE = 50  # entries per list_entries page
SEED = 20240601
VOCABULARY = (
    "morning walk coffee rain tired slept well anxious calm grateful work meeting friend call "
    "family dinner garden book read wrote thought felt better worse again today tomorrow week "
    "doctor appointment medication dose headache energy focus quiet noisy city park river light "
    "dark cold warm kitchen bread music song remember forgot plan small step progress setback "
    "breathe list notes chapter letter message honest hope worry laugh cried slow fast evening"
)
WORDS = VOCABULARY.split()

OpenSession = Callable[[], AbstractContextManager[Session]]


def make_bodies(count: int, words: int) -> list[str]:
    """Deterministic pseudo-random entries of ``words`` +/- 20% words, in short sentences."""
    rng = random.Random(SEED)
    bodies = []
    for _ in range(count):
        chosen = rng.choices(WORDS, k=rng.randint(words * 4 // 5, words * 6 // 5))
        sentences = []
        while chosen:
            n = rng.randint(6, 16)
            sentence, chosen = chosen[:n], chosen[n:]
            sentences.append(" ".join(sentence).capitalize() + ".")
        bodies.append(" ".join(sentences))
    return bodies


def plain_engine(path: Path) -> Engine:
    """Unencrypted SQLite with the vault's pragmas, minus the key.

    Opened through the same SQLCipher build with no key, so the only difference measured is
    encryption, not a different SQLite version.
    """
    engine = create_engine(f"sqlite:///{path}", module=sqlcipher3.dbapi2)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode = WAL",
            "foreign_keys = ON",
            "busy_timeout = 5000",
            "temp_store = MEMORY",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    migrate.upgrade(engine)
    return engine


def workload(open_session: OpenSession, bodies: Sequence[str]) -> dict[str, float]:
    """Seconds taken to insert all bodies, list them page by page, and get each by id."""
    ids: list[int] = []
    start = time.perf_counter()
    for first in range(0, len(bodies), BATCH):
        with open_session() as session:
            for i, body in enumerate(bodies[first : first + BATCH], first):
                ids.append(
                    add_entry(session, PERSONAL_OWNER, body, f"Entry {i}", now=datetime.now(UTC)).id
                )
    insert = time.perf_counter() - start

    start, seen, offset = time.perf_counter(), 0, 0
    while True:
        with open_session() as session:  # one session per page, as one web request would
            page = list_entries(session, PERSONAL_OWNER, limit=PAGE, offset=offset)
            seen += sum(1 for entry in page if entry.body)
        if not page:
            break
        offset += PAGE
    listed = time.perf_counter() - start
    assert seen == len(bodies), (seen, len(bodies))

    start = time.perf_counter()
    with open_session() as session:
        for entry_id in ids:
            assert get_entry(session, PERSONAL_OWNER, entry_id).body
    by_id = time.perf_counter() - start
    return {"insert": insert, "list": listed, "get": by_id}


def time_unlock(data_dir: Path, runs: int) -> list[float]:
    opened, _recovery = Vault(data_dir).create(PASSPHRASE, profile="standard")
    opened.lock()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        Vault(data_dir).unlock(PASSPHRASE).lock()
        times.append(time.perf_counter() - start)
    return times


def mib(*paths: Path) -> float:
    return sum(p.stat().st_size for p in paths if p.exists()) / 2**20


def print_header() -> None:
    with sqlcipher.connect(":memory:") as conn:
        cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
        cipher_sqlite = conn.execute("SELECT sqlite_version()").fetchone()[0]
    print("Anchored vault benchmark")
    print(f"  machine:   {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPUs")
    print(f"  python:    {platform.python_version()}")
    print(f"  sqlcipher: {cipher} (SQLite {cipher_sqlite}); plain file: same build, no key")


def run(base: Path, entries: int, words: int, unlock_runs: int) -> None:
    print_header()
    unlock = time_unlock(base / "unlock", unlock_runs)
    ms = [t * 1000 for t in unlock]
    print(
        f"\nUnlock, standard profile (Argon2id t=3, m=64 MiB, p=4 + SQLCipher open + "
        f"migration check), {unlock_runs} runs:"
    )
    print(f"  median {statistics.median(ms):.0f} ms (min {min(ms):.0f}, max {max(ms):.0f})")

    bodies = make_bodies(entries, words)
    mean_words = statistics.fmean(len(b.split()) for b in bodies)
    print(
        f"\n{entries:,} journal entries, mean {mean_words:.0f} words "
        f"({statistics.fmean(len(b) for b in bodies):,.0f} chars);\n  inserts "
        f"committed in batches of {BATCH}; reads: list_entries pages of {PAGE}, get_entry per id."
    )

    vault_dir = base / "vault"
    opened, _recovery = Vault(vault_dir).create(PASSPHRASE, profile="fast")
    try:
        enc = workload(opened.session, bodies)
    finally:
        opened.lock()
    enc_size = mib(*opened.vault.paths.database_files())

    plain_path = base / "plain" / "plain.db"
    plain_path.parent.mkdir()
    engine = plain_engine(plain_path)
    try:
        plain = workload(session_factory(engine).begin, bodies)
    finally:
        engine.dispose()
    plain_size = mib(plain_path, Path(f"{plain_path}-wal"), Path(f"{plain_path}-shm"))

    rows = [("insert", "insert"), ("read: list pages", "list"), ("read: get by id", "get")]
    print(f"\n{'entries/second':<20}{'encrypted':>12}{'plain':>12}{'slowdown':>11}")
    for label, key in rows:
        e, p = entries / enc[key], entries / plain[key]
        print(f"{label:<20}{e:>12,.0f}{p:>12,.0f}{p / e:>10.2f}x")
    print(
        f"{'file size (MiB)':<20}{enc_size:>12.1f}{plain_size:>12.1f}"
        f"{enc_size / plain_size:>10.2f}x"
    )
    print("(slowdown = encrypted time / plain time; file size ratio = encrypted / plain)")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000, help="journal entries (20000)")
    parser.add_argument("--words", type=int, default=200, help="words per entry, about (200)")
    parser.add_argument("--unlock-runs", type=int, default=5, help="unlock timings (5)")
    parser.add_argument("--keep", type=Path, help="work in this empty directory and keep it")
    args = parser.parse_args(argv)
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        if any(args.keep.iterdir()):
            parser.error(f"{args.keep} is not empty")
        run(args.keep, args.entries, args.words, args.unlock_runs)
        print(f"\nFiles kept in {args.keep}")
    else:
        with tempfile.TemporaryDirectory(prefix="anchored-bench-") as tmp:
            run(Path(tmp), args.entries, args.words, args.unlock_runs)


if __name__ == "__main__":
    main()
