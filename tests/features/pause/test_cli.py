"""`anchored pause` in a real subprocess, answers on standard input, saved in the real vault."""

from __future__ import annotations

import codecs
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from anchored.core.owner import PERSONAL_OWNER
from anchored.features.pause.models import PauseEpisode
from anchored.storage.vault import Vault
from tests.support import PASSPHRASE, init_vault

# Runs the real console entry point with `pause` registered (as src/anchored/cli/__init__.py
# does once it lists the command), so these tests pass before and after that line is added.
RUN = """
import sys
from anchored.cli.app import app, main
from anchored.features.pause.cli import pause
if not any(c.name == "pause" or c.callback is pause for c in app.registered_commands):
    app.command("pause")(pause)
sys.argv[0] = "anchored"
main()
"""
MARKER = "CLI held-message marker: a lighthouse keeps its own counsel 93b4c2"


def command(*args: str) -> list[str]:
    return [sys.executable, "-c", RUN, "pause", *args]


def run_pause(env: dict[str, str], *args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(*args),
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,
        check=False,
    )


def answers(*lines: str) -> str:
    return "".join(f"{line}\n" for line in lines)


@pytest.fixture
def vault_env(cli_env: dict[str, str]) -> dict[str, str]:
    init_vault(cli_env)
    return cli_env


def episodes(data_dir: Path) -> list[PauseEpisode]:
    opened = Vault(data_dir).unlock(PASSPHRASE)
    try:
        with opened.session() as session:
            return list(
                session.query(PauseEpisode).where(PauseEpisode.owner_id == PERSONAL_OWNER.id)
            )
    finally:
        opened.lock()


def test_a_whole_pause_from_standard_input(vault_env: dict[str, str], data_dir: Path) -> None:
    result = run_pause(
        vault_env,
        "--minutes",
        "5",
        stdin=answers(
            "7",  # urge before
            "No reply since lunch",  # what happened
            "Why are you ignoring me?",  # the held message
            "",  # Enter: end the timer early
            "3",  # urge after
            "3",  # don't send it
            "Went for a walk instead",  # note
        ),
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Breathe in 4 … hold 4 … out 6." in out
    assert "5 things you can see" in out
    assert "5 minutes left" in out
    assert "Timer ended early" in out
    assert "The message you held:\n  Why are you ignoring me?" in out
    assert "Urge: 7 → 3 (out of 10)" in out
    assert "Saved. You paused for" in out
    assert "Before anything else" not in out
    [saved] = episodes(data_dir)
    assert saved.status == "finished"
    assert saved.planned_minutes == 5
    assert (saved.urge_before, saved.urge_after) == (7, 3)
    assert saved.what_happened == "No reply since lunch"
    assert saved.held_message == "Why are you ignoring me?"
    assert saved.decision == "not_sent"
    assert saved.note == "Went for a walk instead"
    assert saved.ended_at is not None
    assert saved.ends_at <= saved.ended_at  # ended early: the timer stopped first


def test_a_wrong_urge_is_asked_again(vault_env: dict[str, str], data_dir: Path) -> None:
    result = run_pause(
        vault_env,
        "--minutes",
        "5",
        stdin=answers("11", "-1", "4", "", "", "", "12", "2", "not_sent", ""),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Choose a number from 0 (no urge at all) to 10") == 3
    [saved] = episodes(data_dir)
    assert (saved.urge_before, saved.urge_after, saved.decision) == (4, 2, "not_sent")


def test_a_changed_message_is_kept_and_shown_to_copy(
    vault_env: dict[str, str], data_dir: Path
) -> None:
    stdin = answers("9", "", "You never listen", "", "5", "2", "I felt unheard today.", "")
    result = run_pause(vault_env, "--minutes", "5", stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert "Your message, to copy (Anchored never sends anything):\nI felt unheard today." in (
        result.stdout
    )
    [saved] = episodes(data_dir)
    assert saved.decision == "sent_changed"
    assert (saved.held_message, saved.final_message) == (
        "You never listen",
        "I felt unheard today.",
    )


def test_crisis_language_prints_the_help_card(vault_env: dict[str, str]) -> None:
    stdin = answers("8", "Everyone would be better off without me.", "", "", "", "", "")
    result = run_pause(vault_env, "--minutes", "5", stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert "Before anything else" in result.stdout
    assert "Nobody has been alerted" in result.stdout


def test_only_the_offered_lengths(vault_env: dict[str, str]) -> None:
    result = run_pause(vault_env, "--minutes", "7", stdin="")
    assert result.returncode == 2
    assert "Choose 5, 10, 20 or 30 minutes." in result.stderr
    assert "Traceback" not in result.stderr


def test_the_held_message_never_reaches_the_disk_in_plain_text(
    vault_env: dict[str, str], data_dir: Path
) -> None:
    stdin = answers("6", MARKER, MARKER, "", "2", "4", MARKER)
    assert run_pause(vault_env, "--minutes", "5", stdin=stdin).returncode == 0
    assert episodes(data_dir)[0].held_message == MARKER
    needles = [MARKER.encode("utf-8"), MARKER.encode("utf-16-le"), b"lighthouse", b"93b4c2"]
    for path in (p for p in data_dir.rglob("*") if p.is_file()):
        content = path.read_bytes()
        for needle in needles:
            assert needle not in content, f"{needle!r} found in {path.name}"


# -- Ctrl+C -----------------------------------------------------------------------------------


@pytest.fixture
def live_pause(
    vault_env: dict[str, str],
) -> Iterator[tuple[subprocess.Popen[bytes], queue.Queue[str]]]:
    process = subprocess.Popen(
        command("--minutes", "5"),
        env=vault_env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    chunks: queue.Queue[str] = queue.Queue()

    def read() -> None:
        # Chunks, not lines: a question waits for its answer on the line it is asked on.
        assert process.stdout is not None
        decode = codecs.getincrementaldecoder("utf-8")().decode
        while data := os.read(process.stdout.fileno(), 4096):
            chunks.put(decode(data))

    threading.Thread(target=read, daemon=True).start()
    try:
        yield process, chunks
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def wait_for(chunks: queue.Queue[str], text: str, seen: list[str], timeout: float = 30) -> None:
    """Wait until ``text`` has appeared in the output (``seen`` keeps what came so far)."""
    deadline = time.monotonic() + timeout
    while text not in "".join(seen):
        try:
            seen.append(chunks.get(timeout=max(0.01, deadline - time.monotonic())))
        except queue.Empty:
            pytest.fail(f"{text!r} did not appear; output so far:\n{''.join(seen)}")


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT")
def test_ctrl_c_ends_the_timer_then_stops_without_losing_anything(
    live_pause: tuple[subprocess.Popen[bytes], queue.Queue[str]], data_dir: Path
) -> None:
    process, chunks = live_pause
    seen: list[str] = []
    assert process.stdin is not None
    process.stdin.write(answers("8", "He cancelled", "Don't bother coming back").encode())
    process.stdin.flush()
    wait_for(chunks, "5 minutes left", seen)
    process.send_signal(signal.SIGINT)  # during the countdown: ends the timer early
    wait_for(chunks, "Timer ended early", seen)
    wait_for(chunks, "How strong is the urge now?", seen)  # waiting for the answer
    process.send_signal(signal.SIGINT)  # anywhere else: stop without finishing
    assert process.wait(timeout=30) == 130
    wait_for(chunks, "Stopped without finishing. What you wrote is saved.", seen)
    [saved] = episodes(data_dir)
    assert saved.status == "abandoned"
    assert (saved.urge_before, saved.held_message) == (8, "Don't bother coming back")
    assert saved.what_happened == "He cancelled"
    # The timer stopped at the first Ctrl+C, before its five minutes were up.
    assert saved.ended_at is not None
    assert saved.ends_at < saved.started_at + timedelta(minutes=saved.planned_minutes)
    assert saved.ends_at <= saved.ended_at
