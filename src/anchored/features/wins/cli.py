"""`anchored wins`: log a small win, and list the wins you logged."""

from __future__ import annotations

import json
import sys

import typer

from anchored.cli.common import load_settings, now, open_vault, passphrase_that_opens
from anchored.cli.support import print_help_card
from anchored.cli.writing import kept_if_not_saved, writing_from
from anchored.core.errors import AnchoredError, InvalidInput
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.wins import service as wins

app = typer.Typer(help="Log small wins and look back at them.", no_args_is_help=True)

ADD_HELP = """Log a small win.

Write the win on the first line. If you like, leave a blank line and write what it took
(courage, a slow breath, a friend's voice): everything after the blank line is kept as that.

With no TEXT, your editor opens ($VISUAL or $EDITOR), or, from a pipe, the win is read from
standard input. That is the safer way: words typed after the command can be seen by other
people on this computer while it runs (for example with `ps`) and stay in your shell's
history. Without an editor, you type it here and end it with Ctrl+D.
"""


def split_win(text: str) -> tuple[str, str]:
    """The win (up to the first blank line) and what it took (the rest)."""
    lines = text.strip().splitlines()
    for number, line in enumerate(lines):
        if not line.strip():
            return " ".join(lines[:number]).strip(), "\n".join(lines[number + 1 :]).strip()
    return " ".join(line.strip() for line in lines).strip(), ""


@app.command("add", help=ADD_HELP)
def add(
    text: str | None = typer.Argument(
        None,
        help="The win (- reads standard input). Leave it out to use your editor.",
        show_default=False,
    ),
    day: str | None = typer.Option(
        None, "--day", metavar="YYYY-MM-DD", help="The day it happened (default: today)."
    ),
) -> None:
    settings = load_settings()
    passphrase = None
    if text in {None, "-"} and sys.stdin.isatty():
        passphrase = passphrase_that_opens(settings)  # before the writing, not after it
    writing = writing_from(text, what="your win")
    win_text, took = split_win(writing.text)
    with (
        kept_if_not_saved(writing),
        open_vault(settings, passphrase) as opened,
        opened.session() as session,
    ):
        try:
            done = wins.add_win(session, PERSONAL_OWNER, win_text, took, day, now=now())
        except InvalidInput as exc:
            raise AnchoredError(" ".join(exc.errors.values())) from None
        when = wins.get_win(session, PERSONAL_OWNER, done.id).day.strftime("%a %d %b %Y")
    typer.echo(f"Saved your win ({when}). That counts.")
    if done.needs_help:
        print_help_card(settings)


@app.command("list")
def list_(
    limit: int = typer.Option(20, "--limit", min=1, max=10_000, help="How many to show."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Show your latest wins, newest first."""
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        found = wins.list_wins(session, PERSONAL_OWNER, limit=limit)
        rows = [
            {"id": w.id, "day": w.day.isoformat(), "text": w.text, "took": w.took} for w in found
        ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo("No wins yet. Log one with: anchored wins add")
        return
    for row in rows:
        typer.secho(f"{row['day']} — {row['text']}", bold=True)
        if row["took"]:
            typer.echo(f"  It took: {row['took']}")
