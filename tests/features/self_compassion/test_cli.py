"""`anchored self-compassion phrases|breaks` in a real subprocess."""

from __future__ import annotations

import json
from pathlib import Path

from anchored.core.owner import PERSONAL_OWNER
from anchored.features.self_compassion import service as compassion
from anchored.storage.vault import Vault
from tests.support import NOW, PASSPHRASE, init_vault, run_cli


def test_phrases_and_breaks_are_listed(cli_env: dict[str, str], data_dir: Path) -> None:
    init_vault(cli_env)
    empty = run_cli(cli_env, "self-compassion", "phrases")
    assert empty.returncode == 0, empty.stderr
    assert "No kind phrases yet" in empty.stdout

    opened = Vault(data_dir).unlock(PASSPHRASE)
    try:
        with opened.session() as session:
            compassion.add_phrase(session, PERSONAL_OWNER, "This hurts.", now=NOW)
            compassion.add_phrase(session, PERSONAL_OWNER, "I can be gentle.", now=NOW)
            done = compassion.start_break(session, PERSONAL_OWNER, "8", now=NOW)
            compassion.finish_break(session, PERSONAL_OWNER, done.id, "5", now=NOW)
    finally:
        opened.lock()

    phrases = run_cli(cli_env, "self-compassion", "phrases")
    assert phrases.stdout.splitlines() == ["1. This hurts.", "2. I can be gentle."]
    breaks = run_cli(cli_env, "self-compassion", "breaks")
    assert "how hard it felt: 8 → 5" in breaks.stdout
    rows = json.loads(run_cli(cli_env, "self-compassion", "breaks", "--json").stdout)
    assert (rows[0]["before"], rows[0]["after"], rows[0]["finished"]) == (8, 5, True)
