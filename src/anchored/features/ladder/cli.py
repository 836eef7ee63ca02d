"""`anchored ladder`: the exposure ladder in the terminal: list, add a rung, record an attempt,
show a rung with its attempts.

Words never need to be typed after the command: `add` reads the situation from standard input
or the editor (as `journal add` does), and `attempt` asks its three questions line by line,
from a person or a pipe alike. Numbers (ratings 0-100) may be given as options.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

import typer

from anchored.cli.common import Lines, load_settings, now, open_vault, passphrase_that_opens
from anchored.cli.support import print_help_card
from anchored.cli.writing import kept_if_not_saved, writing_from
from anchored.core.errors import AnchoredError, InvalidInput, NotFound
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.ladder import service as ladder
from anchored.features.ladder.service import AttemptInput, RungRefused

app = typer.Typer(help="Your exposure ladder (step 9).", no_args_is_help=True)
OWNER = PERSONAL_OWNER
LEVEL_HELP = "from 0 to 100"
NO_RUNG = "There is no rung with that number. See them with: anchored ladder list"

ADD_HELP = """Put a situation you fear on your ladder, rated 0-100 for how hard it feels.

With no TEXT, your editor opens ($VISUAL or $EDITOR) to write the situation, or, from a pipe,
it is read from standard input. That is the safer way: words typed after the command can be
seen by other people on this computer while it runs and stay in your shell's history.
"""

ATTEMPT_HELP = """Record an attempt at a rung (its number from `anchored ladder list`).

The anxiety numbers, 0 to 100, can be given as options; anything not given is asked. Then
three questions, each answered on one line (Enter alone skips it): what you feared would
happen, what actually happened, and what you learned. From a pipe, send the answers one per
line in that order.
"""


def _fail(exc: InvalidInput) -> AnchoredError:
    return AnchoredError(" ".join(exc.errors.values()) + " Nothing was saved.")


@app.command("list")
def list_(as_json: bool = typer.Option(False, "--json", help="Print JSON instead.")) -> None:
    """Show your rungs from easiest to hardest, and the one to try next."""
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        found = ladder.ladder(session, OWNER)
        rows: list[dict[str, Any]] = [
            {
                "id": view.id,
                "situation": view.rung.situation,
                "rating": view.rung.rating,
                "attempts": view.attempts,
                "getting_easier": view.easier,
                "next": view.is_next,
            }
            for view in found.rungs
        ]
    if as_json:
        typer.echo(json.dumps({"rungs": rows}, ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo("Your ladder is empty. Add a rung with: anchored ladder add --rating 30")
        return
    typer.secho("Your ladder, easiest first:", bold=True)
    for row in rows:
        notes = [_tried(row["attempts"])]
        if row["getting_easier"]:
            notes.insert(0, "getting easier")
        if row["next"]:
            notes.append("NEXT")
        rated = f"[{row['rating']:>3}]"
        typer.echo(f"  {row['id']:>4}  {rated}  {row['situation']}  ({', '.join(notes)})")
    if found.next is not None:
        typer.echo(f"\nNext: {found.next.rung.situation} (anchored ladder attempt {found.next.id})")
    else:
        typer.echo("\nEvery rung is getting easier. Add a harder one when you feel ready.")


@app.command("add", help=ADD_HELP)
def add(
    text: str | None = typer.Argument(
        None,
        help="The situation (- reads standard input). Leave it out to use your editor.",
        show_default=False,
    ),
    rating: int = typer.Option(
        ..., "--rating", min=0, max=100, help=f"How hard it feels, {LEVEL_HELP}."
    ),
) -> None:
    settings = load_settings()
    passphrase = None
    if text in {None, "-"} and sys.stdin.isatty():
        passphrase = passphrase_that_opens(settings)
    writing = writing_from(text, what="the situation")
    with kept_if_not_saved(writing), open_vault(settings, passphrase) as opened:
        try:
            with opened.session() as session:
                done = ladder.add_rung(session, OWNER, writing.text, rating, now=now())
        except RungRefused as refused:
            with opened.session() as session:
                ladder.record_refusal(session, OWNER, writing.text)
            typer.secho(" ".join(refused.errors.values()), fg="yellow", err=True)
            print_help_card(settings)
            raise typer.Exit(1) from None
        except InvalidInput as exc:
            raise _fail(exc) from None
    typer.echo(f"Added as rung {done.id}.")
    if done.needs_help:
        print_help_card(settings)


def _ask_level(lines: Lines, given: int | None, question: str) -> int:
    if given is not None:
        return given
    for _attempt in range(3):
        answer = lines.ask(f"{question} (0-100): ")
        if answer.isascii() and answer.isdigit() and 0 <= int(answer) <= 100:
            return int(answer)
        typer.secho("Please give a whole number from 0 to 100.", fg="yellow")
    raise AnchoredError("No number was given. Nothing was saved.")


@app.command("attempt", help=ATTEMPT_HELP)
def attempt(
    rung: int = typer.Argument(..., min=1, help="The rung's number (see `anchored ladder list`)."),
    predicted: int | None = typer.Option(
        None, "--predicted", min=0, max=100, help=f"The anxiety you expected, {LEVEL_HELP}."
    ),
    peak: int | None = typer.Option(
        None, "--peak", min=0, max=100, help=f"The highest it went, {LEVEL_HELP}."
    ),
    at_end: int | None = typer.Option(
        None, "--end", min=0, max=100, help=f"How strong it was at the end, {LEVEL_HELP}."
    ),
    on: str | None = typer.Option(None, "--date", metavar="YYYY-MM-DD", help="Default: today."),
) -> None:
    settings = load_settings()
    with open_vault(settings) as opened:
        with opened.session() as session:
            try:
                situation = ladder.get_rung(session, OWNER, rung).situation
            except NotFound:
                raise AnchoredError(NO_RUNG) from None
        typer.secho(f"Rung {rung}: {situation}", bold=True)
        lines = Lines(sys.stdin)
        levels = (
            _ask_level(lines, predicted, "How anxious did you expect to feel"),
            _ask_level(lines, peak, "At its highest, how anxious did you feel"),
            _ask_level(lines, at_end, "How anxious were you at the end"),
        )
        feared = lines.ask("What did you fear would happen? ")
        happened = lines.ask("What actually happened? ")
        learned = lines.ask("What did you learn? ")
        given = AttemptInput(*levels, on, feared, happened, learned)
        try:
            with opened.session() as session:
                done = ladder.add_attempt(session, OWNER, rung, given, now=now())
                easier = ladder.rung_detail(session, OWNER, rung).easier
        except InvalidInput as exc:
            raise _fail(exc) from None
    typer.echo("Attempt saved." + (" This rung is getting easier." if easier else ""))
    if done.needs_help:
        print_help_card(settings)


def _tried(attempts: int) -> str:
    return {0: "not tried yet", 1: "tried once"}.get(attempts, f"tried {attempts} times")


def _day(value: date) -> str:
    return value.strftime("%a %d %b %Y")


@app.command("show")
def show(
    rung: int = typer.Argument(..., min=1, help="The rung's number (see `anchored ladder list`)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead."),
) -> None:
    """Show one rung: predicted against actual anxiety at each attempt, and what you wrote."""
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        try:
            detail = ladder.rung_detail(session, OWNER, rung)
        except NotFound:
            raise AnchoredError(NO_RUNG) from None
        attempts: list[dict[str, Any]] = [
            {
                "id": a.id,
                "date": a.attempted_on.isoformat(),
                "predicted": a.predicted,
                "peak": a.peak,
                "end": a.at_end,
                "feared": a.feared,
                "happened": a.happened,
                "learned": a.learned,
            }
            for a in detail.attempts
        ]
        head = {
            "id": detail.rung.id,
            "situation": detail.rung.situation,
            "rating": detail.rung.rating,
            "getting_easier": detail.easier,
            "next": detail.is_next,
        }
    if as_json:
        typer.echo(json.dumps({**head, "attempts": attempts}, ensure_ascii=False, indent=2))
        return
    typer.secho(f"{head['situation']} (rated {head['rating']})", bold=True)
    if not attempts:
        typer.echo(f"Not tried yet. Record an attempt with: anchored ladder attempt {rung}")
        return
    typer.echo("Getting easier." if head["getting_easier"] else "Keep practising.")
    typer.echo(f"\n  {'#':>2}  {'day':<15} {'predicted':>9} {'peak':>5} {'end':>4}")
    for number, a in enumerate(attempts, start=1):
        day = _day(date.fromisoformat(a["date"]))
        typer.echo(f"  {number:>2}  {day:<15} {a['predicted']:>9} {a['peak']:>5} {a['end']:>4}")
    for number, a in enumerate(attempts, start=1):
        written = [(label, a[key]) for label, key in WORDS if a[key]]
        if written:
            typer.secho(f"\nAttempt {number}", bold=True)
            for label, text in written:
                typer.echo(f"  {label}: {text}")


WORDS = (
    ("Feared", "feared"),
    ("What happened", "happened"),
    ("Learned", "learned"),
)
