"""`anchored self-checks` (`anchored selfcheck` works too): list the questionnaires, take one
in the terminal (or give every answer with --answers), and see your results over time.

When a questionnaire's safety rule fires (PHQ-9 item 9 above 0) the help card comes first,
as in the browser; with --json it goes to standard error so the output stays data.
"""

from __future__ import annotations

import json
import sys
import textwrap
from typing import Any

import typer

from anchored.cli.common import Lines, load_settings, now, open_vault, passphrase_that_opens
from anchored.cli.support import print_help_card
from anchored.core.errors import AnchoredError, InvalidInput, NotFound
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.self_checks import service as self_checks
from anchored.features.self_checks import shown
from anchored.features.self_checks.instrument import Instrument
from anchored.features.self_checks.rules import Score

app = typer.Typer(
    help="Self-check questionnaires: list them, take one, see your results over time.",
    no_args_is_help=True,
)
OWNER = PERSONAL_OWNER
WIDTH = 88
SAFETY_INTRO = (
    "One of your answers was about thoughts of being better off dead or of hurting yourself, "
    "so this comes first, whatever your score."
)
DISCLAIMER = (
    "A result is for your own reflection, not a medical test. Talk to a professional about "
    "your results."
)


class AnswersProblem(AnchoredError):
    """The answers given cannot be scored; nothing was saved (exit code 2)."""


def _instrument(instrument_id: str) -> Instrument:
    try:
        return self_checks.get_instrument(instrument_id.strip())
    except NotFound:
        ids = ", ".join(i.id for i in self_checks.load_catalogue().instruments)
        raise AnswersProblem(
            f"There is no questionnaire “{instrument_id}” to take. Choose one of: {ids} "
            "(see `anchored self-checks list`)."
        ) from None


def _scale(instrument: Instrument) -> str:
    return ", ".join(
        f"{o.value} = {o.label}" if o.label else str(o.value)
        for o in instrument.response_scale.options
    )


@app.command("list")
def list_() -> None:
    """List the questionnaires, with the id to use with `take` and `history`. Needs no
    passphrase: the questionnaires are part of the app, not your data."""
    catalogue = self_checks.load_catalogue()
    for instrument in catalogue.instruments:
        about = self_checks.about(instrument)
        typer.secho(f"{instrument.id} — {instrument.short_name}: {instrument.name}", bold=True)
        typer.echo(f"  {len(instrument.items)} questions. {about.measures}")
    for listing in catalogue.unavailable:
        typer.secho(f"{listing.id} — {listing.short_name}: {listing.name}", bold=True)
        typer.echo("  Not available: its questions have not been copied in full yet.")
    typer.echo()
    typer.echo("Take one with: anchored self-checks take ID")


def _parse_answers(instrument: Instrument, text: str) -> tuple[dict[int, int], list[str]]:
    """``--answers 1,0,2,…``: values in item-number order. Returns what is usable and the
    problems found (each named by question number)."""
    parts = [part.strip() for part in text.replace(" ", ",").split(",") if part.strip()]
    problems = []
    expected = len(instrument.items)
    if len(parts) != expected:
        given = len(parts)
        problems.append(f"{instrument.short_name} has {expected} questions; {given} were given.")
    answers = self_checks.read_answers(
        instrument, {n: parts[n - 1] for n in instrument.numbers if n <= len(parts)}
    )
    bad = [str(n) for n in instrument.numbers if n <= len(parts) and n not in answers]
    if bad:
        problems.append(f"Not on the scale ({_scale(instrument)}): question {', '.join(bad)}.")
    return answers, problems


def _ask_all(
    instrument: Instrument, lines: Lines, settings: Any
) -> tuple[dict[int, int], dict[str, str]]:
    about = self_checks.about(instrument)
    typer.secho(f"{instrument.short_name}: {instrument.name}", bold=True)
    if about.target_note:
        typer.echo(textwrap.fill(about.target_note, WIDTH))
    if instrument.instructions:
        typer.echo(textwrap.fill(instrument.instructions, WIDTH))
    typer.echo(f"Answer with a number: {_scale(instrument)}. Ctrl+D stops (nothing is saved).")
    answers: dict[int, int] = {}
    total = len(instrument.items)
    for item in instrument.items:
        typer.echo()
        typer.echo(textwrap.fill(f"{item.number} of {total}. {item.text}", WIDTH))
        while item.number not in answers:
            reply = lines.ask("> ")
            if lines.ended:
                raise AnswersProblem(f"Stopped at question {item.number}. Nothing was saved.")
            found = self_checks.read_answers(instrument, {item.number: reply})
            if item.number in found:
                answers[item.number] = found[item.number]
            else:
                typer.echo(f"Please type one of: {_scale(instrument)}")
        if item.safety_item and self_checks.safety_fires(instrument, answers):
            print_help_card(settings, intro=SAFETY_INTRO)
            typer.echo()
            typer.echo("The questionnaire goes on when you are ready.")
    unscored: dict[str, str] = {}
    for question in instrument.unscored_items:
        typer.echo()
        typer.echo(
            textwrap.fill(f"One more, if you like (not part of the score). {question.text}", WIDTH)
        )
        choices = ", ".join(f"{o.value} = {o.label}" for o in question.options)
        unscored[question.id] = lines.ask(f"({choices}; Enter skips) > ")
    return answers, unscored


def _as_json(instrument: Instrument, score: Score) -> dict[str, Any]:
    def plain(value: Any) -> int | float:
        return (
            int(value)
            if value.denominator == 1 and instrument.scoring.method == "sum"
            else float(value)
        )

    return {
        "instrument": instrument.id,
        "total": plain(score.total) if score.total is not None else None,
        "band": score.band.label if score.band else None,
        "subscales": {name: plain(value) for name, value in score.subscales.items()},
        "safety": score.safety,
    }


def _print_score(instrument: Instrument, score: Score) -> None:
    for line in shown.lines(instrument, score):
        hint = " (a rough hint only)" if line.exploratory else ""
        typer.echo(f"{line.label}: {line.value} (scores run from {line.low} to {line.high}){hint}")
        if line.band:
            typer.echo(f"  Score range: {line.band} ({line.band_low} to {line.band_high})")


@app.command("take")
def take(
    instrument_id: str = typer.Argument(..., metavar="ID", help="The questionnaire, e.g. phq9."),
    answers_text: str | None = typer.Option(
        None,
        "--answers",
        metavar="1,0,2,…",
        help="Every answer, in question-number order, instead of being asked.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Take a questionnaire: each question is asked here (answers can also come from standard
    input, one per line), or give them all with --answers. The result is saved in your vault."""
    instrument = _instrument(instrument_id)
    settings = load_settings()
    unscored: dict[str, str] = {}
    passphrase = None
    if answers_text is not None:
        answers, problems = _parse_answers(instrument, answers_text)
        if self_checks.safety_fires(instrument, answers):
            print_help_card(settings, intro=SAFETY_INTRO, err=True)
        if problems:
            raise AnswersProblem(" ".join(problems) + " Nothing was saved.")
    else:
        if sys.stdin.isatty():
            passphrase = passphrase_that_opens(settings)  # before the questions, not after
        answers, unscored = _ask_all(instrument, Lines(sys.stdin), settings)
    with open_vault(settings, passphrase) as opened, opened.session() as session:
        try:
            taken = self_checks.take(
                session, OWNER, instrument.id, answers, now=now(), unscored=unscored
            )
        except InvalidInput as exc:
            raise AnswersProblem(" ".join(exc.errors.values()) + " Nothing was saved.") from None
    if as_json:
        typer.echo(json.dumps(_as_json(instrument, taken.score)))
        return
    if taken.safety and answers_text is not None:
        print_help_card(settings, intro=SAFETY_INTRO)
    typer.echo()
    typer.secho(f"{instrument.short_name} result (saved)", bold=True)
    _print_score(instrument, taken.score)
    typer.echo(textwrap.fill(DISCLAIMER, WIDTH))
    typer.echo(f"See how it changes with: anchored self-checks history {instrument.id}")


@app.command("history")
def history(
    instrument_id: str = typer.Argument(..., metavar="ID", help="The questionnaire, e.g. phq9."),
    as_json: bool = typer.Option(False, "--json", help="Print every result as JSON."),
) -> None:
    """Your results of one questionnaire, oldest first, and how they changed."""
    instrument = _instrument(instrument_id)
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        points = self_checks.score_history(session, OWNER, instrument.id)
        newest_first = list(self_checks.results(session, OWNER, instrument.id))
        found = self_checks.changes(instrument, newest_first)
        shown_lines = [
            shown.lines(instrument, self_checks.score_of(r)) for r in reversed(newest_first)
        ]
    if as_json:
        rows = [
            {"date": p.date.isoformat(), "total": p.total, "band": p.band, "subscales": p.subscales}
            for p in points
        ]
        typer.echo(json.dumps({"instrument": instrument.id, "results": rows}))
        return
    if not points:
        typer.echo(f"No {instrument.short_name} results yet. Take it with:")
        typer.echo(f"  anchored self-checks take {instrument.id}")
        return
    typer.secho(f"{instrument.short_name} results, oldest first", bold=True)
    for point, lines in zip(points, shown_lines, strict=True):
        when = point.date.astimezone().strftime("%a %d %b %Y, %H:%M")
        scores = "; ".join(
            f"{line.label} {line.value}" + (f" ({line.band})" if line.band else "")
            for line in lines
            if not line.exploratory
        )
        typer.echo(f"  {when}: {scores}")
    for heading, comparison in (
        ("Since your first result", found.since_first),
        ("Since the result before", found.since_last),
    ):
        if comparison is None:
            continue
        for name, change in comparison.changes.items():
            words = shown.change_words(instrument, name, change)
            typer.echo(f"{heading}, {shown.score_label(name).lower()}: {words}")
    typer.echo(textwrap.fill(DISCLAIMER, WIDTH))
