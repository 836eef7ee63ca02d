"""`anchored progress` in a real subprocess: rate, list, the week, insights."""

from __future__ import annotations

import json

from tests.support import init_vault, run_cli


def test_rate_then_list_and_the_week(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    saved = run_cli(
        cli_env,
        "progress",
        "rate",
        "--sign",
        "calmer=6",
        "-s",
        "openness=3",
        "--note",
        stdin="Waited before texting twice.",
    )
    assert saved.returncode == 0, saved.stderr
    assert "Saved: Calmer in relationships 6, Openness rather than fear 3." in saved.stdout
    listed = run_cli(cli_env, "progress", "list", "--json")
    (rating,) = json.loads(listed.stdout)
    assert rating["scores"] == {"calmer": 6, "openness": 3}
    assert rating["note"] == "Waited before texting twice."
    week = run_cli(cli_env, "progress", "week")
    assert week.returncode == 0, week.stderr
    assert "You rated the signs of progress." in week.stdout
    assert "No check-ins this week yet." in week.stdout


def test_a_wrong_rating_or_no_terminal_saves_nothing_and_says_why(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    wrong = run_cli(cli_env, "progress", "rate", "--sign", "calmer=11")
    assert wrong.returncode != 0
    assert "Choose a whole number from 0 to 10" in wrong.stderr
    asking = run_cli(cli_env, "progress", "rate")
    assert asking.returncode != 0
    assert "no terminal to ask in" in asking.stderr


def test_a_crisis_sentence_in_the_note_prints_the_help_card(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    result = run_cli(
        cli_env, "progress", "rate", "-s", "calmer=1", "--note", stdin="I want to end my life."
    )
    assert result.returncode == 0, result.stderr
    assert "Before anything else" in result.stdout
