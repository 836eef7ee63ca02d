"""`anchored life-story`: add to and list your life-story timeline.

`list` shows ages or years and titles only, like the timeline page (the notes with
``--notes``). `add` reads its answers line by line from standard input (typed, or piped from
a file), never from the command line, where others on this computer could see them.
"""

from __future__ import annotations

import json
import sys

import typer

from anchored.cli.common import Lines, load_settings, now, open_vault
from anchored.cli.support import print_help_card
from anchored.core.errors import AnchoredError, InvalidInput
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.life_story import rules
from anchored.features.life_story import service as life_story
from anchored.features.life_story.service import EventText

app = typer.Typer(help="Your life-story timeline.", no_args_is_help=True)
OWNER = PERSONAL_OWNER


@app.command("add")
def add() -> None:
    """Add one event: your age or the year (or both), a few words for what happened, and a
    note if you like. One line each; Enter skips what you'd rather leave out."""
    settings = load_settings()
    with open_vault(settings) as opened:
        lines = Lines(sys.stdin)
        age = lines.ask("Your age then (Enter to skip): ")
        year = lines.ask("The year (Enter to skip): ")
        title = lines.ask("What happened, in a few words: ")
        note = lines.ask("A note (optional): ")
        with opened.session() as session:
            try:
                done = life_story.add_event(
                    session, OWNER, EventText(title, age, year, note), now=now()
                )
            except InvalidInput as exc:
                raise AnchoredError(" ".join(exc.errors.values()) + " Nothing was saved.") from None
            pace = life_story.pace(session, OWNER, now=now())
    typer.echo("Saved.")
    if done.needs_help:
        print_help_card(settings)
    if pace.enough:
        typer.echo(
            f"That's {pace.added_today} events today, enough for one day. Stopping here is a "
            "good choice; the rest of your story will keep."
        )


@app.command("list")
def list_(
    notes: bool = typer.Option(False, "--notes", help="Show each event's note too."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Your timeline in order: age or year, and title (notes only with --notes)."""
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        events = life_story.timeline(session, OWNER)
        if as_json:
            rows = [
                {
                    "id": e.id,
                    "age": e.age,
                    "year": e.year,
                    "title": e.title,
                    **({"note": e.note} if notes else {}),
                }
                for e in events
            ]
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not events:
            typer.echo("Your timeline is empty. Add an event with: anchored life-story add")
            return
        for event in events:
            typer.echo(f"{rules.when_label(event.age, event.year):>14}  {event.title}")
            if notes and event.note:
                for line in event.note.splitlines():
                    typer.echo(f"{'':>16}{line}")
