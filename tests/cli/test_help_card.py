"""The terminal help card: each line's hours only when known, nothing about our checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from anchored.cli.support import print_help_card
from anchored.services.country import save_country
from anchored.settings import Settings


def test_hours_are_printed_only_when_known(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(data_dir=tmp_path / "vault", argon2_profile="fast")
    settings.data_dir.mkdir()
    assert save_country(settings, "US")

    print_help_card(settings)
    out = capsys.readouterr().out

    assert "In immediate danger: call 911" in out
    assert "  988 Suicide & Crisis Lifeline: call 988 or Text 988\n" in out
    assert "  Crisis Text Line: Text HOME to 741741 (24/7)\n" in out
    assert "confirm" not in out.casefold()
    assert "Last checked" not in out
