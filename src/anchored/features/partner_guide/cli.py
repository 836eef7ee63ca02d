"""`anchored partner-guide --out FILE.html`: a self-contained copy to share."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import typer
from jinja2 import Environment, PackageLoader, select_autoescape

from anchored.core.errors import AnchoredError
from anchored.features.partner_guide.guide import load_guide

# A file to share, not a page we serve: its CSS is inlined so it works on its own. Its
# template lives in export/, apart from the pages the web app serves (templates/).
_export = Environment(
    loader=PackageLoader("anchored.features.partner_guide", "export"),
    autoescape=select_autoescape(["html"]),
)


OUT = typer.Option(..., "--out", help="Where to write the HTML file.", dir_okay=False)


def partner_guide(out: Path = OUT) -> None:
    """Write the partner guide as one HTML file (no personal data, works offline)."""
    # Read as a package file: importing the web app here would load FastAPI for every command.
    css = (files("anchored.web") / "static" / "css" / "anchored.css").read_text(encoding="utf-8")
    html = _export.get_template("guide.html").render(guide=load_guide(), css=css)
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise AnchoredError(f"Could not write {out}: {exc.strerror}.") from None
    typer.echo(f"The partner guide is in {out}. It holds nothing personal; share it as you like.")
