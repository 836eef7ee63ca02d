"""`anchored summary`: the session summary as an HTML file to open and print, or a PDF when
the optional WeasyPrint extra is installed (``pip install 'anchored[pdf]'``)."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Annotated, Any

import typer

from anchored.cli.common import load_settings, now, open_vault
from anchored.core.errors import AnchoredError
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.therapy import document
from anchored.features.therapy import summary as summaries
from anchored.manifest import Registry

NO_WHERE = (
    "Say where to write the summary: --out summary.html (open it in your browser and print "
    "it, or save it as a PDF from there), or --pdf summary.pdf."
)
NO_PDF = (
    "Making a PDF here needs the optional WeasyPrint extra, which is not installed:\n"
    "  pip install 'anchored[pdf]'\n"
    "Without it, write the page with --out summary.html, open it in your browser and use "
    "Print, choosing “Save as PDF” as the printer. Nothing was written."
)
UNENCRYPTED = (
    "This file is not encrypted: anyone who can open it can read it. Keep it somewhere "
    "private, and delete it when you no longer need it."
)


class SummaryProblem(AnchoredError):
    """Nothing was written; the message says what to do."""


def _weasyprint() -> Any:
    try:
        return importlib.import_module("weasyprint")
    except ImportError:
        raise SummaryProblem(NO_PDF) from None


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` readable by this user only (it holds private records)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)


def summary(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option("--out", metavar="FILE.html", help="Write the summary as an HTML page."),
    ] = None,
    pdf: Annotated[
        Path | None,
        typer.Option("--pdf", metavar="FILE.pdf", help="Write it as a PDF (needs WeasyPrint)."),
    ] = None,
    weeks: Annotated[
        int,
        typer.Option(
            "--weeks",
            help=f"How many weeks back, this one included: {', '.join(map(str, summaries.WEEKS))}.",
        ),
    ] = summaries.DEFAULT_WEEKS,
    include: Annotated[
        list[str] | None,
        typer.Option(
            "--include",
            "-i",
            metavar="PART",
            help=f"What to include (repeat; default all): {', '.join(summaries.SECTION_KEYS)}.",
        ),
    ] = None,
    record: Annotated[
        list[int] | None,
        typer.Option(
            "--record",
            metavar="ID",
            help="A thought record to include, by the number in its address "
            "(/thought-records/N; repeat). None unless given.",
        ),
    ] = None,
    paper: Annotated[
        str, typer.Option("--paper", help="Paper size for printing: a4 or letter.")
    ] = summaries.DEFAULT_PAPER,
) -> None:
    """A summary of your own records for a therapy session, to print or show.

    Nothing is sent anywhere: it is written to the file you name.
    """
    if out is None and pdf is None:
        raise SummaryProblem(NO_WHERE)
    if weeks not in summaries.WEEKS:
        raise SummaryProblem(f"Choose --weeks from {', '.join(map(str, summaries.WEEKS))}.")
    unknown = [key for key in include or () if key not in summaries.SECTION_KEYS]
    if unknown:
        raise SummaryProblem(
            f"“{unknown[0]}” is not a part of the summary. Choose from: "
            f"{', '.join(summaries.SECTION_KEYS)}."
        )
    if paper not in summaries.PAPERS:
        raise SummaryProblem("Choose --paper a4 or --paper letter.")
    weasyprint: Any = _weasyprint() if pdf is not None else None  # before opening the vault
    registry: Registry = ctx.find_root().obj
    choice = summaries.read_choice(
        str(weeks),
        include if include else summaries.SECTION_KEYS,
        [str(r) for r in record or ()],
        paper,
    )
    moment = now()
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        made = summaries.build_summary(registry, session, PERSONAL_OWNER, choice, now=moment)
        html = document.standalone_html(registry, made)
    if out is not None:
        _write_private(out, html.encode("utf-8"))
        typer.echo(f"Wrote {out}. Open it in your browser to read or print it.")
    if pdf is not None:
        maker = weasyprint.HTML(string=html)
        _write_private(pdf, maker.write_pdf())
        typer.echo(f"Wrote {pdf}.")
    typer.echo(UNENCRYPTED)
