"""The command line and a damaged, shared or mis-set-up vault: exit codes and messages.

Exit 2 with a message that says what to do; never exit 1 or a traceback for these."""

from __future__ import annotations

import base64
import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from anchored.core.owner import PERSONAL_OWNER
from anchored.features.journal import service as journal
from anchored.services.vault import OpenVault
from tests.support import NOW, PASSPHRASE, ForkedProcess, init_vault, popen_anchored, run_cli

# About the vault commands: SQLCipher only (tests/postgres.py).
pytestmark = pytest.mark.sqlcipher_only

NEW_PASSPHRASE = "lanterns over the harbour"


def _without_passphrase(env: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in env.items() if k != "ANCHORED_PASSPHRASE"}


def _calm_failure(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    assert "unexpected" not in result.stderr
    for word in words:
        assert word in result.stderr, (word, result.stderr)


# -- item 1: an emptied or missing database ------------------------------------------------------


@pytest.mark.parametrize("command", [["journal", "list"], ["journal", "add", "new words"]])
def test_an_emptied_database_is_damaged_and_stays_empty(
    cli_env: dict[str, str], data_dir: Path, command: list[str]
) -> None:
    init_vault(cli_env)
    assert run_cli(cli_env, "journal", "add", "kept").returncode == 0
    (data_dir / "anchored.db").write_bytes(b"")
    result = run_cli(cli_env, *command)
    _calm_failure(result, "damaged", "backup")
    assert "No entries yet" not in result.stdout
    assert (data_dir / "anchored.db").stat().st_size == 0
    assert not (data_dir / "anchored.db-wal").exists()


def test_a_missing_database_is_damaged_and_not_recreated(
    cli_env: dict[str, str], data_dir: Path
) -> None:
    init_vault(cli_env)
    (data_dir / "anchored.db").unlink()
    _calm_failure(run_cli(cli_env, "journal", "add", "new words"), "damaged", "backup")
    assert not (data_dir / "anchored.db").exists()


def test_status_reports_an_emptied_database(cli_env: dict[str, str], data_dir: Path) -> None:
    init_vault(cli_env)
    (data_dir / "anchored.db").write_bytes(b"")
    result = run_cli(_without_passphrase(cli_env), "status")
    _calm_failure(result, "damaged", "backup")


# -- item 4 (part): status --check -------------------------------------------------------------


def test_status_check_on_a_healthy_vault(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    assert run_cli(cli_env, "journal", "add", "kept").returncode == 0
    result = run_cli(cli_env, "status", "--check")
    assert result.returncode == 0, result.stderr
    assert "every page" in result.stdout.lower()
    assert "intact" in result.stdout


def _journal_page(data_dir: Path) -> int:
    """The page holding the journal entries (the table is one page for a few entries)."""
    from anchored.storage.vault import Vault

    with Vault(data_dir).unlock(PASSPHRASE) as opened, opened.engine.connect() as conn:
        return int(
            conn.exec_driver_sql(
                "SELECT rootpage FROM sqlite_master WHERE name = 'journal_entries'"
            ).scalar_one()
        )


def corrupt_page(data_dir: Path, page: int) -> None:
    with open(data_dir / "anchored.db", "r+b") as db:
        db.seek((page - 1) * 4096 + 200)
        db.write(os.urandom(64))


def test_status_check_finds_a_corrupt_page(cli_env: dict[str, str], data_dir: Path) -> None:
    init_vault(cli_env)
    assert run_cli(cli_env, "journal", "add", "kept").returncode == 0
    corrupt_page(data_dir, _journal_page(data_dir))
    result = run_cli(cli_env, "status", "--check")
    _calm_failure(result, "damaged", "backup")
    assert "recovery key" in result.stderr  # it cannot repair a damaged file


def test_reading_a_corrupt_page_is_damaged_not_a_crash(
    cli_env: dict[str, str], data_dir: Path
) -> None:
    init_vault(cli_env)
    assert run_cli(cli_env, "journal", "add", "kept").returncode == 0
    corrupt_page(data_dir, _journal_page(data_dir))
    _calm_failure(run_cli(cli_env, "journal", "list"), "damaged", "backup")


def test_status_check_on_an_emptied_database(cli_env: dict[str, str], data_dir: Path) -> None:
    init_vault(cli_env)
    (data_dir / "anchored.db").write_bytes(b"")
    _calm_failure(run_cli(cli_env, "status", "--check"), "damaged")
    assert (data_dir / "anchored.db").stat().st_size == 0


# -- item 6: a malformed vault.json ----------------------------------------------------------------


def _edit_passphrase_slot(data_dir: Path, **values: object) -> None:
    path = data_dir / "vault.json"
    header = json.loads(path.read_text())
    header["slots"]["passphrase"].update(values)
    path.write_text(json.dumps(header))


@pytest.mark.parametrize("salt", ["", base64.b64encode(b"abcd").decode()], ids=["empty", "4-byte"])
def test_a_malformed_salt_is_damaged(cli_env: dict[str, str], data_dir: Path, salt: str) -> None:
    init_vault(cli_env)
    _edit_passphrase_slot(data_dir, salt=salt)
    _calm_failure(run_cli(cli_env, "journal", "list"), "damaged")


def test_deeply_nested_vault_json_is_damaged(cli_env: dict[str, str], data_dir: Path) -> None:
    init_vault(cli_env)
    (data_dir / "vault.json").write_text("[" * 100_000 + "]" * 100_000)
    _calm_failure(run_cli(cli_env, "journal", "list"), "damaged")
    _calm_failure(run_cli(_without_passphrase(cli_env), "status"), "damaged")


def test_costly_argon2_settings_are_refused(cli_env: dict[str, str], data_dir: Path) -> None:
    init_vault(cli_env)
    _edit_passphrase_slot(data_dir, memory_kib=4 * 1024 * 1024, time_cost=100)
    _calm_failure(run_cli(cli_env, "journal", "list"), "damaged")


# -- item 7: where the passphrase comes from -------------------------------------------------------


def _passphrase_files(tmp_path: Path) -> dict[str, Path]:
    not_utf8 = tmp_path / "latin1.txt"
    not_utf8.write_bytes(b"caf\xe9 au lait du matin\n")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"\n\n")
    return {
        "missing": tmp_path / "no-such-file.txt",
        "a directory": tmp_path,
        "not UTF-8": not_utf8,
        "empty": empty,
        "blank first line": blank,
    }


KINDS = ["missing", "a directory", "not UTF-8", "empty", "blank first line"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_passphrase_file_is_a_usage_error(
    cli_env: dict[str, str], tmp_path: Path, kind: str
) -> None:
    init_vault(cli_env)
    (tmp_path / "files").mkdir()
    env = _without_passphrase(cli_env)
    env["ANCHORED_PASSPHRASE_FILE"] = str(_passphrase_files(tmp_path / "files")[kind])
    result = run_cli(env, "journal", "list")
    _calm_failure(result, "ANCHORED_PASSPHRASE_FILE")
    assert "does not open this vault" not in result.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_new_passphrase_file_is_a_usage_error(
    cli_env: dict[str, str], tmp_path: Path, kind: str
) -> None:
    init_vault(cli_env)
    (tmp_path / "files").mkdir()
    path = _passphrase_files(tmp_path / "files")[kind]
    result = run_cli(cli_env, "passwd", "--new-passphrase-file", str(path))
    _calm_failure(result, "--new-passphrase-file")
    assert "ANCHORED_PASSPHRASE_FILE" not in result.stderr
    assert run_cli(cli_env, "journal", "list").returncode == 0  # the old passphrase still works


def test_init_force_with_an_empty_passphrase_file_erases_nothing(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    init_vault(cli_env)
    assert run_cli(cli_env, "journal", "add", "keep me").returncode == 0
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    env = {**_without_passphrase(cli_env), "ANCHORED_PASSPHRASE_FILE": str(empty)}
    _calm_failure(run_cli(env, "init", "--force", "--yes"), "ANCHORED_PASSPHRASE_FILE")
    assert "keep me" in run_cli(cli_env, "journal", "list").stdout


def test_recover_without_input_is_a_usage_error(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    result = subprocess.run(
        [sys.executable, "-m", "anchored", "recover"],
        env=_without_passphrase(cli_env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,
        check=False,
    )
    _calm_failure(result, "recovery key", "--new-passphrase-file")


def test_recover_with_a_key_but_no_new_passphrase_names_the_option(
    cli_env: dict[str, str],
) -> None:
    recovery = init_vault(cli_env)
    result = run_cli(_without_passphrase(cli_env), "recover", stdin=recovery + "\n")
    _calm_failure(result, "--new-passphrase-file")
    assert "ANCHORED_PASSPHRASE_FILE" not in result.stderr


def test_passwd_without_a_terminal_names_the_new_passphrase_option(
    cli_env: dict[str, str],
) -> None:
    init_vault(cli_env)
    _calm_failure(run_cli(cli_env, "passwd"), "--new-passphrase-file")


# -- item 9: the command line beside the open app --------------------------------------------------


def _popen_cli(env: dict[str, str], *args: str) -> subprocess.Popen[str] | ForkedProcess:
    """The command as a process of its own, running beside the test (forked from the fork
    server: see tests.support.popen_anchored)."""
    return popen_anchored(env, list(args))


@pytest.mark.timeout(240)
def test_ten_journal_adds_beside_the_open_app_all_save(
    cli_env: dict[str, str], open_vault: OpenVault
) -> None:
    # open_vault is the vault the app has open (same folder and passphrase as cli_env).
    writers = [_popen_cli(cli_env, "journal", "add", f"from the terminal {i}") for i in range(10)]
    in_app = 0
    try:
        while any(w.poll() is None for w in writers):
            with open_vault.session() as session:
                journal.add_entry(session, PERSONAL_OWNER, f"from the app {in_app}", now=NOW)
            in_app += 1
        results = [w.communicate(timeout=120) for w in writers]
    finally:
        for w in writers:
            if w.poll() is None:
                w.kill()
    for writer, (_out, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0, err
    with open_vault.session() as session:
        bodies = {e.body for e in journal.list_entries(session, PERSONAL_OWNER, limit=1000)}
    assert {f"from the terminal {i}" for i in range(10)} <= bodies
    assert {f"from the app {i}" for i in range(in_app)} <= bodies


@pytest.mark.timeout(120)
def test_passwd_waits_for_the_open_app_and_says_so(
    cli_env: dict[str, str], open_vault: OpenVault, tmp_path: Path
) -> None:
    new_file = tmp_path / "new.txt"
    new_file.write_text(NEW_PASSPHRASE + "\n")
    changing = _popen_cli(cli_env, "passwd", "--new-passphrase-file", str(new_file))
    lines: queue.Queue[str] = queue.Queue()
    assert changing.stderr is not None
    stderr = changing.stderr
    threading.Thread(target=lambda: [lines.put(line) for line in stderr], daemon=True).start()
    try:
        line = lines.get(timeout=60)
        while "Waiting" not in line:
            line = lines.get(timeout=60)
        assert "open in another Anchored window" in line
        open_vault.lock()  # the person presses Lock in the browser
        changing.wait(timeout=60)
    finally:
        if changing.poll() is None:
            changing.kill()
    assert changing.returncode == 0
    new_env = {**cli_env, "ANCHORED_PASSPHRASE": NEW_PASSPHRASE}
    assert run_cli(new_env, "journal", "list").returncode == 0
