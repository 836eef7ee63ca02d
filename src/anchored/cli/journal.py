"""`anchored journal`: the first record type, end to end."""

from __future__ import annotations

import sys

import typer

from anchored.cli.common import load_settings, open_vault
from anchored.cli.support import print_help_card
from anchored.domain.owner import PERSONAL_OWNER
from anchored.services import journal, support
from anchored.services.errors import InvalidInput
from anchored.storage.errors import AnchoredError

app = typer.Typer(help="Write and read journal entries.", no_args_is_help=True)


@app.command("add")
def add(
    text: str = typer.Argument(..., help="What to write, or - to read it from standard input."),
    title: str | None = typer.Option(None, "--title", help="An optional title."),
) -> None:
    """Add a journal entry."""
    body = sys.stdin.read() if text == "-" else text
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        try:
            entry = journal.add_entry(session, PERSONAL_OWNER, body, title)
        except InvalidInput as exc:
            raise AnchoredError(" ".join(exc.errors.values())) from None
        when = entry.created_at.astimezone().strftime("%a %d %b %Y, %H:%M")
        needs_help = support.after_save(session, PERSONAL_OWNER, "journal", body, title)
    typer.echo(f"Saved ({when}).")
    if needs_help:
        print_help_card(settings)


@app.command("list")
def list_(
    limit: int = typer.Option(20, "--limit", min=1, max=10_000, help="How many to show."),
) -> None:
    """Show your latest journal entries, newest first."""
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        entries = journal.list_entries(session, PERSONAL_OWNER, limit=limit)
        if not entries:
            typer.echo('No entries yet. Write one with: anchored journal add "..."')
            return
        for entry in entries:
            when = entry.created_at.astimezone().strftime("%a %d %b %Y, %H:%M")
            heading = f"{when} — {entry.title}" if entry.title else when
            typer.secho(heading, bold=True)
            typer.echo(entry.body)
            typer.echo()
