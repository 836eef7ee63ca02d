"""`anchored resilience` in a real subprocess: add with headings from a pipe, list, prompts."""

from __future__ import annotations

import json

from anchored.features.resilience.prompts import load_prompts
from tests.support import init_vault, run_cli

MEMORY = """The week after I moved I knew nobody.
What I did:
Walked to the same café every morning.
What it shows about me: I can build a life from scratch.
"""


def test_add_from_a_pipe_then_list(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    added = run_cli(cli_env, "resilience", "add", stdin=MEMORY)
    assert added.returncode == 0, added.stderr
    assert "Saved. Every one counts." in added.stdout
    assert "Nobody has been alerted" not in added.stdout
    listed = run_cli(cli_env, "resilience", "list").stdout
    assert "The week after I moved I knew nobody.\n" in listed
    assert "What I did: Walked to the same café every morning.\n" in listed
    assert "What it shows about me: I can build a life from scratch.\n" in listed
    (row,) = json.loads(run_cli(cli_env, "resilience", "list", "--json").stdout)
    assert (row["happened"], row["did"], row["shows"]) == (
        "The week after I moved I knew nobody.",
        "Walked to the same café every morning.",
        "I can build a life from scratch.",
    )


def test_an_empty_memory_is_refused_and_a_crisis_one_prints_help(cli_env: dict[str, str]) -> None:
    env = {**cli_env, "LC_ALL": "en_GB.UTF-8"}
    init_vault(env)
    empty = run_cli(env, "resilience", "add", stdin="What I did: kept going\n")
    assert empty.returncode == 2
    assert "Write what happened first" in empty.stderr
    crisis = run_cli(
        env, "resilience", "add", stdin="A hard spring.\nShows: I want to end my life tonight."
    )
    assert crisis.returncode == 0, crisis.stderr
    assert "116 123" in crisis.stdout


def test_prompts_need_no_vault(cli_env: dict[str, str]) -> None:
    result = run_cli(cli_env, "resilience", "prompts")
    assert result.returncode == 0, result.stderr
    assert "Every one counts." in result.stdout
    assert load_prompts().prompts[0].text in result.stdout
