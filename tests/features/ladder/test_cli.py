"""`anchored ladder` in a real subprocess: add from a pipe, refuse harm, record attempts (answers
line by line, numbers as options), list and show (plain and JSON)."""

from __future__ import annotations

import json

from tests.support import init_vault, run_cli

CRISIS = "I want to end my life tonight."


def test_add_attempt_list_and_show(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    hard = run_cli(cli_env, "ladder", "add", "--rating", "80", stdin="A night apart\n")
    assert hard.returncode == 0, hard.stderr
    assert "Added as rung 1." in hard.stdout
    assert "can be seen by other people" not in hard.stderr  # nothing typed after the command
    easy = run_cli(cli_env, "ladder", "add", "--rating", "20", stdin="Phone in a drawer\n")
    assert "Added as rung 2." in easy.stdout

    listed = run_cli(cli_env, "ladder", "list").stdout
    assert listed.index("Phone in a drawer") < listed.index("A night apart")
    assert "Next: Phone in a drawer (anchored ladder attempt 2)" in listed

    answers = "70\n45\n15\nThat I'd panic.\nI read a book.\nThe urge passed.\n"
    done = run_cli(cli_env, "ladder", "attempt", "2", stdin=answers)
    assert done.returncode == 0, done.stderr
    assert "Attempt saved." in done.stdout
    options = ("--predicted", "60", "--peak", "30", "--end", "5")
    again = run_cli(cli_env, "ladder", "attempt", "2", *options, stdin="\n\n\n")
    assert again.returncode == 0, again.stderr

    shown = json.loads(run_cli(cli_env, "ladder", "show", "2", "--json").stdout)
    assert shown["situation"] == "Phone in a drawer"
    assert [(a["predicted"], a["peak"], a["end"]) for a in shown["attempts"]] == [
        (70, 45, 15),
        (60, 30, 5),
    ]
    assert shown["attempts"][0]["learned"] == "The urge passed."
    assert shown["attempts"][1]["learned"] == ""
    plain = run_cli(cli_env, "ladder", "show", "2").stdout
    assert "Keep practising." in plain  # one fall is not yet "getting easier"
    assert "Learned: The urge passed." in plain

    missing = run_cli(cli_env, "ladder", "attempt", "9", *options)
    assert missing.returncode == 2
    assert "no rung with that number" in missing.stderr


def test_a_rung_mentioning_harm_is_refused_with_the_help_card(cli_env: dict[str, str]) -> None:
    env = {**cli_env, "LC_ALL": "en_GB.UTF-8"}
    init_vault(env)
    result = run_cli(env, "ladder", "add", "--rating", "50", stdin=CRISIS)
    assert result.returncode == 1
    assert "This was not added" in result.stderr
    assert "116 123" in result.stdout  # Samaritans, for the country from the locale
    assert "Nobody has been alerted" in result.stdout
    assert "Your ladder is empty." in run_cli(env, "ladder", "list").stdout
