"""`anchored wins` in a real subprocess: add from standard input, list (text and JSON)."""

from __future__ import annotations

import json

from tests.support import init_vault, run_cli


def test_add_from_standard_input_then_list(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    added = run_cli(
        cli_env,
        "wins",
        "add",
        "--day",
        "2026-11-20",
        stdin="Plans changed and I stayed calm.\n\nA slow breath and a cup of tea.\n",
    )
    assert added.returncode == 0, added.stderr
    assert "Saved your win (Fri 20 Nov 2026)" in added.stdout
    listed = run_cli(cli_env, "wins", "list")
    assert "2026-11-20 — Plans changed and I stayed calm." in listed.stdout
    assert "It took: A slow breath and a cup of tea." in listed.stdout
    rows = json.loads(run_cli(cli_env, "wins", "list", "--json").stdout)
    assert rows[0]["text"] == "Plans changed and I stayed calm."
    assert rows[0]["took"] == "A slow breath and a cup of tea."


def test_an_empty_win_is_refused_and_crisis_words_bring_help(cli_env: dict[str, str]) -> None:
    env = {**cli_env, "LC_ALL": "en_GB.UTF-8"}
    init_vault(env)
    empty = run_cli(env, "wins", "add", stdin="   \n")
    assert empty.returncode != 0
    assert "empty win is not saved" in empty.stderr
    crisis = run_cli(
        env, "wins", "add", stdin="Got up.\n\nSome nights I wish I could just disappear for good.\n"
    )
    assert crisis.returncode == 0, crisis.stderr
    assert "116 123" in crisis.stdout
