"""`anchored partner-guide --out FILE`: one self-contained HTML file to share, no vault needed."""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import escape

from anchored.features.partner_guide.guide import load_guide
from tests.support import run_cli

GUIDE = load_guide()


def test_writes_a_self_contained_html_file(cli_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "guide.html"
    result = run_cli(cli_env, "partner-guide", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    assert "holds nothing personal" in result.stdout

    html = out.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert f"<title>{escape(GUIDE.title)}</title>" in html
    assert f"<h1>{escape(GUIDE.title)}</h1>" in html
    assert "<h2>" in html
    # Styles are inline; nothing is fetched and nothing runs.
    style = re.search(r"<style>(.*?)</style>", html, re.DOTALL)
    assert style is not None
    assert len(style.group(1).strip()) > 100
    assert "<script" not in html.lower()
    assert '<link rel="stylesheet"' not in html
    remote = re.findall(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.IGNORECASE)
    assert remote == []
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", html)
    assert "@import" not in html
    # It holds no links back into the app, which would not work from a file.
    assert not re.search(r"""href\s*=\s*["']/(?!/)""", html)


def test_needs_no_vault(cli_env: dict[str, str], data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "guide.html"
    assert run_cli(cli_env, "partner-guide", "--out", str(out)).returncode == 0
    assert out.exists()
    assert not (data_dir / "anchored.db").exists()


def test_overwrites_an_existing_file(cli_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "guide.html"
    out.write_text("old", encoding="utf-8")
    assert run_cli(cli_env, "partner-guide", "--out", str(out)).returncode == 0
    assert GUIDE.title in out.read_text(encoding="utf-8")


def test_missing_folder_gives_a_clear_message(cli_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "folder" / "guide.html"
    result = run_cli(cli_env, "partner-guide", "--out", str(out))
    assert result.returncode == 2
    assert f"Could not write {out}" in result.stderr
    assert "No such file or directory" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not out.exists()


def test_out_is_required(cli_env: dict[str, str]) -> None:
    result = run_cli(cli_env, "partner-guide")
    assert result.returncode == 2
    assert "--out" in result.stderr
