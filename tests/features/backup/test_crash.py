"""Crash safety: real Anchored processes killed with SIGKILL at random moments while they save
(the command line and the browser app), back up and restore. After each kill the vault must
open, every page must pass SQLCipher's and SQLite's checks, and everything reported saved
must be there; a killed backup leaves no half file under its name; a killed restore leaves
the old vault or the new one, whole.

One process start per trial and a seeded RNG (``benchmarks/reliability.py`` is the longer
run). A write is killed at a moment drawn from the time one whole run takes here, so kills
land from before the vault opens to after the commit. A backup or a restore is killed once it
has started on the vault (its first temporary file appears), at a moment drawn from the time
the rest of one such run takes, so kills land on each of its steps and some runs finish.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx2 as httpx
from sqlalchemy import text

from anchored.features.backup import service
from anchored.services.vault import Vault
from tests.features.backup.helpers import bytes_on_disk
from tests.support import PASSPHRASE, ForkedProcess, init_vault, popen_anchored, run_cli

SEED = 20261216
CLI_WRITES = 8
WEB_WRITES = 4  # 12 writers killed in all here; benchmarks/reliability.py runs many more
BACKUPS = 4
RESTORES = 4
TIMEOUT = 60


@dataclass
class Tally:
    trials: int = 0
    killed: int = 0
    finished: int = 0
    saved: list[str] = field(default_factory=list)


Process = subprocess.Popen[str] | ForkedProcess


def _start(env: dict[str, str], *args: str) -> Process:
    """The real command, a process of its own (forked from the tests' fork server, as the
    command a calibration run times with ``run_cli``: see tests.support.popen_anchored)."""
    return popen_anchored(
        env, list(args), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _kill_after(process: Process, seconds: float, tally: Tally) -> bool:
    """SIGKILL after ``seconds`` unless it ended first; True if it finished by itself with 0."""
    tally.trials += 1
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        tally.killed += 1
    process.wait(timeout=TIMEOUT)
    finished = process.returncode == 0
    tally.finished += finished
    return finished


def _started_on_the_vault(process: Process, folder: Path, prefix: str) -> float | None:
    """Wait until a file named ``prefix…`` appears in ``folder`` (the process has started on
    the vault); the time that took, or None if the process ended first."""
    started = time.monotonic()
    while process.poll() is None:
        if any(name.startswith(prefix) for name in os.listdir(folder)):
            return time.monotonic() - started
        time.sleep(0.002)
    return None


def _rest_of_a_run(env: dict[str, str], args: tuple[str, ...], folder: Path, prefix: str) -> float:
    """How long one whole run takes here from its first temporary file to its end."""
    process = _start(env, *args)
    _started_on_the_vault(process, folder, prefix)
    began = time.monotonic()
    process.wait(timeout=TIMEOUT)
    assert process.returncode == 0
    return time.monotonic() - began


def _kill_on_the_vault(
    process: Process,
    folder: Path,
    prefix: str,
    rest: float,
    rng: random.Random,
    tally: Tally,
) -> bool:
    _started_on_the_vault(process, folder, prefix)
    return _kill_after(process, rng.uniform(0, 1.3) * rest, tally)


def _timed_run(env: dict[str, str], *args: str, stdin: str = "") -> float:
    started = time.monotonic()
    result = run_cli(env, *args, stdin=stdin)
    assert result.returncode == 0, result.stderr
    return time.monotonic() - started


def _sound_bodies(data_dir: Path) -> set[str]:
    """The vault opens, every page passes both checks; its journal entries' words."""
    with Vault(data_dir).unlock(PASSPHRASE) as opened:
        report = opened.check_integrity()
        assert report.intact, report
        with opened.session() as session:
            return set(session.execute(text("SELECT body FROM journal_entries")).scalars())


def test_killed_command_line_writes_lose_nothing_reported_saved(
    cli_env: dict[str, str],
) -> None:
    rng = random.Random(SEED)  # noqa: S311 (kill moments)
    init_vault(cli_env)
    data_dir = Path(cli_env["ANCHORED_DATA_DIR"])
    one_run = _timed_run(cli_env, "journal", "add", stdin="calibration")
    tally = Tally(saved=["calibration"])
    for n in range(CLI_WRITES):
        words = f"cliwrite {n} {rng.randrange(10**8)}"
        process = _start(cli_env, "journal", "add")
        assert process.stdin is not None
        process.stdin.write(words)
        process.stdin.close()
        if _kill_after(process, rng.uniform(0.4, 1.3) * one_run, tally):
            tally.saved.append(words)
        assert set(tally.saved) <= _sound_bodies(data_dir), n
    print(f"\ncommand line: {tally}")


@contextmanager
def _server(env: dict[str, str]) -> Iterator[tuple[Process, str, str]]:
    server_env = {k: v for k, v in env.items() if k != "ANCHORED_PASSPHRASE"}
    process = popen_anchored(
        {**server_env, "PYTHONUNBUFFERED": "1"},
        ["serve", "--no-browser", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdout is not None
    base = launch = None
    while base is None or launch is None:
        line = process.stdout.readline()
        if not line:
            break
        if found := re.search(r"Anchored is running at (http://127\.0\.0\.1:\d+)/", line):
            base = found.group(1)
        elif found := re.search(r"\(it works once\): (http://\S+/launch\?token=\S+)", line):
            launch = found.group(1)
    threading.Thread(target=process.stdout.read, daemon=True).start()
    try:
        assert base is not None, "the server did not start"
        assert launch is not None
        yield process, base, launch
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=TIMEOUT)


def test_killed_browser_app_loses_nothing_reported_saved(cli_env: dict[str, str]) -> None:
    rng = random.Random(SEED + 1)  # noqa: S311 (kill moments)
    init_vault(cli_env)
    data_dir = Path(cli_env["ANCHORED_DATA_DIR"])
    tally = Tally()
    for trial in range(WEB_WRITES):
        with _server(cli_env) as (process, base, launch):
            client = httpx.Client(base_url=base, headers={"Origin": base}, timeout=TIMEOUT)
            client.get(launch)
            unlocked = client.post("/unlock", data={"passphrase": PASSPHRASE})
            assert unlocked.status_code == 303, unlocked.status_code
            stop = threading.Event()

            def post(
                client: httpx.Client = client, stop: threading.Event = stop, trial: int = trial
            ) -> None:
                n = 0
                while not stop.is_set():
                    words = f"webwrite {trial}-{n} {rng.randrange(10**8)}"
                    n += 1
                    try:
                        sent = client.post("/journal/new", data={"body": words})
                    except httpx.HTTPError:
                        return  # killed mid-request: never reported saved
                    if sent.status_code == 303:
                        tally.saved.append(words)

            poster = threading.Thread(target=post)
            poster.start()
            _kill_after(process, rng.uniform(0.05, 1.0), tally)
            stop.set()
            poster.join(timeout=TIMEOUT)
            client.close()
        assert set(tally.saved) <= _sound_bodies(data_dir), trial
    print(f"\nbrowser app: trials {tally.trials}, saved {len(tally.saved)}")


def test_a_killed_backup_leaves_no_half_file_and_the_vault_sound(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    rng = random.Random(SEED + 2)  # noqa: S311 (kill moments)
    init_vault(cli_env)
    data_dir = Path(cli_env["ANCHORED_DATA_DIR"])
    assert run_cli(cli_env, "journal", "add", stdin="kept in every backup").returncode == 0
    calibration = ("backup", "--out", str(tmp_path / "calibration.anchored"))
    rest = _rest_of_a_run(cli_env, calibration, data_dir, ".backup-")
    tally = Tally()
    for n in range(BACKUPS):
        out = tmp_path / f"b{n}.anchored"
        process = _start(cli_env, "backup", "--out", str(out))
        _kill_on_the_vault(process, data_dir, ".backup-", rest, rng, tally)
        if out.exists():
            assert service.read_backup(out).size > 0  # whole: its checksum matches
        else:
            assert process.returncode != 0
        assert _sound_bodies(data_dir) == {"kept in every backup"}
        assert b"kept in every backup" not in bytes_on_disk(tmp_path)  # half files too
    # A half-made file of a killed backup is never a backup's name; the next one tidies up.
    assert run_cli(cli_env, "backup", "--out", str(tmp_path / "last.anchored")).returncode == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert [p.name for p in data_dir.iterdir() if p.name.startswith(".")] == []
    print(f"\nbackups: {tally}")


def test_a_killed_restore_leaves_the_old_vault_or_the_new_one_whole(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    rng = random.Random(SEED + 3)  # noqa: S311 (kill moments)
    init_vault(cli_env)
    data_dir = Path(cli_env["ANCHORED_DATA_DIR"])
    assert run_cli(cli_env, "journal", "add", stdin="first").returncode == 0
    first = tmp_path / "first.anchored"
    assert run_cli(cli_env, "backup", "--out", str(first)).returncode == 0
    assert run_cli(cli_env, "journal", "add", stdin="second").returncode == 0
    second = tmp_path / "second.anchored"
    assert run_cli(cli_env, "backup", "--out", str(second)).returncode == 0
    states = {first: {"first"}, second: {"first", "second"}}
    now = second
    rest = _rest_of_a_run(cli_env, ("restore", str(first), "--yes"), data_dir, ".restore-")
    now = first
    tally = Tally()
    for n in range(RESTORES):
        target = second if now == first else first
        process = _start(cli_env, "restore", str(target), "--yes")
        finished = _kill_on_the_vault(process, data_dir, ".restore-", rest, rng, tally)
        bodies = _sound_bodies(data_dir)
        assert bodies in (states[now], states[target]), n
        if finished:
            assert bodies == states[target], n
        now = target if bodies == states[target] else now
        assert not (data_dir / ".before-restore").exists()
    print(f"\nrestores: {tally}")
