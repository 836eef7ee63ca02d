"""`anchored trust`: note a moment when someone did what they said (or didn't), and list the
moments with the count per person over the last 90 days.

The person, what they said and any note are read line by line from standard input (typed, or
piped from a file), never from the command line, where others on this computer could see them.
"""

from __future__ import annotations

import json
import sys

import typer

from anchored.cli.common import Lines, load_settings, now, open_vault
from anchored.cli.support import print_help_card
from anchored.core.errors import AnchoredError, InvalidInput
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.trust import rules
from anchored.features.trust import service as trust
from anchored.features.trust.service import MomentText

app = typer.Typer(help="A log of kept and missed promises.", no_args_is_help=True)
OWNER = PERSONAL_OWNER
YES = {"y", "yes", "kept", "did", "1"}
NO = {"n", "no", "missed", "didn't", "didnt", "0"}


@app.command("add")
def add(
    day: str = typer.Option("", "--day", metavar="YYYY-MM-DD", help="When (default: today)."),
) -> None:
    """Note a moment: who, what they said they would do, whether they did, and a note."""
    settings = load_settings()
    with open_vault(settings) as opened:
        lines = Lines(sys.stdin)
        name = lines.ask("Who? ")
        said = lines.ask("What did they say they would do? ")
        answer = lines.ask("Did they do it? (yes/no) ").casefold()
        kept = "yes" if answer in YES else "no" if answer in NO else ""
        note = lines.ask("Anything you noticed? (optional) ")
        text = MomentText(said, kept, name, None, day, note)
        with opened.session() as session:
            try:
                done = trust.add_moment(session, OWNER, text, now=now())
            except InvalidInput as exc:
                raise AnchoredError(" ".join(exc.errors.values()) + " Nothing was saved.") from None
    typer.echo("Saved.")
    if done.needs_help:
        print_help_card(settings)


@app.command("list")
def list_(
    limit: int = typer.Option(20, "--limit", min=1, max=10_000, help="How many moments to show."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """The count per person over the last 90 days, then the most recent moments."""
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        counts = trust.person_counts(session, OWNER, now=now())
        moments = trust.list_moments(session, OWNER, limit=limit)
        if as_json:
            data = {
                "days": rules.WINDOW_DAYS,
                "counts": [{"name": c.name, "kept": c.kept, "missed": c.missed} for c in counts],
                "moments": [
                    {
                        "id": m.id,
                        "day": m.happened_on.isoformat(),
                        "person": m.person_name,
                        "said": m.said,
                        "kept": m.kept,
                        "note": m.note,
                    }
                    for m in moments
                ],
            }
            typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return
        if not moments:
            typer.echo("Nothing noted yet. Add a moment with: anchored trust add")
            return
        if counts:
            typer.secho(f"The last {rules.WINDOW_DAYS} days", bold=True)
            for count in counts:
                typer.echo(
                    f"  {count.name}: did what they said {count.kept}, didn't {count.missed}"
                )
            typer.echo()
        for moment in moments:
            did = "did it" if moment.kept else "didn't, this time"
            typer.echo(
                f"{moment.happened_on:%a %d %b %Y}  {moment.person_name}: {moment.said} ({did})"
            )
