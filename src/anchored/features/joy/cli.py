"""`anchored joy`: add to the joy list (one thing per line), list it, pick one, mark one done."""

from __future__ import annotations

import json
import random
import sys

import typer

from anchored.cli.common import load_settings, now, open_vault, passphrase_that_opens
from anchored.cli.support import print_help_card
from anchored.cli.writing import kept_if_not_saved, writing_from
from anchored.core.errors import AnchoredError, InvalidInput
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.joy import rules
from anchored.features.joy import service as joy

app = typer.Typer(help="Your joy list: things that bring you joy.", no_args_is_help=True)

ADD_HELP = """Add to your joy list: one thing per line, as many as you like.

With no TEXT, your editor opens ($VISUAL or $EDITOR), or, from a pipe, the lines are read from
standard input. That is the safer way: words typed after the command can be seen by other
people on this computer while it runs (for example with `ps`) and stay in your shell's history.
Without an editor, you type the lines here and end with Ctrl+D.
"""


@app.command("add", help=ADD_HELP)
def add(
    text: str | None = typer.Argument(
        None,
        help="What brings you joy (- reads standard input). Leave it out to use your editor.",
        show_default=False,
    ),
    last_done: str | None = typer.Option(
        None, "--last-done", metavar="YYYY-MM-DD", help="When you last did it."
    ),
    today: bool = typer.Option(False, "--today", help="You did it today."),
) -> None:
    settings = load_settings()
    passphrase = None
    if text in {None, "-"} and sys.stdin.isatty():
        passphrase = passphrase_that_opens(settings)  # before the writing, not after it
    writing = writing_from(text, what="what brings you joy, one thing per line")
    with (
        kept_if_not_saved(writing),
        open_vault(settings, passphrase) as opened,
        opened.session() as session,
    ):
        moment = now()
        try:
            day = joy.local_day(moment) if today else joy.parse_day(last_done or "")
            done = joy.add_joys(session, PERSONAL_OWNER, writing.text.splitlines(), day, now=moment)
        except InvalidInput as exc:
            raise AnchoredError(" ".join(exc.errors.values())) from None
    typer.echo(
        "Added 1 thing to your joy list."
        if len(done) == 1
        else f"Added {len(done)} things to your joy list."
    )
    if any(saved.needs_help for saved in done):
        print_help_card(settings)


@app.command("list")
def list_(
    as_json: bool = typer.Option(False, "--json", help="Print JSON (for scripts)."),
) -> None:
    """Show your joy list in your order, numbered, with when you last did each."""
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        items = joy.list_joys(session, PERSONAL_OWNER)
        today = joy.local_day(now())
        if as_json:
            rows = [
                {
                    "number": number,
                    "what": item.what,
                    "last_done": item.last_done.isoformat() if item.last_done else None,
                }
                for number, item in enumerate(items, start=1)
            ]
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not items:
            typer.echo("Your joy list is empty. Add one thing with: anchored joy add")
            return
        for number, item in enumerate(items, start=1):
            typer.echo(f"{number:>3}. {item.what}")
            typer.echo(f"     {rules.last_done_text(item.last_done, today)}")


@app.command("pick")
def pick() -> None:
    """Pick one thing for today, preferring one you haven't done in the last week."""
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        moment = now()
        items = joy.list_joys(session, PERSONAL_OWNER)
        rng = random.Random()  # noqa: S311 (a suggestion for today, not a secret)
        picked = joy.pick_joy(session, PERSONAL_OWNER, now=moment, rng=rng)
        if picked is None:
            typer.echo("Your joy list is empty. Add one thing with: anchored joy add")
            return
        number = [item.id for item in items].index(picked.id) + 1
        typer.secho(picked.what, bold=True)
        typer.echo(rules.last_done_text(picked.last_done, joy.local_day(moment)))
        typer.echo(f"Did it? Note it with: anchored joy did {number}")


@app.command("did")
def did(
    number: int = typer.Argument(..., min=1, help="Its number in `anchored joy list`."),
) -> None:
    """Note that you did one thing on your list today."""
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        items = joy.list_joys(session, PERSONAL_OWNER)
        if number > len(items):
            raise AnchoredError(
                f"Your joy list has {len(items)} things; see their numbers with: anchored joy list"
            )
        item = joy.did_today(session, PERSONAL_OWNER, items[number - 1].id, now=now())
        typer.echo(f"Noted: you did “{item.what}” today.")
