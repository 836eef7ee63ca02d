"""Ten years of daily use: how fast are the history pages and search?

Builds a vault holding 3,650 check-ins (one a day), 2,000 journal entries of about 200 words
and 1,000 finished thought records, all written through the same service functions the app
uses (so the search index is filled the real way). Then it unlocks the vault in the real web
app and requests each history page and several searches many times, printing the median and
95th percentile server time. The target on the reference 2-core machine is a 95th percentile
of at most 10 ms for each.

"Server time" is measured around the app's own request handling (middleware, route, service,
database and template), in-process, so network and browser time are not included.

Run it with ``make bench`` or ``.venv/bin/python benchmarks/history.py [--runs 60]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from anchored.content.emotions import load_emotions
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.check_in import service as checkin
from anchored.features.check_in.factors import load_factors
from anchored.features.journal import service as journal
from anchored.features.thought_record import service as thought_record
from anchored.features.thought_record.trap_content import load_traps
from anchored.settings import Settings
from anchored.storage import search as search_index
from anchored.storage.vault import Vault
from anchored.web.app import create_app
from anchored.web.server import settle_heap
from anchored.web.state import AppState

PASSPHRASE = "benchmark passphrase, not a secret"
PORT = 8765
SEED = 20261123
TARGET_MS = 10.0
DAYS = 3650
JOURNAL_ENTRIES = 2000
THOUGHT_RECORDS = 1000
BATCH = 250
VOCABULARY = (
    "morning walk coffee rain tired slept well anxious calm grateful work meeting friend call "
    "family dinner garden book read wrote thought felt better worse again today tomorrow week "
    "message reply waited phone silence partner late evening weekend plans cancelled hug laugh "
    "cried slow fast quiet noisy city park river light dark cold warm kitchen bread music song "
    "remember forgot plan small step progress setback breathe list notes letter honest hope "
    "worry lonely safe trust kind gentle brave patient checked scrolled paused sister brother"
)
WORDS = VOCABULARY.split()


def sentences(rng: random.Random, words: int) -> str:
    chosen = rng.choices(WORDS, k=max(1, rng.randint(words * 4 // 5, words * 6 // 5)))
    out = []
    while chosen:
        n = rng.randint(6, 16)
        sentence, chosen = chosen[:n], chosen[n:]
        out.append(" ".join(sentence).capitalize() + ".")
    return " ".join(out)


def fill(session_for: Callable[[], Session], rng: random.Random) -> None:
    """Write ten years of use through the services, in committed batches."""
    start = datetime(2016, 11, 23, 20, 0, tzinfo=UTC)
    emotions = [e.slug for e in load_emotions().all]
    factors = [f.slug for f in load_factors().factors]
    traps = [t.slug for t in load_traps().traps]

    def batched(total: int, write: Callable[[Session, int], None], label: str) -> None:
        began = time.perf_counter()
        for first in range(0, total, BATCH):
            with session_for() as session:
                for i in range(first, min(first + BATCH, total)):
                    write(session, i)
        print(f"  {total:>5} {label:<16} {time.perf_counter() - began:6.1f} s", flush=True)

    def write_check_in(session: Session, day: int) -> None:
        picked = rng.sample(emotions, rng.randint(1, 4))
        checkin.add_check_in(
            session,
            PERSONAL_OWNER,
            emotions={slug: rng.randint(0, 10) for slug in picked},
            factors=rng.sample(factors, rng.randint(0, 3)),
            note=sentences(rng, 30) if rng.random() < 0.7 else "",
            when=start + timedelta(days=day, minutes=rng.randint(-120, 120)),
            now=datetime.now(UTC),
        )

    def write_entry(session: Session, i: int) -> None:
        journal.add_entry(
            session,
            PERSONAL_OWNER,
            sentences(rng, 200),
            title=" ".join(rng.choices(WORDS, k=3)).capitalize() if rng.random() < 0.5 else None,
            when=start + timedelta(days=i * DAYS / JOURNAL_ENTRIES, hours=2),
            now=datetime.now(UTC),
        )

    def write_record(session: Session, i: int) -> None:
        when = start + timedelta(days=i * DAYS / THOUGHT_RECORDS, hours=3)
        picked = rng.sample(emotions, rng.randint(1, 3))
        thought_record.add_finished_record(
            session,
            PERSONAL_OWNER,
            situation=sentences(rng, 25),
            automatic_thought=sentences(rng, 10),
            emotions={slug: rng.randint(3, 10) for slug in picked},
            traps=rng.sample(traps, rng.randint(0, 3)),
            evidence_for=sentences(rng, 30),
            evidence_against=sentences(rng, 30),
            friend_view=sentences(rng, 20),
            balanced_thought=sentences(rng, 20),
            after={slug: rng.randint(0, 8) for slug in picked},
            now=datetime.now(UTC),
            when=when,
        )

    batched(DAYS, write_check_in, "check-ins")
    batched(JOURNAL_ENTRIES, write_entry, "journal entries")
    batched(THOUGHT_RECORDS, write_record, "thought records")


class Timed:
    """ASGI wrapper: the time the app spends on each request, from first byte in to last out."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.last_ms = 0.0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        began = time.perf_counter()
        await self.app(scope, receive, send)
        self.last_ms = (time.perf_counter() - began) * 1000


def measure(
    client: TestClient, timed: Timed, path: str, runs: int
) -> tuple[float, float, float, int]:
    """Median and 95th percentile server time in ms, the median CPU time per request (this
    process, test client included: steadier than the time on a busy machine) and the
    response size."""
    response = client.get(path)  # warm-up (template compile, caches)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    times = []
    cpu = []
    size = len(response.content)
    for _ in range(runs):
        began = time.process_time()
        client.get(path)
        cpu.append((time.process_time() - began) * 1000)
        times.append(timed.last_ms)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, statistics.median(cpu), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60, help="requests per page (default 60)")
    parser.add_argument("--keep", type=Path, help="build the vault in this folder and keep it")
    parser.add_argument(
        "--vault", type=Path, help="measure a vault built before with --keep (no rebuilding)"
    )
    parser.add_argument("--only", help="measure only the pages whose label has this word")
    args = parser.parse_args()

    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = args.vault or args.keep or Path(scratch) / "vault"
        if args.vault is None:
            print(f"Writing ten years of daily use into an encrypted vault ({data_dir}):")
            opened, _recovery = Vault(data_dir).create(PASSPHRASE, "fast")
            try:
                fill(opened.session, random.Random(SEED))
            finally:
                opened.lock()
        size = sum(p.stat().st_size for p in data_dir.iterdir() if p.is_file())
        print(f"  vault size on disk: {size / 1_000_000:.1f} MB")

        settings = Settings(data_dir=data_dir, argon2_profile="fast", idle_lock_minutes=60)
        state = AppState(settings=settings, port=PORT)
        timed = Timed(create_app(settings, PORT, state=state))
        settle_heap()  # as `anchored serve` does before its first request
        with TestClient(timed, base_url=f"http://127.0.0.1:{PORT}") as client:
            client.get(f"/launch?token={state.launch_token}")
            unlocked = client.post("/unlock", data={"passphrase": PASSPHRASE})
            if not state.is_unlocked:
                raise SystemExit(f"could not unlock the vault ({unlocked.status_code})")
            with state.session() as session:
                secure = session.execute(text("PRAGMA cipher_memory_security")).scalar()
                pieces = search_index.segments(session)
            print(
                f"  SQLCipher memory security: {'on' if str(secure) == '1' else 'off'} (each"
                " block SQLite allocates is locked in memory, and wiped when freed)"
            )
            print(f"  search index after unlocking: {pieces} segment(s)")
            pages = [
                ("Journal, newest page", "/journal"),
                ("Journal, page 50", "/journal?page=50"),
                ("Check-ins, newest page", "/check-in/history"),
                ("Check-ins, page 100", "/check-in/history?page=100"),
                ("Thought records, newest", "/thought-records"),
                ("Thought records, page 30", "/thought-records?page=30"),
                ("Search, common word", "/search?q=morning"),
                ("Search, two words", "/search?q=partner+silence"),
                ("Search, three words", "/search?q=sister+brother+garden"),
                ("Search, prefix, page 3", "/search?q=wa&page=3"),
                ("Search, no match", "/search?q=zebra"),
            ]
            if args.only:
                pages = [(label, path) for label, path in pages if args.only in label]
            print(f"\nServer time per request, {args.runs} requests each:")
            print(
                f"  {'page':<28} {'median':>8} {'p95':>8} {'CPU':>7}  {'size':>8}"
                f"  target p95 ≤ {TARGET_MS:g} ms"
            )
            missed = []
            for label, path in pages:
                median, p95, cpu, body = measure(client, timed, path, args.runs)
                met = p95 <= TARGET_MS
                if not met:
                    missed.append(label)
                print(
                    f"  {label:<28} {median:6.1f}ms {p95:6.1f}ms {cpu:5.1f}ms"
                    f" {body / 1000:7.1f}kB"
                    f"  {'met' if met else 'not met'}"
                )
        if missed:
            print(f"\nTarget not met for {len(missed)} of {len(pages)}: {', '.join(missed)}.")
        else:
            print(f"\nTarget met for all {len(pages)} pages.")


if __name__ == "__main__":
    main()
