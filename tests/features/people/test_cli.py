"""`anchored people` in a real subprocess: add from standard input, list, refusals."""

from __future__ import annotations

import json

from tests.support import init_vault, run_cli

CARD = "Name: Maya\nPhone: 07700 900123\nGood for: listening, When it's about my partner\n"


def test_add_from_standard_input_then_list_plainly_and_as_json(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    added = run_cli(cli_env, "people", "add", stdin=CARD)
    assert added.returncode == 0, added.stderr
    assert "Added Maya to your support people." in added.stdout
    group = run_cli(cli_env, "people", "add", "--group", stdin="Tuesday walking group\n")
    assert group.returncode == 0, group.stderr

    listed = run_cli(cli_env, "people", "list")
    assert listed.returncode == 0, listed.stderr
    assert "1. Maya\n" in listed.stdout
    assert "Phone: 07700 900123" in listed.stdout
    assert "Good for: listening; when it's about my partner" in listed.stdout
    assert "2. Tuesday walking group (a group)" in listed.stdout

    rows = json.loads(run_cli(cli_env, "people", "list", "--json").stdout)
    assert [(r["name"], r["kind"]) for r in rows] == [
        ("Maya", "person"),
        ("Tuesday walking group", "group"),
    ]


def test_a_wrong_number_is_refused_and_nothing_is_saved(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    result = run_cli(cli_env, "people", "add", stdin="Name: Sam\nPhone: ring me\n")
    assert result.returncode == 2
    assert "digits, spaces and +" in result.stderr
    assert "ring me" not in result.stderr
    assert "No support people yet" in run_cli(cli_env, "people", "list").stdout


def test_crisis_words_in_a_note_print_the_help_card(cli_env: dict[str, str]) -> None:
    env = {**cli_env, "LC_ALL": "en_GB.UTF-8"}
    init_vault(env)
    result = run_cli(env, "people", "add", stdin="Name: Sam\nNote: I want to end my life.\n")
    assert result.returncode == 0, result.stderr
    assert "Nobody has been alerted" in result.stdout
    assert "In Anchored's browser app: Your secure-base kit (/secure-base)" in result.stdout
