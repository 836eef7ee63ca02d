"""`anchored export` and `anchored import` in real processes: the warning, no overwriting,
the round trip into another vault, and a foreign file refused."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from tests.support import init_vault, run_cli

WARNING = "this export is NOT encrypted"


def test_export_warns_writes_only_for_you_and_never_overwrites(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    init_vault(cli_env)
    assert run_cli(cli_env, "journal", "add", stdin="Swam in the cold sea.").returncode == 0
    out = tmp_path / "mine.json"
    missing = run_cli(cli_env, "export")
    assert missing.returncode == 2  # --out is required
    done = run_cli(cli_env, "export", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert WARNING in done.stderr
    assert "Exported 1 record" in done.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["sections"]["journal"]["journal_entries"][0]["body"] == "Swam in the cold sea."
    out.write_text("something else", encoding="utf-8")
    again = run_cli(cli_env, "export", "--out", str(out))
    assert again.returncode == 2
    assert "--force" in again.stderr
    assert out.read_text(encoding="utf-8") == "something else"
    forced = run_cli(cli_env, "export", "--out", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["sections"] == doc["sections"]


def test_markdown_and_csv_write_a_folder(cli_env: dict[str, str], tmp_path: Path) -> None:
    init_vault(cli_env)
    run_cli(cli_env, "journal", "add", stdin="Bread rising in the warm kitchen.")
    for chosen, inside in (("markdown", "journal.md"), ("csv", "journal_entries.csv")):
        folder = tmp_path / chosen
        done = run_cli(cli_env, "export", "--format", chosen, "--out", str(folder))
        assert done.returncode == 0, done.stderr
        assert WARNING in done.stderr
        text = (folder / inside).read_text(encoding="utf-8-sig")
        assert "Bread rising in the warm kitchen." in text
    refused = run_cli(cli_env, "export", "--format", "csv", "--out", str(folder))
    assert refused.returncode == 2
    assert "already holds files" in refused.stderr


def test_import_into_another_vault_once_with_the_help_card(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    init_vault(cli_env)
    run_cli(cli_env, "journal", "add", stdin="I want to end my life tonight.")
    out = tmp_path / "mine.json"
    assert run_cli(cli_env, "export", "--out", str(out)).returncode == 0
    other = {**cli_env, "ANCHORED_DATA_DIR": str(tmp_path / "other")}
    init_vault(other)
    first = run_cli(other, "import", str(out))
    assert first.returncode == 0, first.stderr
    assert "Imported 1 record" in first.stdout
    assert "Journal: 1" in first.stdout
    assert "Nobody has been alerted" in first.stdout  # the help card, once
    second = run_cli(other, "import", str(out))
    assert second.returncode == 0, second.stderr
    assert "Nothing new to import." in second.stdout
    assert "1 record already here was kept as it is." in second.stdout
    assert "Nobody has been alerted" not in second.stdout
    assert "end my life" in run_cli(other, "journal", "list").stdout


def test_a_foreign_file_is_refused_and_nothing_changes(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    init_vault(cli_env)
    foreign = tmp_path / "notes.json"
    foreign.write_text('{"notes": ["private"]}', encoding="utf-8")
    refused = run_cli(cli_env, "import", str(foreign))
    assert refused.returncode == 2
    assert "This file is not an Anchored export." in refused.stderr
    assert "Nothing was imported." in refused.stderr
    assert "private" not in refused.stderr
    assert "No entries yet" in run_cli(cli_env, "journal", "list").stdout
