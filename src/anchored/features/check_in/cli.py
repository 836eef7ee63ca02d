"""`anchored check-in` (`anchored checkin` still works): a check-in from the terminal, with
options or by answering questions.

With options it saves at once (for scripts and quick notes). With no options and a terminal it
asks, one short question at a time; an empty answer moves on. With no options and no terminal
it explains how to use it and exits with 2, so a script never waits for input.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Annotated

import typer
from sqlalchemy.orm import Session

from anchored.cli.common import load_settings, now, open_vault
from anchored.cli.support import print_help_card
from anchored.cli.writing import warn_words_on_command_line
from anchored.content.emotions import Emotion, load_emotions
from anchored.core.errors import AnchoredError, InvalidInput
from anchored.core.own_names import clean_name
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.check_in import rules
from anchored.features.check_in import service as checkins

OWNER = PERSONAL_OWNER
TIME = "%a %d %b %Y, %H:%M"
USAGE = (
    "Nothing to check in: no options were given and there is no terminal to ask questions in.\n"
    "Run `anchored check-in` in a terminal to be asked, or give what to save, for example:\n"
    '  anchored check-in --emotion lonely=7 --emotion anxious=4 --factor texting --note "..."\n'
    "See `anchored check-in --help` for every option."
)


class CheckInProblem(AnchoredError):
    """Something on the command line needs changing; nothing was saved."""


def _find_emotion(word: str) -> Emotion | None:
    folded = " ".join(word.split()).casefold()
    emotions = load_emotions()
    return emotions.get(folded) or next(
        (e for e in emotions.all if e.name.casefold() == folded), None
    )


def _emotion_words() -> str:
    return ", ".join(e.slug for e in load_emotions().all)


def _factor_words(session: Session) -> str:
    choices = checkins.list_factor_choices(session, OWNER)
    builtins = ", ".join(c.value for c in choices if not c.own)
    own = ", ".join(c.value for c in choices if c.own)
    return builtins + (f". Your own: {own}" if own else "")


def _parse_emotions(options: Sequence[str]) -> dict[str, int]:
    """``--emotion lonely=7`` options as slugs with intensities (no number: 5)."""
    picked: dict[str, int] = {}
    for option in options:
        word, number = rules.split_emotion_answer(option)
        emotion = _find_emotion(word)
        if emotion is None:
            raise CheckInProblem(
                f"“{word}” is not one of the feeling words. Choose from: {_emotion_words()}."
            )
        try:
            picked[emotion.slug] = rules.parse_intensity(number)
        except ValueError as exc:
            raise CheckInProblem(f"{emotion.name}: {exc}") from None
    return picked


def _resolve_factors(session: Session, options: Sequence[str]) -> list[str]:
    values = []
    for option in options:
        value = checkins.find_factor(session, OWNER, option)
        if value is None:
            raise CheckInProblem(
                f"“{option.strip()}” is not one of your tags. Choose from: "
                f"{_factor_words(session)}. To add a tag of your own, use --add-factor."
            )
        values.append(value)
    return values


def _save(
    session: Session,
    emotions: dict[str, int],
    factors: Sequence[str],
    note: str,
    new_factor: str,
) -> bool:
    """Save and say so; True if the help card should follow."""
    try:
        done = checkins.add_check_in(
            session, OWNER, emotions, factors, note, now=now(), new_factor=new_factor
        )
    except InvalidInput as exc:
        raise CheckInProblem(" ".join(exc.errors.values())) from None
    check_in = checkins.get_check_in(session, OWNER, done.id)
    typer.echo(f"Saved ({check_in.created_at.astimezone().strftime(TIME)}).")
    if shown := _describe(check_in):
        typer.echo(shown)
    return done.needs_help


def _describe(check_in: checkins.CheckIn | checkins.CheckInLine) -> str:
    names = checkins.emotion_names()
    feelings = ", ".join(
        f"{names.get(e.emotion, e.emotion)} {e.intensity}/10" for e in check_in.emotions
    )
    factors = ", ".join(checkins.factor_label(f) for f in check_in.factors)
    lines = [feelings] if feelings else []
    if factors:
        lines.append(f"Played a part: {factors}")
    return "\n".join(lines)


# -- answering questions ------------------------------------------------------------------------


def _ask(prompt: str) -> str:
    """One line from the person; Ctrl+D counts as an empty answer."""
    try:
        return input(prompt).strip()
    except EOFError:
        typer.echo()
        return ""


def _ask_emotions(ask: Callable[[str], str]) -> dict[str, int]:
    typer.echo(
        "Which feelings are here right now? Type one at a time, with how strong it is from "
        "0 to 10, like: lonely 7"
    )
    typer.echo("Type ? to see all the words. Press Enter on an empty line when you're done.")
    picked: dict[str, int] = {}
    while True:
        answer = ask("Feeling: ")
        if not answer:
            return picked
        if answer == "?":
            for family in load_emotions().families:
                words = ", ".join(e.slug for e in family.emotions)
                typer.echo(f"  {family.name}: {words}")
            continue
        word, number = rules.split_emotion_answer(answer)
        emotion = _find_emotion(word)
        if emotion is None:
            typer.secho("  That isn't one of the words. Type ? to see them all.", fg="yellow")
            continue
        if number is None:
            number = ask(f"How strong is {emotion.name.lower()}, 0 to 10? (Enter for 5): ")
        try:
            picked[emotion.slug] = rules.parse_intensity(number)
        except ValueError as exc:
            typer.secho(f"  {exc} Let's try that one again.", fg="yellow")
            continue
        typer.echo(f"  {emotion.name}, {picked[emotion.slug]} out of 10.")


def _ask_factors(session: Session, ask: Callable[[str], str]) -> tuple[list[str], str]:
    """Tags picked, and at most one new own tag (asked before it is made)."""
    typer.echo(f"What might have played a part? For example: {_factor_words(session)}.")
    answer = ask("Tags, separated by commas (Enter to skip): ")
    chosen: list[str] = []
    new_factor = ""
    for part in (p.strip() for p in answer.split(",")):
        if not part:
            continue
        value = checkins.find_factor(session, OWNER, part)
        if value is not None:
            chosen.append(value)
        elif not new_factor:
            name = clean_name(part)
            reply = ask(f"“{name}” is new. Add it as a tag of your own? [y/N]: ")
            if reply.casefold() in ("y", "yes"):
                new_factor = name
        else:
            typer.secho("  One new tag at a time; you can add more next time.", fg="yellow")
    return chosen, new_factor


def _interactive(session: Session) -> bool:
    """Ask, then save; True if the help card should follow."""
    typer.secho("Check-in", bold=True)
    emotions = _ask_emotions(_ask)
    factors, new_factor = _ask_factors(session, _ask)
    note = _ask("A note for yourself (Enter to skip): ")
    if not emotions and not note:
        typer.echo("Nothing to save this time, and that's all right. Come back whenever you like.")
        return False
    return _save(session, emotions, factors, note, new_factor)


# -- recent check-ins ---------------------------------------------------------------------------


def _print_recent(limit: int) -> None:
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        history = checkins.list_days(session, OWNER, per_page=limit)
        if not history.days:
            typer.echo("No check-ins yet. Start one with: anchored check-in")
            return
        for day in history.days:
            typer.secho(f"{day.day:%A} {day.day.day} {day.day:%B %Y}", bold=True)
            for check_in in day.check_ins:
                typer.echo(f"  {check_in.created_at.astimezone():%H:%M}")
                for line in _describe(check_in).splitlines():
                    typer.echo(f"    {line}")
                if check_in.note:
                    for line in check_in.note.splitlines():
                        typer.echo(f"    {line}")
            typer.echo()


def check_in(
    emotion: Annotated[
        list[str] | None,
        typer.Option(
            "--emotion",
            "-e",
            metavar="WORD=N",
            help="A feeling and how strong it is from 0 to 10, e.g. lonely=7 (repeat for more; "
            "without a number it is 5).",
        ),
    ] = None,
    factor: Annotated[
        list[str] | None,
        typer.Option(
            "--factor",
            "-f",
            metavar="TAG",
            help="What played a part: a built-in tag such as texting, or one of your own "
            "(repeat for more).",
        ),
    ] = None,
    add_factor: Annotated[
        str,
        typer.Option(
            "--add-factor",
            metavar="NAME",
            help="Add a tag of your own and put it on this check-in.",
        ),
    ] = "",
    note: Annotated[
        str | None,
        typer.Option(
            "--note",
            "-n",
            metavar="TEXT",
            help="A note for yourself; - reads it from standard input.",
        ),
    ] = None,
    show_list: Annotated[
        bool, typer.Option("--list", help="Show your recent check-ins instead of adding one.")
    ] = False,
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=1000, help="With --list: how many to show.")
    ] = 10,
) -> None:
    """Check in: name what you feel, how strong it is, and what played a part."""
    if show_list:
        _print_recent(limit)
        return
    emotion, factor = emotion or [], factor or []
    asking = not (emotion or factor or add_factor or note is not None)
    if asking and not sys.stdin.isatty():
        raise CheckInProblem(USAGE)
    # Everything on the command line is checked before the passphrase is asked for.
    emotions = {} if asking else _parse_emotions(emotion)
    if note not in (None, "-"):
        warn_words_on_command_line("give --note - to type or pipe the note in")
    text = sys.stdin.read() if note == "-" else (note or "")
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        try:
            if asking:
                needs_help = _interactive(session)
            else:
                needs_help = _save(
                    session, emotions, _resolve_factors(session, factor), text, add_factor
                )
        except KeyboardInterrupt:
            typer.echo("\nStopped. Nothing was saved.", err=True)
            raise typer.Exit(130) from None
    if needs_help:
        print_help_card(settings)
