"""`anchored search QUERY`: the same search as the browser's, printed best match first."""

from __future__ import annotations

import re
import sys
from typing import Annotated

import typer

from anchored.cli.common import load_settings, open_vault
from anchored.cli.writing import warn_words_on_command_line
from anchored.core.errors import AnchoredError, InvalidInput
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.search import service as searching
from anchored.manifest import Registry


def _snippet(parts: tuple[tuple[str, bool], ...], *, styled: bool) -> str:
    """Matches in bold on a terminal, between «» when the output goes to a file or a pipe."""
    pieces = []
    for text, is_match in parts:
        text = re.sub(r"\s+", " ", text)
        if is_match:
            text = typer.style(text, bold=True) if styled else f"«{text}»"
        pieces.append(text)
    return "".join(pieces).strip()


def _query_words(query: list[str] | None) -> str:
    """The words to look for: from the command line (with a note that others can see them),
    or from standard input (typed at a prompt when it is the terminal)."""
    if query and query != ["-"]:
        warn_words_on_command_line("type them after running `anchored search` alone")
        return " ".join(query)
    if sys.stdin.isatty():
        return str(typer.prompt("Search for", err=True))
    return sys.stdin.read().strip()


def search(
    ctx: typer.Context,
    query: Annotated[
        list[str] | None,
        typer.Argument(
            help="The words to look for (all of them must appear); - or none reads them from "
            "standard input, which other people on this computer cannot see."
        ),
    ] = None,
    limit: int = typer.Option(
        20, "--limit", min=1, max=searching.PER_PAGE_MAX, help="How many results to show."
    ),
) -> None:
    """Search everything you wrote, in every tool (an emoji on its own too)."""
    registry: Registry = ctx.find_root().obj  # every feature's search kinds
    words = _query_words(query)
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        try:
            found = searching.search_writing(
                session, PERSONAL_OWNER, words, registry.search_kinds, per_page=limit
            )
        except InvalidInput as exc:
            raise AnchoredError(" ".join(exc.errors.values())) from None
    if found.message:
        typer.echo(found.message)
        return
    if not found.results:
        typer.echo(
            f"No results for “{found.query}”. Every word has to appear, so try fewer words, "
            "or a different word for the same thing."
        )
        return
    styled = sys.stdout.isatty()
    shown = len(found.results)
    count = f"{found.total} result{'' if found.total == 1 else 's'} for “{found.query}”"
    typer.echo(
        count + (f" (the best {shown} shown; use --limit for more)" if found.has_next else "")
    )
    for result in found.results:
        typer.echo()
        when = result.created_at.astimezone().strftime("%a %d %b %Y")
        title = typer.style(result.title, bold=True) if styled else result.title
        typer.echo(f"{result.kind_label} · {when} · {title}")
        typer.echo("  " + _snippet(result.parts, styled=styled))
