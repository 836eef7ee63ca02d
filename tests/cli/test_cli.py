"""The real `anchored` command, run as a subprocess the way a person or script runs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from anchored.storage import migrate
from tests.support import PASSPHRASE, init_vault, run_cli

MARKER = "Marker: the blue heron waited by the quiet pond 7f3a9c"


def test_init_add_list_round_trip(cli_env: dict[str, str]) -> None:
    """From a fresh interpreter each time (the other tests fork theirs from one that has
    done the imports: tests/cli_forkserver.py)."""
    initialised = run_cli(cli_env, "init", cold=True)
    assert initialised.returncode == 0, initialised.stderr
    added = run_cli(cli_env, "journal", "add", "Today I paused before texting.", cold=True)
    assert added.returncode == 0, added.stderr
    assert "Saved" in added.stdout
    piped = run_cli(
        cli_env, "journal", "add", "-", "--title", "Evening", stdin="From a pipe.\n", cold=True
    )
    assert piped.returncode == 0, piped.stderr
    listed = run_cli(cli_env, "journal", "list", cold=True)
    assert listed.returncode == 0
    assert listed.stdout.index("From a pipe.") < listed.stdout.index("Today I paused")
    assert "Evening" in listed.stdout


def test_no_plaintext_anywhere_under_the_data_directory(
    cli_env: dict[str, str], data_dir: Path
) -> None:
    init_vault(cli_env)
    assert run_cli(cli_env, "journal", "add", MARKER).returncode == 0
    assert run_cli(cli_env, "journal", "add", "-", stdin=MARKER + " (again)").returncode == 0
    # The marker really is in the vault...
    assert MARKER in run_cli(cli_env, "journal", "list").stdout
    # ...and in no file on disk, in any common encoding.
    needles = [
        MARKER.encode("utf-8"),
        MARKER.encode("utf-16-le"),
        b"blue heron",
        PASSPHRASE.encode("utf-8"),
    ]
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"anchored.db", "vault.json"}
    for path in files:
        content = path.read_bytes()
        for needle in needles:
            assert needle not in content, f"{needle!r} found in {path.name}"


def test_wrong_passphrase_exits_2_with_a_message(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    result = run_cli({**cli_env, "ANCHORED_PASSPHRASE": "not my passphrase"}, "journal", "list")
    assert result.returncode == 2
    assert "does not open this vault" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_no_vault_says_how_to_create_one(cli_env: dict[str, str]) -> None:
    result = run_cli(cli_env, "journal", "list")
    assert result.returncode == 2
    assert "anchored init" in result.stderr
    assert "Traceback" not in result.stderr


def test_status_without_a_vault(cli_env: dict[str, str], data_dir: Path) -> None:
    result = run_cli(cli_env, "status")
    assert result.returncode == 0
    assert str(data_dir) in result.stdout
    assert "none yet" in result.stdout


def test_status_shows_schema_version_and_counts(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    run_cli(cli_env, "journal", "add", "one")
    run_cli(cli_env, "journal", "add", "two")
    result = run_cli(cli_env, "status")
    assert result.returncode == 0, result.stderr
    assert f"Schema version: {migrate.head_revision()}" in result.stdout
    assert "journal entries: 2" in result.stdout


def test_status_without_passphrase_does_not_unlock(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    env = {k: v for k, v in cli_env.items() if k != "ANCHORED_PASSPHRASE"}
    result = run_cli(env, "status")
    assert result.returncode == 0
    assert f"Schema version: {migrate.head_revision()}" in result.stdout
    assert "status --unlock" in result.stdout


def test_init_refuses_to_overwrite_without_force(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    run_cli(cli_env, "journal", "add", "keep me")
    result = run_cli(cli_env, "init")
    assert result.returncode == 2
    assert "--force" in result.stderr
    assert "keep me" in run_cli(cli_env, "journal", "list").stdout


def test_init_force_needs_confirmation(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    run_cli(cli_env, "journal", "add", "keep me")
    refused = run_cli(cli_env, "init", "--force")
    assert refused.returncode == 2
    assert "confirmation" in refused.stderr
    assert "keep me" in run_cli(cli_env, "journal", "list").stdout
    erased = run_cli(cli_env, "init", "--force", "--yes")
    assert erased.returncode == 0, erased.stderr
    assert "No entries yet" in run_cli(cli_env, "journal", "list").stdout


def test_init_refuses_a_short_passphrase(cli_env: dict[str, str], data_dir: Path) -> None:
    result = run_cli({**cli_env, "ANCHORED_PASSPHRASE": "short"}, "init")
    assert result.returncode == 2
    assert "at least 10 characters" in result.stderr
    assert not (data_dir / "vault.json").exists()


def test_passphrase_file_setting(cli_env: dict[str, str], tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("from a file, safely kept\n")
    env = {k: v for k, v in cli_env.items() if k != "ANCHORED_PASSPHRASE"}
    env["ANCHORED_PASSPHRASE_FILE"] = str(secret)
    assert run_cli(env, "init").returncode == 0
    assert run_cli(env, "journal", "add", "via file").returncode == 0
    assert "via file" in run_cli(env, "journal", "list").stdout


def test_passwd_then_old_passphrase_fails_and_data_intact(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    init_vault(cli_env)
    run_cli(cli_env, "journal", "add", "still here")
    new_file = tmp_path / "new.txt"
    new_file.write_text("lanterns over the harbour\n")
    changed = run_cli(cli_env, "passwd", "--new-passphrase-file", str(new_file))
    assert changed.returncode == 0, changed.stderr
    assert run_cli(cli_env, "journal", "list").returncode == 2
    new_env = {**cli_env, "ANCHORED_PASSPHRASE": "lanterns over the harbour"}
    assert "still here" in run_cli(new_env, "journal", "list").stdout


def test_recover_with_recovery_key(cli_env: dict[str, str], tmp_path: Path) -> None:
    recovery = init_vault(cli_env)
    run_cli(cli_env, "journal", "add", "still here")
    new_file = tmp_path / "new.txt"
    new_file.write_text("a fresh start for me\n")
    env = {k: v for k, v in cli_env.items() if k != "ANCHORED_PASSPHRASE"}
    wrong = run_cli(env, "recover", "--new-passphrase-file", str(new_file), stdin="AAAA-BBBB\n")
    assert wrong.returncode == 2
    assert "groups of four" in wrong.stderr
    done = run_cli(
        env, "recover", "--new-passphrase-file", str(new_file), stdin=recovery.lower() + "\n"
    )
    assert done.returncode == 0, done.stderr
    new_env = {**cli_env, "ANCHORED_PASSPHRASE": "a fresh start for me"}
    assert "still here" in run_cli(new_env, "journal", "list").stdout


def test_without_a_terminal_or_setting_the_passphrase_is_asked_for_plainly(
    cli_env: dict[str, str],
) -> None:
    init_vault(cli_env)
    env = {k: v for k, v in cli_env.items() if k != "ANCHORED_PASSPHRASE"}
    result = run_cli(env, "journal", "list")
    assert result.returncode == 2
    assert "ANCHORED_PASSPHRASE_FILE" in result.stderr


def test_corrupted_vault_json_is_explained(cli_env: dict[str, str], data_dir: Path) -> None:
    init_vault(cli_env)
    (data_dir / "vault.json").write_text("{ this is not json")
    result = run_cli(cli_env, "journal", "list")
    assert result.returncode == 2
    assert "damaged" in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_setting_is_explained(cli_env: dict[str, str]) -> None:
    result = run_cli({**cli_env, "ANCHORED_ARGON2_PROFILE": "turbo"}, "status")
    assert result.returncode == 2
    assert "ANCHORED_ARGON2_PROFILE" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["serve"],
        ["init"],
        ["status"],
        ["passwd"],
        ["recover"],
        ["journal"],
        ["journal", "add"],
        ["journal", "list"],
    ],
)
def test_every_command_has_help(cli_env: dict[str, str], command: list[str]) -> None:
    result = run_cli(cli_env, *command, "--help")
    assert result.returncode == 0
    assert "Usage: anchored" in result.stdout


# -- guided prompts ----------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["journal", "prompts"], ["search"]])
def test_new_commands_have_help(cli_env: dict[str, str], command: list[str]) -> None:
    result = run_cli(cli_env, *command, "--help")
    assert result.returncode == 0
    assert "Usage: anchored" in result.stdout
