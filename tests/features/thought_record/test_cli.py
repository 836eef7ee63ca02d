"""`anchored thought-record` in a real subprocess, answers on standard input, saved in the real
vault; `anchored thought`, the older name, still works."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from anchored.core.owner import PERSONAL_OWNER
from anchored.features.thought_record import service as records
from anchored.features.thought_record.models import ThoughtRecord
from anchored.storage.vault import Vault
from tests.support import PASSPHRASE, init_vault, run_cli

DRAFT = "Saved as a draft; continue in the app or with `anchored thought-record --resume`."
SITUATION = "He read my message at six and still hasn't replied."
THOUGHT = "He is going to leave me."


def answers(*lines: str) -> str:
    return "".join(f"{line}\n" for line in lines)


WHOLE = (
    SITUATION,
    THOUGHT,
    "abandoned 8, Anxious 6",
    "4 6",  # mind reading, catastrophizing
    "No reply for three hours.",
    "He said he loved me this morning.",
    "Busy days happen.",
    "He is often quiet at work and always comes back.",
    "4",
    "3",
)


@pytest.fixture
def vault_env(cli_env: dict[str, str]) -> dict[str, str]:
    init_vault(cli_env)
    return cli_env


def saved(data_dir: Path) -> list[dict[str, object]]:
    opened = Vault(data_dir).unlock(PASSPHRASE)
    try:
        with opened.session() as session:
            found = session.query(ThoughtRecord).order_by(ThoughtRecord.id).all()
            return [
                {
                    "record": record,
                    "changes": [c.short for c in records.emotion_changes(record)],
                    "traps": records.trap_names(session, PERSONAL_OWNER, record),
                    "finished": records.is_finished(record),
                    "resume": records.resume_stage(record),
                }
                for record in found
            ]
    finally:
        opened.lock()


def test_a_whole_thought_record_from_standard_input(
    vault_env: dict[str, str], data_dir: Path
) -> None:
    result = run_cli(vault_env, "thought-record", stdin=answers(*WHOLE))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for number in range(1, 8):
        assert f"Step {number} of 7:" in out
    # The automatic thought is shown again on each of the five steps after it.
    assert out.count(f"Your thought: “{THOUGHT}”") == 5
    assert "Sadness and hurt: Lonely, Abandoned, Rejected" in out
    assert "   4  Mind reading" in out
    assert "Ask yourself: Is this a fact or a feeling?" in out
    assert "Is this a fact or a feeling?" in out
    assert "Abandoned (before: 8), now:" in out
    assert "Finished and saved." in out
    assert "  Abandoned 8 → 4\n  Anxious 6 → 3" in out
    assert "Before anything else" not in out
    [record] = saved(data_dir)
    assert record["finished"]
    assert record["changes"] == ["Abandoned 8 → 4", "Anxious 6 → 3"]
    assert record["traps"] == ["Mind reading", "Catastrophizing"]
    saved_record = record["record"]
    assert isinstance(saved_record, ThoughtRecord)
    assert saved_record.situation == SITUATION
    assert saved_record.friend_view == "Busy days happen."


def test_the_older_name_thought_still_works(vault_env: dict[str, str], data_dir: Path) -> None:
    result = run_cli(vault_env, "thought", stdin=answers(*WHOLE))
    assert result.returncode == 0, result.stderr
    assert "Finished and saved." in result.stdout
    [record] = saved(data_dir)
    assert record["finished"]
    listed = run_cli(vault_env, "thought", "--list")
    assert listed.returncode == 0, listed.stderr
    assert "Finished" in listed.stdout


def test_wrong_answers_are_explained_and_asked_again(
    vault_env: dict[str, str], data_dir: Path
) -> None:
    stdin = answers(
        SITUATION,
        THOUGHT,
        "abandoned 11",
        "heartbroken 5",
        "abandoned 7",
        "99",
        "",
        "",
        "",
        "",
        "Fair enough.",
        "-1",
        "5",
    )
    result = run_cli(vault_env, "thought-record", stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert "Abandoned needs a whole number from 0 to 10." in result.stdout
    assert "“heartbroken” isn't one of the emotion words listed." in result.stdout
    assert "Type numbers from 1 to 12, or press Enter." in result.stdout
    [record] = saved(data_dir)
    assert record["changes"] == ["Abandoned 7 → 5"]
    assert record["traps"] == []


def test_an_own_trap_can_be_added_on_the_way(vault_env: dict[str, str], data_dir: Path) -> None:
    stdin = answers(
        SITUATION,
        THOUGHT,
        "lonely 6",
        "+",
        "Waiting for the other shoe",
        "Expecting the worst after a good day.",
        "",
        "9",
        "",
        "",
        "",
        "Good days can just be good.",
        "4",
    )
    result = run_cli(vault_env, "thought-record", stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert "Added “Waiting for the other shoe”." in result.stdout
    assert "  13  Waiting for the other shoe (your own)" in result.stdout
    [record] = saved(data_dir)
    assert record["traps"] == ["Waiting for the other shoe", "Labeling"]


def test_an_empty_answer_keeps_a_draft_that_resume_finishes(
    vault_env: dict[str, str], data_dir: Path
) -> None:
    stopped = run_cli(vault_env, "thought-record", stdin=answers(*WHOLE[:4], "", "", "", ""))
    assert stopped.returncode == 0, stopped.stderr
    assert DRAFT in stopped.stdout
    [draft] = saved(data_dir)
    assert not draft["finished"]
    assert draft["resume"] == "balanced"

    listed = run_cli(vault_env, "thought-record", "--list")
    assert listed.returncode == 0, listed.stderr
    assert "Drafts" in listed.stdout
    assert f"step 6 of 7 — {THOUGHT}" in listed.stdout

    resumed = run_cli(
        vault_env, "thought-record", "--resume", stdin=answers("Fairer now.", "2", "1")
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"What happened: {SITUATION}" in resumed.stdout
    assert "Step 6 of 7: A balanced thought" in resumed.stdout
    assert "Step 5 of 7" not in resumed.stdout
    assert f"Your thought: “{THOUGHT}”" in resumed.stdout
    assert "Abandoned 8 → 2" in resumed.stdout
    [record] = saved(data_dir)
    assert record["finished"]

    listed = run_cli(vault_env, "thought-record", "--list")
    assert "Finished" in listed.stdout
    assert "Abandoned 8 → 2, Anxious 6 → 1" in listed.stdout


def test_nothing_typed_saves_nothing(vault_env: dict[str, str], data_dir: Path) -> None:
    result = run_cli(vault_env, "thought-record", stdin="")
    assert result.returncode == 0, result.stderr
    assert "Nothing was saved." in result.stdout
    assert saved(data_dir) == []


def test_resume_and_list_with_nothing_yet(vault_env: dict[str, str]) -> None:
    resumed = run_cli(vault_env, "thought-record", "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert "No drafts to continue." in resumed.stdout
    listed = run_cli(vault_env, "thought-record", "--list")
    assert "No thought records yet." in listed.stdout


def test_crisis_language_prints_the_help_card(vault_env: dict[str, str]) -> None:
    stdin = answers(SITUATION, "I want to end my life.", "")
    result = run_cli(vault_env, "thought-record", stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert "Before anything else" in result.stdout
    assert "Nobody has been alerted" in result.stdout
    assert DRAFT in result.stdout


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT")
def test_ctrl_c_keeps_a_draft(vault_env: dict[str, str], data_dir: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "anchored", "thought-record"],
        env=vault_env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in iter(process.stdout.readline, ""):
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    seen: list[str] = []
    try:
        assert process.stdin is not None
        process.stdin.write(answers(SITUATION, THOUGHT))
        process.stdin.flush()
        deadline = time.monotonic() + 30
        while not any("Step 3 of 7" in line for line in seen):
            seen.append(lines.get(timeout=max(0.01, deadline - time.monotonic())))
        process.send_signal(signal.SIGINT)  # while it waits for the emotions
        assert process.wait(timeout=30) == 130
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
    while not lines.empty():
        seen.append(lines.get())
    assert DRAFT in "".join(seen)
    [draft] = saved(data_dir)
    assert draft["resume"] == "emotions"
    record = draft["record"]
    assert isinstance(record, ThoughtRecord)
    assert record.automatic_thought == THOUGHT
