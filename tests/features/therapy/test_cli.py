"""`anchored summary` in a real subprocess: the page as a file, and a PDF only with the optional
WeasyPrint extra (without it, a clear message and exit code 2, nothing written)."""

from __future__ import annotations

import stat
from pathlib import Path

from tests.support import init_vault, run_cli

# Stand-ins for the optional extra, found first on the module path: one that is missing, and
# one that makes a "PDF" of the HTML it is given (WeasyPrint itself is never installed here).
MISSING = 'raise ImportError("weasyprint is not installed")\n'
FAKE = (
    "class HTML:\n"
    "    def __init__(self, string):\n"
    "        self.string = string\n"
    "    def write_pdf(self):\n"
    "        return b'%PDF-fake ' + self.string.encode()\n"
)


def _with_module(env: dict[str, str], folder: Path, source: str) -> dict[str, str]:
    package = folder / "weasyprint"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(source, encoding="utf-8")
    return {**env, "PYTHONPATH": f"{folder}:{env.get('PYTHONPATH', '')}"}


def test_out_writes_the_page_for_this_user_only(cli_env: dict[str, str], tmp_path: Path) -> None:
    init_vault(cli_env)
    page = tmp_path / "summary.html"
    result = run_cli(
        cli_env, "summary", "--out", str(page), "--weeks", "4", "-i", "prep", "--paper", "letter"
    )
    assert result.returncode == 0, result.stderr
    assert f"Wrote {page}." in result.stdout
    assert "This file is not encrypted" in result.stdout
    html = page.read_text(encoding="utf-8")
    assert "My summary for a therapy session" in html
    assert "The 4 weeks from" in html
    assert 'id="summary-prep"' in html
    assert 'id="summary-self_checks"' not in html
    assert "paper-letter" in html
    assert stat.S_IMODE(page.stat().st_mode) == 0o600
    nowhere = run_cli(cli_env, "summary")
    assert nowhere.returncode == 2
    assert "Say where to write the summary: --out summary.html" in nowhere.stderr


def test_pdf_without_weasyprint_says_how_to_print_instead(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    init_vault(cli_env)
    env = _with_module(cli_env, tmp_path / "modules", MISSING)
    target = tmp_path / "summary.pdf"
    result = run_cli(env, "summary", "--pdf", str(target))
    assert result.returncode == 2
    assert "pip install 'anchored[pdf]'" in result.stderr
    assert "--out summary.html" in result.stderr
    assert "Save as PDF" in result.stderr
    assert not target.exists()


def test_pdf_with_the_extra_is_made_from_the_same_page(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    init_vault(cli_env)
    env = _with_module(cli_env, tmp_path / "modules", FAKE)
    target = tmp_path / "summary.pdf"
    result = run_cli(env, "summary", "--pdf", str(target), "--include", "self_checks")
    assert result.returncode == 0, result.stderr
    made = target.read_bytes()
    assert made.startswith(b"%PDF-fake <!doctype html>")
    assert b"Self-check results" in made
    wrong = run_cli(env, "summary", "--pdf", str(target), "--include", "diary")
    assert wrong.returncode == 2
    assert "is not a part of the summary" in wrong.stderr
