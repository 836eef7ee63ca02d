"""`anchored resilience`: add a time you got through something hard, list them, and read the
prompts that help remember one."""

from __future__ import annotations

import json
import sys
import textwrap

import typer

from anchored.cli.common import load_settings, now, open_vault, passphrase_that_opens
from anchored.cli.support import print_help_card
from anchored.cli.writing import kept_if_not_saved, writing_from
from anchored.core.errors import AnchoredError, InvalidInput
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.resilience import service as resilience
from anchored.features.resilience.prompts import load_prompts
from anchored.features.resilience.rules import split_memory

app = typer.Typer(help="Times you got through something hard.", no_args_is_help=True)

ADD_HELP = """Add a time you got through something hard. Every one counts, small ones too.

Write what happened; then, if you like, a line "What I did:" with how you got through it,
and a line "What it shows about me:" with what it says about you. Without those lines it
is all what happened.

With no TEXT, your editor opens ($VISUAL or $EDITOR), or, from a pipe, it is read from
standard input. That is the safer way: words typed after the command can be seen by other
people on this computer while it runs (for example with `ps`) and stay in your shell's history.
Without an editor, you type it here and end with Ctrl+D.
"""


@app.command("add", help=ADD_HELP)
def add(
    text: str | None = typer.Argument(
        None,
        help="The memory (- reads standard input). Leave it out to use your editor.",
        show_default=False,
    ),
) -> None:
    settings = load_settings()
    passphrase = None
    if text in {None, "-"} and sys.stdin.isatty():
        passphrase = passphrase_that_opens(settings)  # before the writing, not after it
        typer.echo('Add the lines "What I did:" and "What it shows about me:" if you like.')
    writing = writing_from(text, what="what happened")
    with (
        kept_if_not_saved(writing),
        open_vault(settings, passphrase) as opened,
        opened.session() as session,
    ):
        try:
            done = resilience.add_memory(
                session, PERSONAL_OWNER, split_memory(writing.text), now=now()
            )
        except InvalidInput as exc:
            raise AnchoredError(" ".join(exc.errors.values())) from None
    typer.echo("Saved. Every one counts.")
    if done.needs_help:
        print_help_card(settings)


@app.command("list")
def list_(
    limit: int = typer.Option(20, "--limit", min=1, max=10_000, help="How many to show."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (for scripts)."),
) -> None:
    """Show your resilience memories, newest first."""
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        memories = resilience.list_memories(session, PERSONAL_OWNER, limit=limit)
        if as_json:
            rows = [
                {
                    "created_at": memory.created_at.isoformat(),
                    "happened": memory.happened,
                    "did": memory.did,
                    "shows": memory.shows,
                }
                for memory in memories
            ]
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not memories:
            typer.echo("No memories yet. Add one with: anchored resilience add")
            return
        for memory in memories:
            typer.secho(memory.created_at.astimezone().strftime("%a %d %b %Y"), bold=True)
            typer.echo(memory.happened)
            if memory.did:
                typer.echo(f"What I did: {memory.did}")
            if memory.shows:
                typer.echo(f"What it shows about me: {memory.shows}")
            typer.echo()


@app.command("prompts")
def prompts() -> None:
    """Prompts that help you remember a time you got through. Needs no passphrase."""
    found = load_prompts()
    typer.echo(textwrap.fill(found.lead, width=88))
    typer.echo(textwrap.fill(found.intro, width=88))
    for prompt in found.prompts:
        typer.echo(
            textwrap.fill(prompt.text, width=88, initial_indent="  - ", subsequent_indent="    ")
        )
    typer.echo("Write about one with: anchored resilience add")
