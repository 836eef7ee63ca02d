"""`anchored journal` in a real subprocess: add (with the help card), prompts."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import subprocess
import sys
import termios
import textwrap
import threading
from pathlib import Path

import pytest

from anchored.cli.writing import memory_folder
from tests.damage import damage_table
from tests.support import init_vault, run_cli


def test_empty_entry_is_refused(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    result = run_cli(cli_env, "journal", "add", "   ")
    assert result.returncode == 2
    assert "empty" in result.stderr


def test_crisis_language_is_saved_and_help_lines_are_printed(cli_env: dict[str, str]) -> None:
    env = {**cli_env, "LC_ALL": "en_GB.UTF-8"}
    init_vault(env)
    result = run_cli(env, "journal", "add", "Some nights I wish I could just disappear for good.")
    assert result.returncode == 0, result.stderr
    assert "Saved" in result.stdout
    assert "116 123" in result.stdout  # Samaritans, for the country from the locale
    assert "Nobody has been alerted" in result.stdout
    # The safety plan, as its manifest offers it to anyone who may need help.
    assert "In Anchored's browser app: Open my safety plan (/safety-plan)" in result.stdout
    assert "disappear for good" in run_cli(env, "journal", "list").stdout


def test_ordinary_entry_prints_no_help_card(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    result = run_cli(cli_env, "journal", "add", "We had a good talk about plans for the weekend.")
    assert result.returncode == 0
    assert "Nobody has been alerted" not in result.stdout


def test_journal_add_answering_a_prompt(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    added = run_cli(cli_env, "journal", "add", "By the sea, mostly.", "--prompt", "tell-your-story")
    assert added.returncode == 0, added.stderr
    assert "answering “Tell your story” (step 1)" in added.stdout
    listed = run_cli(cli_env, "journal", "list").stdout
    assert "— Tell your story" in listed  # the prompt's title, unless --title says otherwise
    assert "(Prompt: Tell your story, step 1)" in listed


def test_journal_add_with_an_unknown_prompt_saves_nothing(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    result = run_cli(cli_env, "journal", "add", "words", "--prompt", "no-such-prompt")
    assert result.returncode == 2
    assert "no guided prompt with that id" in result.stderr
    assert "anchored journal prompts" in result.stderr
    assert "No entries yet" in run_cli(cli_env, "journal", "list").stdout


def test_journal_prompts_lists_ids_by_step(cli_env: dict[str, str]) -> None:
    every = run_cli(cli_env, "journal", "prompts")  # content only: no vault or passphrase needed
    assert every.returncode == 0, every.stderr
    assert "Step 1: Understand the root causes" in every.stdout
    assert "Step 13: " in every.stdout
    assert "  tell-your-story — Tell your story" in every.stdout

    one = run_cli(cli_env, "journal", "prompts", "--step", "3")
    assert one.returncode == 0
    assert "times-you-were-resilient — Times you were resilient" in one.stdout
    assert "tell-your-story" not in one.stdout
    assert "anchored journal add --prompt ID" in one.stdout

    wrong = run_cli(cli_env, "journal", "prompts", "--step", "14")
    assert wrong.returncode == 2
    assert "less than or equal to 13" in wrong.stderr


# -- where the words come from: never the command line unless the person puts them there ----

ENTRY = "Waited an hour for the reply.\nIt came, and it was kind. marker-4410"


def run_in_terminal(
    env: dict[str, str], *args: str, typed: str = ""
) -> tuple[subprocess.CompletedProcess[str], str]:
    """Run `anchored ARGS` at a terminal, as a person at the keyboard would: the terminal is
    standard input (``typed`` is what they type; ^D ends it) and the controlling terminal;
    standard output and error are captured apart. Returns the result and what the terminal
    showed."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "anchored", *args],
        env=env,
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
    )
    os.close(slave)
    shown = bytearray()

    def read_terminal() -> None:
        with contextlib.suppress(OSError):  # EIO once the command has ended
            while chunk := os.read(master, 4096):
                shown.extend(chunk)

    reader = threading.Thread(target=read_terminal, daemon=True)
    reader.start()
    os.write(master, typed.encode())
    try:
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    reader.join(timeout=10)
    os.close(master)
    result = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    return result, shown.decode("utf-8", "replace").replace("\r\n", "\n")


@pytest.fixture
def fake_editor(tmp_path: Path) -> tuple[str, Path]:
    """An editor that writes ENTRY into the file it is given and notes where that file was
    (the path and modes only) in a log."""
    log = tmp_path / "editor.log"
    script = tmp_path / "editor.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import json, os, sys
            path = sys.argv[-1]
            with open(path, "w", encoding="utf-8") as handle:
                handle.write({ENTRY!r})
            with open(path + "~", "w", encoding="utf-8") as handle:  # a backup, as vim's
                handle.write("backup")
            facts = {{
                "path": path,
                "file_mode": os.stat(path).st_mode & 0o777,
                "folder_mode": os.stat(os.path.dirname(path)).st_mode & 0o777,
            }}
            with open({str(log)!r}, "w", encoding="utf-8") as handle:
                json.dump(facts, handle)
            """
        ),
        encoding="utf-8",
    )
    return f"{sys.executable} {script}", log


def _listed(env: dict[str, str]) -> str:
    listed = run_cli(env, "journal", "list")
    assert listed.returncode == 0, listed.stderr
    return listed.stdout


def test_with_no_text_from_a_pipe_the_entry_is_read_from_standard_input(
    cli_env: dict[str, str],
) -> None:
    init_vault(cli_env)
    result = run_cli(cli_env, "journal", "add", "--title", "Piped", stdin=ENTRY)
    assert result.returncode == 0, result.stderr
    assert "Saved" in result.stdout
    assert ENTRY in _listed(cli_env)
    assert "can be seen by other people" not in result.stderr


@pytest.mark.skipif(memory_folder() is None, reason="no memory-backed folder on this system")
def test_with_no_text_at_a_terminal_the_editor_opens_on_a_file_kept_in_memory(
    cli_env: dict[str, str], fake_editor: tuple[str, Path]
) -> None:
    editor, log = fake_editor
    env = {**cli_env, "EDITOR": editor}
    env.pop("VISUAL", None)
    init_vault(env)
    result, _shown = run_in_terminal(env, "journal", "add", "--prompt", "tell-your-story")
    assert result.returncode == 0, result.stderr
    assert "Opening your editor (python" in result.stdout
    assert "Tell your story (step 1)" in result.stdout  # the prompt, to write about
    assert ENTRY in _listed(env)
    facts = json.loads(log.read_text(encoding="utf-8"))
    used = Path(facts["path"])
    assert used.parent.parent == memory_folder()
    assert (facts["folder_mode"], facts["file_mode"]) == (0o700, 0o600)
    assert not used.parent.exists()  # the file and the editor's backup are gone


@pytest.mark.parametrize("args", [[], ["-"]], ids=["no text", "dash"])
def test_with_no_editor_the_entry_is_typed_at_the_terminal(
    cli_env: dict[str, str], args: list[str]
) -> None:
    env = {k: v for k, v in cli_env.items() if k not in {"EDITOR", "VISUAL"}}
    init_vault(env)
    result, _shown = run_in_terminal(env, "journal", "add", *args, typed=ENTRY + "\n\x04")
    assert result.returncode == 0, result.stderr
    assert "press Ctrl+D" in result.stdout
    assert ENTRY in _listed(env)


def test_text_on_the_command_line_still_works_with_a_word_of_caution(
    cli_env: dict[str, str],
) -> None:
    init_vault(cli_env)
    result = run_cli(cli_env, "journal", "add", "Short and public.")
    assert result.returncode == 0, result.stderr
    assert "can be seen by other people on this computer" in result.stderr
    assert "Short and public." in _listed(cli_env)


def test_help_says_why_the_editor_is_safer(cli_env: dict[str, str]) -> None:
    result = run_cli(cli_env, "journal", "add", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "your editor opens" in text
    assert "can be seen by other people on this computer" in text


# -- a damaged database: a plain message, and the words are never lost ------------------------


@pytest.fixture
def damaged_env(cli_env: dict[str, str], data_dir: Path) -> dict[str, str]:
    init_vault(cli_env)
    assert run_cli(cli_env, "journal", "add", "-", stdin="From before.").returncode == 0
    damage_table(data_dir, "journal_entries")
    return cli_env


def _calm_damage(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 2
    assert "could not be read" in result.stderr
    assert "copy your whole data folder" in result.stderr
    assert "Something unexpected" not in result.stderr
    assert "Traceback" not in result.stderr


def test_a_damaged_database_is_explained(damaged_env: dict[str, str]) -> None:
    _calm_damage(run_cli(damaged_env, "journal", "list"))


def test_a_piped_entry_that_cannot_be_saved_is_still_at_its_source(
    damaged_env: dict[str, str],
) -> None:
    result = run_cli(damaged_env, "journal", "add", stdin=ENTRY)
    _calm_damage(result)
    assert "Nothing was saved" in result.stderr
    assert "standard input was not changed" in result.stderr
    assert "marker-4410" not in result.stdout + result.stderr  # not echoed into a log


def test_an_entry_from_the_command_line_that_cannot_be_saved_is_still_there(
    damaged_env: dict[str, str],
) -> None:
    result = run_cli(damaged_env, "journal", "add", "Words in the command.")
    _calm_damage(result)
    assert "still in the command you typed" in result.stderr


def test_a_typed_entry_that_cannot_be_saved_comes_back_on_the_terminal(
    damaged_env: dict[str, str],
) -> None:
    env = {k: v for k, v in damaged_env.items() if k not in {"EDITOR", "VISUAL"}}
    result, shown = run_in_terminal(env, "journal", "add", typed=ENTRY + "\n\x04")
    _calm_damage(result)
    after_typing = shown.split("\x04", 1)[-1] if "\x04" in shown else shown.split(ENTRY, 1)[-1]
    assert "Here is what you wrote, so you can copy it:" in shown
    assert ENTRY in after_typing  # shown again, not only echoed while typing
    assert "marker-4410" not in result.stdout + result.stderr  # only on the terminal


@pytest.mark.skipif(memory_folder() is None, reason="no memory-backed folder on this system")
def test_an_entry_from_the_editor_that_cannot_be_saved_comes_back_on_the_terminal(
    damaged_env: dict[str, str], fake_editor: tuple[str, Path]
) -> None:
    editor, _log = fake_editor
    result, shown = run_in_terminal({**damaged_env, "EDITOR": editor}, "journal", "add")
    _calm_damage(result)
    assert "Here is what you wrote, so you can copy it:" in shown
    assert ENTRY in shown
    assert "marker-4410" not in result.stdout + result.stderr
