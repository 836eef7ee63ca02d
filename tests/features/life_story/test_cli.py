"""`anchored life-story` in a real subprocess: add from piped answers, list (titles only)."""

from __future__ import annotations

import json

from tests.support import init_vault, run_cli


def test_add_then_list_titles_only_unless_notes_are_asked_for(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    refused = run_cli(cli_env, "life-story", "add", stdin="\n\nNo time given\n\n")
    assert refused.returncode == 2
    assert "Give an age or a year" in refused.stderr
    for answers in ("\n1995\nA new school\n\n", "7\n\nDad moved out\nThe blue car.\n"):
        added = run_cli(cli_env, "life-story", "add", stdin=answers)
        assert added.returncode == 0, added.stderr
        assert "enough for one day" not in added.stdout
    # The third today: enough for one day; and painful words print the help card.
    third = run_cli(
        cli_env, "life-story", "add", stdin="12\n\nA hard year\nI want to end my life\n"
    )
    assert third.returncode == 0, third.stderr
    assert "Nobody has been alerted" in third.stdout
    assert "That's 3 events today, enough for one day." in third.stdout

    listed = run_cli(cli_env, "life-story", "list").stdout
    assert listed.index("Age 7  Dad moved out") < listed.index("Age 12  A hard year")
    assert listed.index("Age 12  A hard year") < listed.index("1995  A new school")
    assert "blue car" not in listed
    assert "end my life" not in listed
    rows = json.loads(run_cli(cli_env, "life-story", "list", "--json", "--notes").stdout)
    assert next((r["age"], r["year"], r["title"], r["note"]) for r in rows) == (
        7,
        None,
        "Dad moved out",
        "The blue car.",
    )
