"""`anchored suggest` in a real process (each test starts one, so they are few)."""

from __future__ import annotations

import json

from tests.support import run_cli

THOUGHT = "He hasn't answered in three hours, he must be bored of me"


def test_suggest_json_lists_mind_reading_or_fortune_telling(cli_env: dict[str, str]) -> None:
    result = run_cli(cli_env, "suggest", THOUGHT, "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert set(found) == {"crisis", "traps", "emotions"}
    assert found["crisis"] == []
    assert {"mind-reading", "fortune-telling"} & {t["slug"] for t in found["traps"]}
    assert "Before anything else" not in result.stderr


def test_crisis_words_the_rules_miss_bring_the_help_card_from_stdin(
    cli_env: dict[str, str],
) -> None:
    words = "I walked to the top of the car park and looked over the edge for ages."
    result = run_cli(cli_env, "suggest", "--json", stdin=words)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["crisis"]
    assert "Before anything else" in result.stderr
    plain = run_cli(cli_env, "suggest", stdin=words)
    assert "Before anything else" in plain.stdout
    assert "Thinking traps" not in plain.stdout
