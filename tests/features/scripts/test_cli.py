"""`anchored scripts` in a real subprocess: build from piped answers, list, rehearse."""

from __future__ import annotations

import json

from tests.support import init_vault, run_cli


def test_add_from_answers_then_list_and_rehearse(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    answers = "You came home late\nanxious\n\nsend a text if you'll be late\nLate nights\n"
    added = run_cli(cli_env, "scripts", "add", stdin=answers)
    assert added.returncode == 0, added.stderr
    words = (
        "When you came home late, I feel anxious. "
        "Would you be willing to send a text if you'll be late?"
    )
    assert words in added.stdout
    assert "Saved as script 1." in added.stdout
    assert "gentle suggestion" not in added.stdout

    rehearsed = run_cli(cli_env, "scripts", "rehearse", "1", stdin="eleven\n6\n")
    assert rehearsed.returncode == 0, rehearsed.stderr
    assert "Take 30 seconds" in rehearsed.stdout
    assert "from 0 to 10" in rehearsed.stdout
    assert "Noted." in rehearsed.stdout

    listed = run_cli(cli_env, "scripts", "list", "--json")
    [script] = json.loads(listed.stdout)
    assert (script["title"], script["kind"], script["words"]) == ("Late nights", "need", words)
    assert [r["felt"] for r in script["rehearsals"]] == [6]


def test_a_boundary_with_blame_gets_a_suggestion_and_crisis_words_the_card(
    cli_env: dict[str, str],
) -> None:
    init_vault(cli_env)
    refused = run_cli(cli_env, "scripts", "add", "--kind", "repair", stdin="\n\n\n\n")
    assert refused.returncode == 2
    assert "Nothing was saved." in refused.stderr
    answers = "you ALWAYS call late\nI want to end my life\n\nstop answering after ten\n\n"
    added = run_cli(cli_env, "scripts", "add", "--kind", "boundary", stdin=answers)
    assert added.returncode == 0, added.stderr
    assert "So I will stop answering after ten." in added.stdout
    assert "Saved as script 1." in added.stdout  # the refused one saved nothing
    assert "A gentle suggestion:" in added.stdout
    assert "Nobody has been alerted" in added.stdout
