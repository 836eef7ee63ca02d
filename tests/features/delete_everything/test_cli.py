"""`anchored delete-everything` in a real process."""

from __future__ import annotations

import os
from pathlib import Path

from tests.support import init_vault, run_cli


def test_delete_everything_asks_then_deletes_and_init_starts_again(
    cli_env: dict[str, str],
) -> None:
    init_vault(cli_env)
    data_dir = Path(cli_env["ANCHORED_DATA_DIR"])
    asked = run_cli(cli_env, "delete-everything")
    assert asked.returncode == 2
    assert "Nothing was deleted" in asked.stderr
    assert "your vault in" in asked.stdout
    assert "does not delete backups you downloaded" in asked.stdout
    assert (data_dir / "vault.json").exists()

    done = run_cli(cli_env, "delete-everything", "--yes")
    assert done.returncode == 0, done.stderr
    assert "Everything is deleted" in done.stdout
    assert os.listdir(data_dir) == ["vault.lock"]
    status = run_cli(cli_env, "status")
    assert "none yet" in status.stdout
