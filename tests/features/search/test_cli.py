"""`anchored search` in a real subprocess: ranked results, marked matches, kind messages."""

from __future__ import annotations

import pytest

from tests.support import init_vault, run_cli


@pytest.fixture
def vault_env(cli_env: dict[str, str]) -> dict[str, str]:
    init_vault(cli_env)
    return cli_env


def _add(env: dict[str, str], text: str, *args: str) -> None:
    result = run_cli(env, "journal", "add", text, *args)
    assert result.returncode == 0, result.stderr


def test_results_best_first_with_matches_marked(vault_env: dict[str, str]) -> None:
    _add(vault_env, "A long day of errands, meetings and a late bus; a bit lonely at the end.")
    _add(vault_env, "Lonely again, lonely all evening.", "--title", "Lonely")
    _add(vault_env, "A calm walk by the river.")

    result = run_cli(vault_env, "search", "lonely")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("2 results for “lonely”")
    assert "Journal · " in out
    assert out.index("· Lonely\n") < out.index("A long day of errands")
    # Not a terminal: matches between «», so they stand out in a file or a pipe too.
    assert "«Lonely» again, «lonely» all evening." in out
    assert "river" not in out


def test_several_words_and_the_limit(vault_env: dict[str, str]) -> None:
    for i in range(3):
        _add(vault_env, f"texting late, night {i}")
    result = run_cli(vault_env, "search", "late", "texting", "--limit", "2")
    assert result.returncode == 0, result.stderr
    assert "3 results for “late texting” (the best 2 shown; use --limit for more)" in result.stdout
    assert result.stdout.count("Journal · ") == 2


def test_no_results_is_said_kindly(vault_env: dict[str, str]) -> None:
    _add(vault_env, "a quiet day")
    result = run_cli(vault_env, "search", "thunderstorm")
    assert result.returncode == 0
    assert "No results for “thunderstorm”" in result.stdout
    assert "try fewer words" in result.stdout


@pytest.mark.parametrize(
    ("query", "found"),
    [('"', None), ("()", None), ("NEAR(", True), ("a AND", False), ("it's", True)],
)
def test_punctuation_never_fails(vault_env: dict[str, str], query: str, found: bool | None) -> None:
    _add(vault_env, "it's near a quiet day")
    result = run_cli(vault_env, "search", "--", query)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    # Searched as plain words: the entry, no results, or (with no words at all) a request
    # for one; never an error about the query.
    assert ("Type a word or two" in result.stdout) == (found is None)
    assert ("1 result for" in result.stdout) == (found is True)
    assert ("No results for" in result.stdout) == (found is False)
    # Nothing changed: the entry is still found by its words.
    assert "1 result for “quiet”" in run_cli(vault_env, "search", "quiet").stdout


def test_words_from_standard_input_stay_off_the_command_line(vault_env: dict[str, str]) -> None:
    _add(vault_env, "a quiet day")
    typed_after = run_cli(vault_env, "search", "quiet")
    assert "can be seen by other people on this computer" in typed_after.stderr
    piped = run_cli(vault_env, "search", stdin="quiet\n")
    assert piped.returncode == 0, piped.stderr
    assert "1 result for “quiet”" in piped.stdout
    assert "can be seen by other people" not in piped.stderr
    assert "1 result for “quiet”" in run_cli(vault_env, "search", "-", stdin="quiet").stdout


def test_a_query_without_words_asks_for_one(vault_env: dict[str, str]) -> None:
    result = run_cli(vault_env, "search", '"')
    assert result.returncode == 0
    assert "Type a word or two" in result.stdout


def test_an_over_long_query_is_refused_plainly(vault_env: dict[str, str]) -> None:
    result = run_cli(vault_env, "search", "w" * 201)
    assert result.returncode == 2
    assert "200 characters" in result.stderr
    assert "www" not in result.stderr
    assert "Traceback" not in result.stderr


def test_search_has_help(cli_env: dict[str, str]) -> None:
    result = run_cli(cli_env, "search", "--help")
    assert result.returncode == 0
    assert "Usage: anchored search" in result.stdout
    assert "--limit" in result.stdout


def test_an_emoji_is_searched_for(vault_env: dict[str, str]) -> None:
    _add(vault_env, "Made up at dinner ❤️")
    _add(vault_env, "A calm walk by the river.")
    result = run_cli(vault_env, "search", "❤️")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 result for “❤️”")
    assert "«❤️»" in result.stdout
