"""`anchored trust` in a real subprocess: add from piped answers, list with the counts."""

from __future__ import annotations

import json

from tests.support import init_vault, run_cli


def test_add_then_list_with_the_counts(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    refused = run_cli(cli_env, "trust", "add", stdin="Sam\nCall\nmaybe\n\n")
    assert refused.returncode == 2
    assert "Choose whether they did it. Nothing was saved." in refused.stderr
    added = run_cli(cli_env, "trust", "add", stdin="Sam\nCall at eight\nyes\n\n")
    assert added.returncode == 0, added.stderr
    assert "Saved." in added.stdout
    assert "Nobody has been alerted" not in added.stdout
    painful = run_cli(cli_env, "trust", "add", stdin="sam\nText back\nno\nI want to end my life\n")
    assert "Nobody has been alerted" in painful.stdout
    listed = run_cli(cli_env, "trust", "list")
    assert "  sam: did what they said 1, didn't 1" in listed.stdout  # the name as last written
    assert "Sam: Call at eight (did it)" in listed.stdout
    data = json.loads(run_cli(cli_env, "trust", "list", "--json").stdout)
    assert data["counts"] == [{"name": "sam", "kept": 1, "missed": 1}]
    assert [m["said"] for m in data["moments"]] == ["Text back", "Call at eight"]
