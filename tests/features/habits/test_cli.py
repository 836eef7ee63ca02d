"""`anchored habits` in a real subprocess: add from standard input, list, done and undo
(today or an earlier day, never a day to come), and the help card."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from tests.support import init_vault, run_cli

# The command's own "today": the machine's local day (the child inherits this TZ).
TZ = "Europe/London"


def _env(cli_env: dict[str, str]) -> dict[str, str]:
    env = {**cli_env, "TZ": TZ, "LC_ALL": "en_GB.UTF-8"}
    init_vault(env)
    return env


def _habits(env: dict[str, str]) -> dict[str, object]:
    result = run_cli(env, "habits", "list", "--json")
    assert result.returncode == 0, result.stderr
    listed: dict[str, object] = json.loads(result.stdout)
    return listed


def test_add_from_standard_input_then_mark_days(cli_env: dict[str, str]) -> None:
    env = _env(cli_env)
    text = "A short walk\nWhy: the worry settles.\nSmallest: shoes on.\n"
    added = run_cli(env, "habits", "add", "--often", "3", stdin=text)
    assert added.returncode == 0, added.stderr
    assert "Added habit 1, 3 days a week." in added.stdout
    assert "anchored habits done 1" in added.stdout

    done = run_cli(env, "habits", "done", "1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Done today: A short walk."
    a_week_ago = (datetime.now().date() - timedelta(days=8)).isoformat()
    assert run_cli(env, "habits", "done", "1", "--day", a_week_ago).returncode == 0

    listed = _habits(env)
    (habit,) = listed["habits"]  # type: ignore[misc]
    assert habit["name"] == "A short walk"
    assert habit["smallest"] == "shoes on."
    assert (habit["often"], habit["days_a_week"]) == ("some_days", 3)
    assert habit["done_today"] is True
    assert habit["this_week"] == 1  # the day eight days ago was in an earlier week

    undone = run_cli(env, "habits", "undo", "1")
    assert undone.stdout.strip() == "Not marked done today: A short walk."
    plain = run_cli(env, "habits", "list").stdout
    assert "   1  A short walk" in plain
    assert "3 days a week; not yet today; 0 of 3 this week" in plain
    assert "smallest version: shoes on." in plain


def test_a_day_to_come_an_unknown_habit_and_a_bad_date_change_nothing(
    cli_env: dict[str, str],
) -> None:
    env = _env(cli_env)
    assert run_cli(env, "habits", "add", stdin="Stretch\n").returncode == 0
    tomorrow = (datetime.now().date() + timedelta(days=2)).isoformat()
    future = run_cli(env, "habits", "done", "1", "--day", tomorrow)
    assert future.returncode == 2
    assert "That day hasn't come yet" in future.stderr
    unknown = run_cli(env, "habits", "done", "9")
    assert unknown.returncode == 2
    assert "There is no habit with that number" in unknown.stderr
    bad = run_cli(env, "habits", "done", "1", "--day", "25/11/2026")
    assert bad.returncode == 2
    assert "2026-11-23" in bad.stderr


def test_crisis_words_are_saved_and_the_help_card_printed(cli_env: dict[str, str]) -> None:
    env = _env(cli_env)
    result = run_cli(env, "habits", "add", stdin="A short walk\nWhy: I want to end my life.\n")
    assert result.returncode == 0, result.stderr
    assert "Added habit 1" in result.stdout
    assert "116 123" in result.stdout  # Samaritans, for the country from the locale
    assert "Nobody has been alerted" in result.stdout
    refused = run_cli(env, "habits", "add", "--often", "9", stdin="Walk\n")
    assert refused.returncode == 2
    assert "--often takes daily, weekly" in refused.stderr
