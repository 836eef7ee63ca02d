"""`anchored journal` in a real subprocess: add (with the help card), prompts."""

from __future__ import annotations

from tests.support import init_vault, run_cli


def test_empty_entry_is_refused(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    result = run_cli(cli_env, "journal", "add", "   ")
    assert result.returncode == 2
    assert "empty" in result.stderr


def test_crisis_language_is_saved_and_help_lines_are_printed(cli_env: dict[str, str]) -> None:
    env = {**cli_env, "LC_ALL": "en_GB.UTF-8"}
    init_vault(env)
    result = run_cli(env, "journal", "add", "Some nights I wish I could just disappear for good.")
    assert result.returncode == 0, result.stderr
    assert "Saved" in result.stdout
    assert "116 123" in result.stdout  # Samaritans, for the country from the locale
    assert "Nobody has been alerted" in result.stdout
    # The safety plan, as its manifest offers it to anyone who may need help.
    assert "In Anchored's browser app: Open my safety plan (/safety-plan)" in result.stdout
    assert "disappear for good" in run_cli(env, "journal", "list").stdout


def test_ordinary_entry_prints_no_help_card(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    result = run_cli(cli_env, "journal", "add", "We had a good talk about plans for the weekend.")
    assert result.returncode == 0
    assert "Nobody has been alerted" not in result.stdout


def test_journal_add_answering_a_prompt(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    added = run_cli(cli_env, "journal", "add", "By the sea, mostly.", "--prompt", "tell-your-story")
    assert added.returncode == 0, added.stderr
    assert "answering “Tell your story” (step 1)" in added.stdout
    listed = run_cli(cli_env, "journal", "list").stdout
    assert "— Tell your story" in listed  # the prompt's title, unless --title says otherwise
    assert "(Prompt: Tell your story, step 1)" in listed


def test_journal_add_with_an_unknown_prompt_saves_nothing(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    result = run_cli(cli_env, "journal", "add", "words", "--prompt", "no-such-prompt")
    assert result.returncode == 2
    assert "no guided prompt with that id" in result.stderr
    assert "anchored journal prompts" in result.stderr
    assert "No entries yet" in run_cli(cli_env, "journal", "list").stdout


def test_journal_prompts_lists_ids_by_step(cli_env: dict[str, str]) -> None:
    every = run_cli(cli_env, "journal", "prompts")  # content only: no vault or passphrase needed
    assert every.returncode == 0, every.stderr
    assert "Step 1: Understand the root causes" in every.stdout
    assert "Step 13: " in every.stdout
    assert "  tell-your-story — Tell your story" in every.stdout

    one = run_cli(cli_env, "journal", "prompts", "--step", "3")
    assert one.returncode == 0
    assert "times-you-were-resilient — Times you were resilient" in one.stdout
    assert "tell-your-story" not in one.stdout
    assert "anchored journal add --prompt ID" in one.stdout

    wrong = run_cli(cli_env, "journal", "prompts", "--step", "14")
    assert wrong.returncode == 2
    assert "less than or equal to 13" in wrong.stderr
