"""`anchored joy` in a real subprocess: add lines from standard input, list, pick, did."""

from __future__ import annotations

import json

from tests.support import init_vault, run_cli


def test_add_lines_from_a_pipe_then_list_them(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    added = run_cli(
        cli_env, "joy", "add", "--last-done", "2026-01-05", stdin="Sea swimming\n\nBaking bread\n"
    )
    assert added.returncode == 0, added.stderr
    assert "Added 2 things to your joy list." in added.stdout
    listed = run_cli(cli_env, "joy", "list")
    assert "  1. Sea swimming\n     Last done on 5 Jan 2026\n  2. Baking bread" in listed.stdout
    rows = json.loads(run_cli(cli_env, "joy", "list", "--json").stdout)
    assert rows == [
        {"number": 1, "what": "Sea swimming", "last_done": "2026-01-05"},
        {"number": 2, "what": "Baking bread", "last_done": "2026-01-05"},
    ]


def test_pick_one_then_note_it_done(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    run_cli(cli_env, "joy", "add", "--today", stdin="Tea on the step\n")
    run_cli(cli_env, "joy", "add", stdin="Pottery\n")
    picked = run_cli(cli_env, "joy", "pick")
    assert picked.stdout.startswith("Pottery\nNot noted yet\n"), picked.stdout
    assert "anchored joy did 2" in picked.stdout
    did = run_cli(cli_env, "joy", "did", "2")
    assert did.stdout == "Noted: you did “Pottery” today.\n"
    assert run_cli(cli_env, "joy", "list").stdout.count("Last done today") == 2
    too_far = run_cli(cli_env, "joy", "did", "3")
    assert too_far.returncode == 2
    assert "has 2 things" in too_far.stderr


def test_a_crisis_line_is_saved_and_help_lines_are_printed(cli_env: dict[str, str]) -> None:
    env = {**cli_env, "LC_ALL": "en_GB.UTF-8"}
    init_vault(env)
    result = run_cli(env, "joy", "add", stdin="Walking\nI want to end my life tonight.\n")
    assert result.returncode == 0, result.stderr
    assert "116 123" in result.stdout
    assert "Nobody has been alerted" in result.stdout
    empty = run_cli(env, "joy", "add", stdin="  \n")
    assert empty.returncode == 2
    assert "a few words are enough" in empty.stderr
