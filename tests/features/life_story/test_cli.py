"""`anchored life-story` in a real subprocess: add from piped answers, list (titles only)."""

from __future__ import annotations

import json

from tests.support import init_vault, run_cli


def test_add_then_list_titles_only_unless_notes_are_asked_for(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    assert "Your timeline is empty." in run_cli(cli_env, "life-story", "list").stdout
    for answers in ("\n1995\nA new school\n\n", "7\n\nDad moved out\nThe blue car.\n"):
        added = run_cli(cli_env, "life-story", "add", stdin=answers)
        assert added.returncode == 0, added.stderr
    listed = run_cli(cli_env, "life-story", "list").stdout
    assert listed.index("Age 7  Dad moved out") < listed.index("1995  A new school")
    assert "blue car" not in listed
    assert "The blue car." in run_cli(cli_env, "life-story", "list", "--notes").stdout
    rows = json.loads(run_cli(cli_env, "life-story", "list", "--json").stdout)
    assert [(r["age"], r["year"], r["title"]) for r in rows] == [
        (7, None, "Dad moved out"),
        (None, 1995, "A new school"),
    ]
    assert all("note" not in r for r in rows)


def test_a_third_event_today_says_enough_and_crisis_words_print_the_card(
    cli_env: dict[str, str],
) -> None:
    init_vault(cli_env)
    refused = run_cli(cli_env, "life-story", "add", stdin="\n\nNo time given\n\n")
    assert refused.returncode == 2
    assert "Give an age or a year" in refused.stderr
    run_cli(cli_env, "life-story", "add", stdin="3\n\nOne\n\n")
    run_cli(cli_env, "life-story", "add", stdin="4\n\nTwo\n\n")
    third = run_cli(cli_env, "life-story", "add", stdin="5\n\nThree\nI want to end my life\n")
    assert third.returncode == 0, third.stderr
    assert "Nobody has been alerted" in third.stdout
    assert "enough for one day" in third.stdout
