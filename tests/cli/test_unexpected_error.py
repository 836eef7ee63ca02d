"""An unexpected failure ends a command calmly: its kind only (never text that could quote what
someone wrote), and what was not changed, in the words of the mode in use."""

from __future__ import annotations

import pytest

from anchored.cli import app as cli


def _failing(**_kwargs: object) -> None:
    raise RuntimeError("SELECT … 'words someone wrote'")


@pytest.mark.parametrize(
    ("database_url", "said"),
    [(None, "Your vault was not changed"), ("postgresql+psycopg://x@db/a", "The database was")],
)
def test_an_unexpected_error_names_only_its_kind(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    database_url: str | None,
    said: str,
) -> None:
    monkeypatch.setattr(cli, "app", _failing)
    if database_url:
        monkeypatch.setenv("ANCHORED_DATABASE_URL", database_url)
    else:
        monkeypatch.delenv("ANCHORED_DATABASE_URL", raising=False)
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert "Something unexpected went wrong (RuntimeError)." in err
    assert said in err
    assert "words someone wrote" not in err
