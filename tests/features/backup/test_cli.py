"""`anchored backup` and `anchored restore` in real processes."""

from __future__ import annotations

from pathlib import Path

from tests.support import init_vault, run_cli


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_backup_restores_into_an_empty_folder(cli_env: dict[str, str], tmp_path: Path) -> None:
    init_vault(cli_env)
    assert run_cli(cli_env, "journal", "add", stdin="harbourthistle evening").returncode == 0
    out = tmp_path / "b.anchored"
    made = run_cli(cli_env, "backup", "--out", str(out))
    assert made.returncode == 0, made.stderr
    assert f"Backup written to {out}" in made.stdout
    assert b"harbourthistle" not in out.read_bytes()

    elsewhere = {**cli_env, "ANCHORED_DATA_DIR": str(tmp_path / "new computer")}
    restored = run_cli(elsewhere, "restore", str(out))  # an empty folder: nothing to confirm
    assert restored.returncode == 0, restored.stderr
    assert "Restored." in restored.stdout
    listed = run_cli(elsewhere, "journal", "list")
    assert "harbourthistle evening" in listed.stdout


def test_a_damaged_backup_is_refused_and_the_vault_untouched(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    init_vault(cli_env)
    data_dir = Path(cli_env["ANCHORED_DATA_DIR"])
    before = _files(data_dir)
    damaged = tmp_path / "damaged.anchored"
    damaged.write_bytes(b"ANCHORED-BACKUP\n\x00\x00\x00\x05{}")
    result = run_cli(cli_env, "restore", str(damaged), "--yes")
    assert result.returncode == 2
    assert "is cut short" in result.stderr or "is damaged" in result.stderr
    assert "Nothing was changed." in result.stderr
    assert "Traceback" not in result.stderr
    assert _files(data_dir) == before


def test_replacing_a_vault_needs_restore_typed_or_yes(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    init_vault(cli_env)
    out = tmp_path / "b.anchored"
    assert run_cli(cli_env, "backup", "--out", str(out)).returncode == 0
    result = run_cli(cli_env, "restore", str(out))
    assert result.returncode == 2
    assert "Refusing to replace your vault without confirmation" in result.stderr
    assert "anything you wrote after" in result.stdout


def test_backup_says_where_it_should_go(cli_env: dict[str, str], tmp_path: Path) -> None:
    init_vault(cli_env)
    nothing = run_cli(cli_env, "backup")
    assert nothing.returncode == 2
    assert "--out FILE" in nothing.stderr
    folder = tmp_path / "synced"
    folder.mkdir()
    rolling = run_cli(cli_env, "backup", "--folder", str(folder), "--keep", "2", "--rolling")
    assert rolling.returncode == 0, rolling.stderr
    assert "keeping the newest 2" in rolling.stdout
    assert [p.name.startswith("anchored-auto-") for p in folder.iterdir()] == [True]
