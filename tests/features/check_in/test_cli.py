"""`anchored check-in` in a real subprocess: options, standard input, a terminal, the history."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from anchored.core.owner import PERSONAL_OWNER
from anchored.features.check_in import service as checkin
from anchored.storage.vault import Vault
from tests.support import PASSPHRASE, init_vault, run_cli

CRISIS = "I can't go on like this. I want to end my life."


@pytest.fixture
def vault_env(cli_env: dict[str, str]) -> dict[str, str]:
    init_vault(cli_env)
    return cli_env


def saved(data_dir: Path) -> list[tuple[list[tuple[str, int]], list[tuple[str, bool]], str]]:
    """Every check-in in the vault, oldest first: (emotions, factors, note)."""
    opened = Vault(data_dir).unlock(PASSPHRASE)
    try:
        with opened.session() as session:
            found = checkin.list_check_ins(session, PERSONAL_OWNER)
            return [
                (
                    [(e.emotion, e.intensity) for e in c.emotions],
                    [(f.factor, f.own) for f in c.factors],
                    c.note,
                )
                for c in reversed(found)
            ]
    finally:
        opened.lock()


def own_tags(data_dir: Path) -> list[str]:
    opened = Vault(data_dir).unlock(PASSPHRASE)
    try:
        with opened.session() as session:
            return [f.name for f in checkin.list_own_factors(session, PERSONAL_OWNER)]
    finally:
        opened.lock()


# -- with options ------------------------------------------------------------------------------


def test_a_check_in_from_options(vault_env: dict[str, str], data_dir: Path) -> None:
    result = run_cli(
        vault_env,
        "check-in",
        "--emotion",
        "lonely=7",
        "-e",
        "Anxious",
        "--factor",
        "texting",
        "-f",
        "Time alone",
        "--note",
        "No reply since lunch.",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Saved (")
    assert "Lonely 7/10, Anxious 5/10" in result.stdout
    assert "Played a part: Texting, Time alone" in result.stdout
    assert "Before anything else" not in result.stdout
    assert "can be seen by other people on this computer" in result.stderr  # the note was typed
    assert saved(data_dir) == [
        (
            [("lonely", 7), ("anxious", 5)],
            [("texting", False), ("time-alone", False)],
            "No reply since lunch.",
        )
    ]


def test_the_note_can_come_from_standard_input(vault_env: dict[str, str], data_dir: Path) -> None:
    stdin = "First line.\nSecond line.\n"
    result = run_cli(vault_env, "check-in", "-e", "calm=3", "--note", "-", stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert "can be seen by other people" not in result.stderr
    assert saved(data_dir) == [([("calm", 3)], [], "First line.\nSecond line.")]


def test_an_own_tag_is_added_then_offered(vault_env: dict[str, str], data_dir: Path) -> None:
    first = run_cli(vault_env, "check-in", "-e", "tired=6", "--add-factor", "Night  shifts")
    assert first.returncode == 0, first.stderr
    assert "Played a part: Night shifts" in first.stdout
    second = run_cli(vault_env, "check-in", "-e", "tired=4", "--factor", "night shifts")
    assert second.returncode == 0, second.stderr
    assert own_tags(data_dir) == ["Night shifts"]
    assert [factors for _e, factors, _n in saved(data_dir)] == [[("Night shifts", True)]] * 2
    unknown = run_cli(vault_env, "check-in", "-e", "sad", "--factor", "gym")
    assert "Your own: Night shifts" in unknown.stderr


# -- what is refused ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["-e", "lonley=7"], "“lonley” is not one of the feeling words. Choose from: anxious,"),
        (["-e", "lonely=11"], "Lonely: Use a whole number from 0 (barely there) to 10"),
        (["-e", "lonely=-1"], "Lonely: Use a whole number from 0"),
        (["-e", "lonely=7", "-f", "gym"], "“gym” is not one of your tags. Choose from: partner,"),
        (["-f", "texting"], "Pick at least one feeling, or write a few words in the note."),
        (["--note", "   "], "Pick at least one feeling"),
        (["--note", "x" * 5_001], "A note can be up to 5,000 characters"),
        (["-e", "sad", "--add-factor", "y" * 61], "up to 60 characters"),
    ],
)
def test_bad_input_is_explained_and_nothing_saved(
    vault_env: dict[str, str], data_dir: Path, args: list[str], words: str
) -> None:
    result = run_cli(vault_env, "check-in", *args)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert saved(data_dir) == []
    assert own_tags(data_dir) == []


def test_no_options_and_no_terminal_explains_how(vault_env: dict[str, str], data_dir: Path) -> None:
    result = run_cli(vault_env, "check-in")
    assert result.returncode == 2
    assert "no terminal to ask questions in" in result.stderr
    assert "anchored check-in --emotion lonely=7" in result.stderr
    assert saved(data_dir) == []


def test_crisis_language_prints_the_help_card(vault_env: dict[str, str], data_dir: Path) -> None:
    result = run_cli(vault_env, "check-in", "-e", "empty=9", "--note", CRISIS)
    assert result.returncode == 0, result.stderr
    assert "Before anything else" in result.stdout
    assert "Nobody has been alerted" in result.stdout
    assert len(saved(data_dir)) == 1


# -- recent check-ins --------------------------------------------------------------------------


def test_the_list_shows_recent_check_ins_newest_first(vault_env: dict[str, str]) -> None:
    assert "No check-ins yet." in run_cli(vault_env, "check-in", "--list").stdout
    for n in range(3):
        assert (
            run_cli(vault_env, "check-in", "-e", f"hopeful={n}", "-n", f"note {n}").returncode == 0
        )
    listed = run_cli(vault_env, "check-in", "--list", "--limit", "2")
    assert listed.returncode == 0, listed.stderr
    out = listed.stdout
    assert out.index("Hopeful 2/10") < out.index("note 2") < out.index("Hopeful 1/10")
    assert "note 0" not in out


# -- in a terminal -----------------------------------------------------------------------------


def run_in_terminal(env: dict[str, str], answers: list[str]) -> tuple[int, str]:
    """Run `anchored check-in` with a pseudo-terminal as its input and output."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "anchored", "check-in"],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env={**env, "TERM": "dumb"},
        start_new_session=True,
    )
    os.close(terminal)
    os.write(controller, "".join(f"{a}\n" for a in answers).encode())
    output = b""
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _w, _x = select.select([controller], [], [], 1)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            output += chunk
        code = process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(controller)
    return code, output.decode(errors="replace").replace("\r\n", "\n")


def test_answering_questions_in_a_terminal(vault_env: dict[str, str], data_dir: Path) -> None:
    code, out = run_in_terminal(
        vault_env,
        [
            "lonely 7",  # a word and a number
            "lonley",  # a typo: asked again
            "anxious",  # no number yet ...
            "12",  # ... off the scale: asked again
            "jealous",
            "",  # Enter: 5
            "",  # done with feelings
            "texting, time alone, Gym",
            "y",  # yes, add Gym
            "He went quiet after lunch.",
        ],
    )
    assert code == 0, out
    assert "Which feelings are here right now?" in out
    assert "Lonely, 7 out of 10." in out
    assert "That isn't one of the words." in out
    assert "Use a whole number from 0" in out
    assert "Jealous, 5 out of 10." in out
    assert "“Gym” is new." in out
    assert "Saved (" in out
    assert saved(data_dir) == [
        (
            [("lonely", 7), ("jealous", 5)],
            [("texting", False), ("time-alone", False), ("Gym", True)],
            "He went quiet after lunch.",
        )
    ]


def test_nothing_answered_saves_nothing(vault_env: dict[str, str], data_dir: Path) -> None:
    code, out = run_in_terminal(vault_env, ["", "", ""])
    assert code == 0, out
    assert "Nothing to save this time, and that's all right." in out
    assert saved(data_dir) == []


def test_check_ins_are_counted_in_status(vault_env: dict[str, str]) -> None:
    assert run_cli(vault_env, "check-in", "-e", "calm=2").returncode == 0
    status = run_cli(vault_env, "status", "--unlock")
    assert status.returncode == 0, status.stderr
    assert "check-ins: 1" in status.stdout


def test_the_older_name_checkin_still_works(vault_env: dict[str, str], data_dir: Path) -> None:
    result = run_cli(vault_env, "checkin", "-e", "calm=2", "--note", "By its old name.")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Saved (")
    assert saved(data_dir) == [([("calm", 2)], [], "By its old name.")]
    listed = run_cli(vault_env, "--help").stdout
    assert "check-in" in listed
    assert re.search(r"\bcheckin\b", listed) is None  # kept working, not listed
