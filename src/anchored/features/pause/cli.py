"""`anchored pause`: the same pause in the terminal, saved as the same kind of episode.

Answers are read line by line from standard input, from a person or a script alike. Enter
(an empty line) or Ctrl+C during the countdown ends it early; Ctrl+C anywhere else stops the
pause without finishing, and what was written so far stays saved.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

import typer
from sqlalchemy.orm import Session

from anchored.cli.common import Lines, load_settings, now, open_vault
from anchored.cli.support import print_help_card
from anchored.core.errors import InvalidInput
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.pause import rules
from anchored.features.pause import service as pauses
from anchored.features.pause.self_compassion import load_self_compassion
from anchored.services.support import Saved
from anchored.services.vault import OpenVault
from anchored.settings import Settings

T = TypeVar("T")
OWNER = PERSONAL_OWNER
ATTEMPTS = 3
# (phase, seconds): the same 4-4-6 rhythm as the breathing circle in the browser.
BREATHING = (("Breathe in", 4), ("Hold", 4), ("Breathe out", 6))
GROUNDING = (
    "5 things you can see",
    "4 things you can touch",
    "3 things you can hear",
    "2 things you can smell",
    "1 thing you can taste",
)


def _ask_checked(lines: Lines, prompt: str, check: Callable[[str], T]) -> T | None:
    for _attempt in range(ATTEMPTS):
        answer = lines.ask(prompt)
        try:
            return check(answer)
        except ValueError as exc:
            typer.secho(str(exc), fg="yellow")
    typer.echo("Let's leave that one empty for now.")
    return None


def _ask_urge(lines: Lines, question: str) -> int | None:
    return _ask_checked(
        lines, f"{question} 0 (none) to 10 (strongest), Enter to skip: ", rules.parse_urge
    )


def _ask_decision(lines: Lines, held: bool) -> str | None:
    keys = [key for key in rules.DECISION_CHOICES if held or key != "sent_as_is"]
    typer.echo("What will you do?")
    for number, key in enumerate(keys, start=1):
        typer.echo(f"  {number}  {rules.DECISION_CHOICES[key]}")

    def check(answer: str) -> str | None:
        if not answer:
            return None
        if answer in keys:
            return answer
        if answer.isdigit() and 1 <= int(answer) <= len(keys):
            return keys[int(answer) - 1]
        raise ValueError(f"Type a number from 1 to {len(keys)}, or press Enter to leave it.")

    return _ask_checked(lines, f"Choose 1 to {len(keys)} (Enter to leave it for now): ", check)


def _breathing_cue(elapsed: int) -> str:
    second = elapsed % sum(length for _phase, length in BREATHING)
    for phase, length in BREATHING:
        if second < length:
            return f"{phase} … {second + 1}"
        second -= length
    return ""  # pragma: no cover - the loop always returns


def _countdown(lines: Lines, ends_at: datetime, tty: bool) -> bool:
    """Wait for the timer, showing time left and a breathing cue. True if ended early."""
    started = time.monotonic()
    last_minute = -1
    try:
        while (left := rules.remaining_seconds(ends_at, now())) > 0:
            if tty:
                cue = _breathing_cue(int(time.monotonic() - started))
                typer.echo(f"\r  {rules.clock_text(left)} left · {cue}        ", nl=False)
            elif (minute := -(-left // 60)) != last_minute:
                last_minute = minute
                typer.echo(f"  {rules.minutes_left_text(left)}")
            if lines.wait(min(1.0, left)):
                return True
    except KeyboardInterrupt:
        return True
    finally:
        if tty:
            typer.echo()
    return False


def _save(opened: OpenVault, action: Callable[[Session], Saved]) -> bool:
    """Run one save in its own transaction; True if the help card should show."""
    with opened.session() as session:
        try:
            return action(session).needs_help
        except InvalidInput as exc:
            typer.secho(" ".join(exc.errors.values()), fg="yellow")
            return False


def _run(opened: OpenVault, settings: Settings, minutes: int, lines: Lines) -> None:
    tty = sys.stdin.isatty() and sys.stdout.isatty()
    with opened.session() as session:
        episode, created = pauses.start_pause(session, OWNER, now=now(), minutes=minutes)
        episode_id, started_at = episode.id, episode.started_at
    typer.secho("Pause", bold=True)
    if not created:
        when = started_at.astimezone().strftime("%H:%M")
        typer.echo(f"You already have a pause open (since {when}); let's carry on with it.")
    typer.echo(
        "You pressed pause. That was the hard part. Nothing has to be sent or decided right now."
    )
    stopped = True
    try:
        urge_before = _ask_urge(lines, "How strong is the urge to act right now?")
        what = lines.ask("What happened, in a few words? (Enter to skip): ")
        typer.echo("If there's a message you want to send right now, write it here instead.")
        typer.echo("It waits in your vault. Anchored never sends anything.")
        held = lines.ask("The message (Enter to skip): ")

        def save_start(session: Session) -> Saved:
            return pauses.save_progress(
                session,
                OWNER,
                episode_id,
                now=now(),
                what_happened=what,
                urge_before=urge_before,
                held_message=held,
            )

        if _save(opened, save_start):
            print_help_card(settings)

        with opened.session() as session:
            ends_at = pauses.get_pause(session, OWNER, episode_id, now=now()).ends_at
        typer.echo()
        typer.secho("Breathe in 4 … hold 4 … out 6.", bold=True)
        typer.echo("Come back to the room. Slowly, name:")
        for step in GROUNDING:
            typer.echo(f"  {step}")
        typer.echo("Press Enter (or Ctrl+C) to end the timer early.")
        if _countdown(lines, ends_at, tty):
            with opened.session() as session:
                pauses.end_early(session, OWNER, episode_id, now=now())
            typer.echo("Timer ended early. That's all right.")
        else:
            typer.echo("Time's up. You stayed with it.")

        typer.echo()
        typer.secho(load_self_compassion().line_for(episode_id), italic=True)
        typer.echo()
        if held:
            typer.echo("The message you held:")
            typer.echo(f"  {held}")
        urge_after = _ask_urge(lines, "How strong is the urge now?")
        decision = _ask_decision(lines, bool(held))
        final = held
        if decision == "sent_changed":
            final = lines.ask("Write the message as you want it now: ") or held
        note = lines.ask("A note for yourself (Enter to skip): ")

        def finish(session: Session) -> Saved:
            return pauses.finish_pause(
                session,
                OWNER,
                episode_id,
                now=now(),
                urge_after=urge_after,
                decision=decision,
                final_message=final,
                note=note,
            )

        needs_help = _save(opened, finish)
        stopped = False
    finally:
        if stopped:
            with opened.session() as session, contextlib.suppress(pauses.PauseClosed):
                pauses.abandon_pause(session, OWNER, episode_id, now=now())
            typer.echo("\nStopped without finishing. What you wrote is saved.", err=True)

    with opened.session() as session:
        episode = pauses.get_pause(session, OWNER, episode_id, now=now())
        length = rules.duration_text(pauses.duration_seconds(episode, now=now()))
        before, after = episode.urge_before, episode.urge_after
    typer.echo()
    typer.echo(f"Saved. You paused for {length}.")
    if before is not None or after is not None:
        typer.echo(f"Urge: {_rating(before)} → {_rating(after)} (out of 10)")
    if final and decision in {"sent_as_is", "sent_changed"}:
        typer.echo("Your message, to copy (Anchored never sends anything):")
        typer.echo(final)
    if needs_help:
        print_help_card(settings)


def _rating(value: int | None) -> str:
    return "not rated" if value is None else str(value)


def _check_minutes(value: int) -> int:
    try:
        return rules.check_minutes(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def pause(
    minutes: int = typer.Option(
        rules.DEFAULT_MINUTES,
        "--minutes",
        callback=_check_minutes,
        help="Timer length: 5, 10, 20 or 30 minutes.",
    ),
) -> None:
    """Pause before you act: a timer, breathing, a place to hold the message, urge ratings."""
    settings = load_settings()
    with open_vault(settings) as opened:
        try:
            _run(opened, settings, minutes, Lines(sys.stdin))
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
