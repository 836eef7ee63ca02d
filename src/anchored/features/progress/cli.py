"""`anchored progress`: rate the signs of progress, list your ratings, see this week and what
your records show."""

from __future__ import annotations

import contextlib
import json
import sys
from datetime import date
from typing import Annotated

import typer

from anchored.cli.common import load_settings, now, open_vault, passphrase_that_opens
from anchored.cli.support import print_help_card
from anchored.cli.writing import kept_if_not_saved, writing_from
from anchored.core.errors import AnchoredError, InvalidInput
from anchored.core.owner import PERSONAL_OWNER
from anchored.core.weeks import local_date, week_holding
from anchored.features.progress import rules
from anchored.features.progress import service as progress
from anchored.features.progress.signs import Signs, load_signs
from anchored.manifest import Registry

app = typer.Typer(help="Rate the signs of progress; see your week and insights.")
TIME = "%a %d %b %Y, %H:%M"
USAGE = (
    "Nothing to rate: no --sign was given and there is no terminal to ask in.\n"
    "Run `anchored progress rate` in a terminal to be asked, or give the ratings, e.g.\n"
    "  anchored progress rate --sign calmer=6 --sign openness=4\n"
    "The signs are: {signs}."
)


class ProgressProblem(AnchoredError):
    """Something on the command line needs changing; nothing was saved."""


def _parse(options: list[str], content: Signs) -> dict[str, int]:
    scores: dict[str, int] = {}
    for option in options:
        slug, _, number = option.partition("=")
        slug = slug.strip().lower()
        if slug not in content.slugs:
            raise ProgressProblem(
                f"“{slug}” is not a sign. Choose from: {', '.join(content.slugs)}."
            )
        try:
            value = rules.parse_score(number)
        except ValueError as exc:
            raise ProgressProblem(f"{content.names[slug]}: {exc}") from None
        if value is not None:
            scores[slug] = value
    return scores


def _ask(content: Signs) -> dict[str, int]:
    typer.echo(content.intro)
    scores: dict[str, int] = {}
    for sign in content.signs:
        typer.secho(sign.name, bold=True)
        typer.echo(sign.question)
        while True:
            try:
                answer = input("0 to 10 (Enter to skip): ").strip()
            except EOFError:
                typer.echo()
                answer = ""
            try:
                value = rules.parse_score(answer)
            except ValueError as exc:
                typer.echo(str(exc))
                continue
            break
        if value is not None:
            scores[sign.slug] = value
    return scores


@app.command("rate")
def rate(
    sign: Annotated[
        list[str] | None,
        typer.Option(
            "--sign",
            "-s",
            metavar="SIGN=N",
            help="A sign's rating from 0 to 10 (repeat for each). Leave out to be asked.",
        ),
    ] = None,
    note: Annotated[
        bool,
        typer.Option(
            "--note",
            help="Add a note, written in your editor or read from standard input (never "
            "typed after the command, where others on this computer could see it).",
        ),
    ] = False,
) -> None:
    """Rate the six signs of progress: your own view, not a test."""
    content = load_signs()
    asking = not sign
    if asking and not sys.stdin.isatty():
        raise ProgressProblem(USAGE.format(signs=", ".join(content.slugs)))
    scores = {} if asking else _parse(sign or [], content)
    settings = load_settings()
    passphrase = None
    if (asking or note) and sys.stdin.isatty():
        passphrase = passphrase_that_opens(settings)  # before the writing, not after it
    if asking:
        scores = _ask(content)
    writing = writing_from(None, what="your note") if note else None
    keeping = kept_if_not_saved(writing) if writing else contextlib.nullcontext()
    with keeping, open_vault(settings, passphrase) as opened, opened.session() as session:
        try:
            done = progress.add_rating(
                session, PERSONAL_OWNER, scores, writing.text if writing else "", now=now()
            )
        except InvalidInput as exc:
            raise ProgressProblem(" ".join(exc.errors.values())) from None
    rated = ", ".join(f"{content.names[slug]} {value}" for slug, value in scores.items())
    typer.echo(f"Saved: {rated or 'a note'}. Only you can see it.")
    typer.echo(content.reminder)
    if done.needs_help:
        print_help_card(settings)


@app.command("list")
def list_(
    limit: int = typer.Option(20, "--limit", min=1, max=10_000, help="How many to show."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of lines."),
) -> None:
    """Show your signs-of-progress ratings, newest first."""
    content = load_signs()
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        ratings = [
            (r.id, r.rated_at, progress.scores_of(r), r.note)
            for r in progress.list_ratings(session, PERSONAL_OWNER, limit=limit)
        ]
    if as_json:
        out = [
            {"id": i, "rated_at": at.isoformat(), "scores": scores, "note": note}
            for i, at, scores, note in ratings
        ]
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    if not ratings:
        typer.echo("No ratings yet. Rate the signs with: anchored progress rate")
        return
    for _id, at, scores, note in ratings:
        typer.secho(at.astimezone().strftime(TIME), bold=True)
        for sign in content.signs:
            shown = scores.get(sign.slug)
            typer.echo(f"  {sign.name}: {'not rated' if shown is None else shown}")
        if note:
            typer.echo(f"  Note: {note}")


@app.command("week")
def week(
    ctx: typer.Context,
    start: str = typer.Option("", "--start", metavar="YYYY-MM-DD", help="A day of the week."),
) -> None:
    """This week (or the week holding --start) in a few lines."""
    registry: Registry = ctx.find_root().obj
    moment = now()
    today = local_date(moment)
    try:
        day = date.fromisoformat(start) if start else today
    except ValueError:
        raise ProgressProblem("Give the day as year-month-day, e.g. 2026-11-23.") from None
    period = week_holding(min(day, today))
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        groups = progress.gather_week(registry, session, PERSONAL_OWNER, period=period, now=moment)
    typer.secho(f"The week of {period.first:%A %d %B} to {period.last:%A %d %B %Y}", bold=True)
    for title, lines in groups:
        typer.echo(f"\n{title}")
        for line in lines:
            typer.echo(f"  {line.text}")


@app.command("insights")
def insights(ctx: typer.Context) -> None:
    """What your own records show, when there is enough of them."""
    registry: Registry = ctx.find_root().obj
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        found = progress.gather_insights(registry, session, PERSONAL_OWNER, now=now(), zone=None)
    if not found:
        typer.echo(
            "Nothing to say yet: insights appear once there is enough of your own records "
            "(for example 8 pauses or urges in 12 weeks, or 5 thought records)."
        )
        return
    for insight in found:
        typer.echo(f"- {insight.text}")
