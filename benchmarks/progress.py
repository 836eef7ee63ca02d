"""Ten years of use: how fast are /progress, the weekly review and each insight?

Builds the ten years of ``benchmarks/history.py`` (3,650 check-ins, 2,000 journal entries,
1,000 thought records), adds ten years of pauses (about 1,800), reassurance taps (about
18,000), trigger log entries (about 900), signs-of-progress ratings, a GAD-7 and a PHQ-9
(one of each every two weeks), 10 habits (each done on about half the days), 5 exposure
ladders (four rungs each, an attempt about once a week) and wins (about two a week), all
through the app's own service functions. Then it unlocks the vault in the real web app and
requests the progress pages many times, and calls each feature's insights hook directly,
printing the median and 95th percentile time. The target on the reference 2-core machine is
a 95th percentile under 100 ms for each.

Run it with ``.venv/bin/python benchmarks/progress.py [--runs 40]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).parent))

from anchored.core.owner import PERSONAL_OWNER
from anchored.features import FEATURES
from anchored.features.habits import service as habits
from anchored.features.ladder import service as ladder
from anchored.features.pause import service as pauses
from anchored.features.progress import service as progress
from anchored.features.reassurance import service as tracker
from anchored.features.self_checks import service as self_checks
from anchored.features.trigger_log import service as trigger_log
from anchored.features.wins import service as wins
from anchored.manifest import Registry
from anchored.settings import Settings
from anchored.storage.vault import Vault
from anchored.web.app import create_app
from anchored.web.state import AppState
from history import PASSPHRASE, SEED, Timed, fill, measure

PORT = 8766
TARGET_MS = 100.0
DAYS = 3650
BATCH = 250
HABITS = 10
LADDERS = 5
DECISIONS = ("not_sent", "sent_changed", "sent_as_is", "something_else")


def fill_progress(session_for: Callable[[], Session], rng: random.Random, now: datetime) -> None:
    """Pauses, taps, trigger log entries, signs ratings, self-checks, habit days, ladder
    attempts and wins for the ten years up to ``now``."""
    start = now - timedelta(days=DAYS)
    began = time.perf_counter()
    with session_for() as session:
        tracker.ensure_builtins(session, PERSONAL_OWNER)
        behaviours = [b.id for b in tracker.list_behaviours(session, PERSONAL_OWNER)]
        habit_ids = [
            habits.add_habit(session, PERSONAL_OWNER, habits.HabitInput(f"Habit {n}"), now=start).id
            for n in range(1, HABITS + 1)
        ]
        rungs = [
            ladder.add_rung(session, PERSONAL_OWNER, f"Ladder {n}, rung {r}", 20 * r, now=start).id
            for n in range(1, LADDERS + 1)
            for r in range(1, 5)
        ]
    counts = {
        "pauses": 0,
        "taps": 0,
        "triggers": 0,
        "ratings": 0,
        "self-checks": 0,
        "habit days": 0,
        "attempts": 0,
        "wins": 0,
    }
    for first in range(0, DAYS, BATCH):
        with session_for() as session:
            for day in range(first, min(first + BATCH, DAYS)):
                at = start + timedelta(
                    days=day, hours=rng.randint(8, 23), minutes=rng.randint(0, 59)
                )
                for _ in range(rng.randint(0, 9)):
                    kind = "urge" if rng.random() < 0.6 else "act"
                    moment = at + timedelta(minutes=rng.randint(-400, 60))
                    tracker.record(
                        session, PERSONAL_OWNER, rng.choice(behaviours), kind, now=moment
                    )
                    counts["taps"] += 1
                if rng.random() < 0.5:
                    episode, _new = pauses.start_pause(session, PERSONAL_OWNER, now=at)
                    pauses.save_progress(
                        session, PERSONAL_OWNER, episode.id, now=at, urge_before=rng.randint(4, 10)
                    )
                    pauses.finish_pause(
                        session,
                        PERSONAL_OWNER,
                        episode.id,
                        now=at + timedelta(minutes=20),
                        urge_after=rng.randint(0, 8),
                        decision=rng.choice(DECISIONS),
                    )
                    counts["pauses"] += 1
                if rng.random() < 0.25:
                    text = trigger_log.TriggerText(
                        "No reply all evening.",
                        new_response="Waited and wrote it down." if rng.random() < 0.5 else "",
                    )
                    trigger_log.add_entry(session, PERSONAL_OWNER, text, now=at)
                    counts["triggers"] += 1
                if day % 14 == 0:
                    scores = {slug: rng.randint(0, 10) for slug in ("calmer", "openness")}
                    progress.add_rating(session, PERSONAL_OWNER, scores, now=at, when=at)
                    counts["ratings"] += 1
                    for instrument_id, items in (("gad7", 7), ("phq9", 9)):
                        answers = {n: rng.randint(0, 3) for n in range(1, items + 1)}
                        self_checks.take(session, PERSONAL_OWNER, instrument_id, answers, now=at)
                        counts["self-checks"] += 1
                for habit_id in habit_ids:
                    if rng.random() < 0.5:
                        habits.mark_day(
                            session, PERSONAL_OWNER, habit_id, at.date(), done=True, now=at
                        )
                        counts["habit days"] += 1
                if rng.random() < 1 / 7:
                    predicted = rng.randint(30, 90)
                    attempt = ladder.AttemptInput(
                        predicted, max(0, predicted - rng.randint(-10, 40)), 10, at.date()
                    )
                    ladder.add_attempt(session, PERSONAL_OWNER, rng.choice(rungs), attempt, now=at)
                    counts["attempts"] += 1
                if rng.random() < 2 / 7:
                    wins.add_win(session, PERSONAL_OWNER, "Waited an hour.", day=at.date(), now=at)
                    counts["wins"] += 1
    summary = ", ".join(f"{n} {what}" for what, n in counts.items())
    print(f"  {summary}: {time.perf_counter() - began:6.1f} s", flush=True)


def time_insights(session_for: Callable[[], Session], runs: int) -> list[tuple[str, float, float]]:
    """Median and p95 ms of each feature's insights hook, called directly."""
    registry = Registry(FEATURES)
    results = []
    for feature, hook in registry.progress_hooks("insights"):
        times = []
        for _ in range(runs + 1):
            with session_for() as session:
                began = time.perf_counter()
                hook(session, PERSONAL_OWNER, now=datetime.now(UTC), zone=None)
                times.append((time.perf_counter() - began) * 1000)
        times = sorted(times[1:])
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        results.append((feature.name, statistics.median(times), p95))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40, help="requests per page (default 40)")
    parser.add_argument("--keep", type=Path, help="build the vault in this folder and keep it")
    parser.add_argument(
        "--vault", type=Path, help="measure a vault built before with --keep (no rebuilding)"
    )
    args = parser.parse_args()

    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = args.vault or args.keep or Path(scratch) / "vault"
        if args.vault is None:
            print(f"Writing ten years of daily use into an encrypted vault ({data_dir}):")
            opened, _recovery = Vault(data_dir).create(PASSPHRASE, "fast")
        else:
            opened = Vault(data_dir).unlock(PASSPHRASE)
        rng = random.Random(SEED)
        try:
            if args.vault is None:
                fill(opened.session, rng)
                fill_progress(opened.session, rng, datetime.now(UTC))
            print("\nEach insights hook, called directly (target p95 < 100 ms):")
            worst = 0.0
            for name, median, p95 in time_insights(opened.session, args.runs):
                worst = max(worst, p95)
                flag = "" if p95 < TARGET_MS else "  over target"
                print(f"  {name:<28} {median:6.1f}ms {p95:6.1f}ms{flag}")
        finally:
            opened.lock()

        settings = Settings(data_dir=data_dir, argon2_profile="fast", idle_lock_minutes=60)
        state = AppState(settings=settings, port=PORT)
        timed = Timed(create_app(settings, PORT, state=state))
        with TestClient(timed, base_url=f"http://127.0.0.1:{PORT}") as client:
            client.get(f"/launch?token={state.launch_token}")
            client.post("/unlock", data={"passphrase": PASSPHRASE})
            if not state.is_unlocked:
                raise SystemExit("could not unlock the vault")
            pages = [
                ("Progress, 12 weeks", "/progress"),
                ("Progress, 52 weeks", "/progress?weeks=52"),
                ("Progress, picked feelings", "/progress?emotion=calm&emotion=lonely"),
                ("Weekly review", "/progress/week"),
                ("Signs of progress", "/progress/signs"),
            ]
            print(f"\nServer time per request, {args.runs} requests each (target p95 < 100 ms):")
            print(f"  {'page':<28} {'median':>8} {'p95':>8} {'CPU':>7}  {'size':>8}")
            for label, path in pages:
                median, p95, cpu, body = measure(client, timed, path, args.runs)
                worst = max(worst, p95)
                flag = "" if p95 < TARGET_MS else "  over target"
                print(
                    f"  {label:<28} {median:6.1f}ms {p95:6.1f}ms {cpu:5.1f}ms"
                    f" {body / 1000:7.1f}kB{flag}"
                )
        verdict = "within" if worst < TARGET_MS else "OVER"
        print(f"\nWorst 95th percentile: {worst:.1f} ms ({verdict} the 100 ms target).")


if __name__ == "__main__":
    main()
