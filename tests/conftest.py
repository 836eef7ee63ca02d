"""Shared fixtures: a temporary data directory and a cheap-to-open vault."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from anchored.storage.vault import OpenVault, Vault

PASSPHRASE = "river stone quiet morning"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def open_vault(data_dir: Path) -> Iterator[OpenVault]:
    opened, _recovery = Vault(data_dir).create(PASSPHRASE, "fast")
    yield opened
    opened.lock()


@pytest.fixture
def cli_env(data_dir: Path) -> dict[str, str]:
    """Environment for running the real `anchored` command as a subprocess."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANCHORED_")}
    env.update(
        ANCHORED_DATA_DIR=str(data_dir),
        ANCHORED_ARGON2_PROFILE="fast",
        ANCHORED_PASSPHRASE=PASSPHRASE,
    )
    return env


def run_cli(
    env: dict[str, str], *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m anchored ARGS` with no terminal attached, as a script would."""
    return subprocess.run(
        [sys.executable, "-m", "anchored", *args],
        env=env,
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,  # no controlling terminal: /dev/tty cannot be opened
        check=False,
    )
