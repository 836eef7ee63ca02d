"""`anchored thought-record`: a thought record in the terminal, the same seven steps as the browser.

Answers are read line by line from standard input, from a person or a script alike. Each step
is saved as soon as it is answered. An empty answer where one is needed, or Ctrl+C, stops
there and keeps the record as a draft to continue later (`--resume`, or in the browser).
`anchored thought` is the older name, still accepted.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass

import typer
from sqlalchemy.orm import Session

from anchored.cli.common import Lines, load_settings, now, open_vault
from anchored.cli.support import print_help_card
from anchored.content.emotions import load_emotions
from anchored.core.errors import InvalidInput
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.thought_record import rules, traps
from anchored.features.thought_record import service as records
from anchored.features.thought_record.rules import Stage
from anchored.services.support import Saved
from anchored.services.vault import OpenVault
from anchored.settings import Settings

OWNER = PERSONAL_OWNER
ATTEMPTS = 3
DRAFT_SAVED = "Saved as a draft; continue in the app or with `anchored thought-record --resume`."
LIST_LIMIT = 10
RATING = re.compile(r"^\s*(.*?)\s*[:=]?\s*(-?\d+)\s*$")


class Stop(Exception):
    """The person left a needed step empty: keep what there is as a draft."""


@dataclass
class Run:
    opened: OpenVault
    settings: Settings
    lines: Lines
    record_id: int | None = None
    thought: str = ""
    help_shown: bool = False

    def save(self, action: Callable[[Session], Saved]) -> Saved | None:
        """Run one service call in its own transaction. None (with the reasons printed) if
        the answer was refused; the help card is printed when the text calls for it."""
        with self.opened.session() as session:
            try:
                done = action(session)
            except InvalidInput as exc:
                for message in exc.errors.values():
                    typer.secho(message, fg="yellow")
                return None
        if done.needs_help:
            self.help_shown = True
            print_help_card(self.settings)
        return done

    @property
    def id(self) -> int:
        assert self.record_id is not None
        return self.record_id


def _call(action: Callable[..., Saved], *args: object) -> Callable[[Session], Saved]:
    """``action(session, OWNER, *args, now=…)`` for :meth:`Run.save`, with the arguments bound
    now and the time read when it runs."""
    return lambda session: action(session, OWNER, *args, now=now())


def _heading(run: Run, stage: Stage) -> None:
    typer.echo()
    number = rules.stage_number(stage)
    typer.secho(f"Step {number} of {len(rules.STAGES)}: {rules.STAGE_TITLES[stage]}", bold=True)
    if run.thought and rules.STAGES.index(stage) > rules.STAGES.index("thought"):
        typer.echo(f"  Your thought: “{run.thought}”")


def _ask_text(run: Run, prompt: str, save: Callable[[Session, str], Saved]) -> Saved:
    """A needed answer: asked again if refused; empty means stop here."""
    for _attempt in range(ATTEMPTS):
        answer = run.lines.ask(prompt)
        if not answer:
            raise Stop
        if (done := run.save(_bind(save, answer))) is not None:
            return done
    raise Stop


def _bind(save: Callable[[Session, str], Saved], text: str) -> Callable[[Session], Saved]:
    return lambda session: save(session, text)


# -- the stages -------------------------------------------------------------------------------


def _situation(run: Run) -> None:
    _heading(run, "situation")
    typer.echo("Where were you, who was there, what happened just before the feeling?")
    if run.record_id is None:
        started = _ask_text(
            run,
            "What happened? ",
            lambda session, text: records.start_record(session, OWNER, text, now=now()),
        )
        run.record_id = started.id
    else:
        _ask_text(
            run,
            "What happened? ",
            lambda session, text: records.save_situation(session, OWNER, run.id, text, now=now()),
        )


def _thought(run: Run) -> None:
    _heading(run, "thought")
    typer.echo("The thought that came on its own, in the words it came in.")

    def save(session: Session, text: str) -> Saved:
        done = records.save_thought(session, OWNER, run.id, text, now=now())
        run.thought = text
        return done

    _ask_text(run, "What went through your mind? ", save)


def _parse_ratings(answer: str, by_name: dict[str, str]) -> list[tuple[str, int | str]]:
    """'abandoned 8, anxious 6' → [('abandoned', '8'), ('anxious', '6')]."""
    ratings: list[tuple[str, int | str]] = []
    for part in re.split(r"[,;]", answer):
        if not part.strip():
            continue
        match = RATING.match(part)
        if match is None:
            raise ValueError(f"Give each emotion a number from 0 to 10, like “{part.strip()} 7”.")
        word, number = match.group(1).casefold(), match.group(2)
        slug = by_name.get(word)
        if slug is None:
            raise ValueError(f"“{match.group(1)}” isn't one of the emotion words listed.")
        ratings.append((slug, number))
    return ratings


def _emotions(run: Run) -> None:
    _heading(run, "emotions")
    emotions = load_emotions()
    for family in emotions.families:
        typer.echo(f"  {family.name}: {', '.join(e.name for e in family.emotions)}")
    by_name = {e.name.casefold(): e.slug for e in emotions.all}
    by_name.update({e.slug: e.slug for e in emotions.all})
    typer.echo("Type each feeling with how strong it was, 0 to 10, e.g.: abandoned 8, anxious 6")
    for _attempt in range(ATTEMPTS):
        answer = run.lines.ask("Emotions: ")
        if not answer:
            raise Stop
        try:
            ratings = _parse_ratings(answer, by_name)
        except ValueError as exc:
            typer.secho(str(exc), fg="yellow")
            continue
        if run.save(_call(records.save_emotions, run.id, ratings)) is not None:
            return
    raise Stop


def _print_traps(choices: list[traps.TrapChoice], *, details: bool) -> None:
    for number, trap in enumerate(choices, start=1):
        own = " (your own)" if trap.own else ""
        typer.echo(f"  {number:>2}  {trap.name}{own}")
        if not details:
            continue
        if trap.definition:
            typer.echo(f"      {trap.definition}")
        if trap.example:
            typer.echo(f"      For example: “{trap.example}”")
        if trap.question:
            typer.echo(f"      Ask yourself: {trap.question}")


def _add_own_trap(run: Run) -> str | None:
    name = run.lines.ask("Name of your trap (Enter to cancel): ")
    if not name:
        return None
    definition = run.lines.ask("What it looks like (Enter to skip): ")
    question = run.lines.ask("A question that helps you step back (Enter to skip): ")
    done = run.save(lambda session: traps.add_own_trap(session, OWNER, name, definition, question))
    if done is None:
        return None
    typer.echo(f"Added “{name}”.")
    return traps.own_key(done.id)


def _traps(run: Run) -> None:
    _heading(run, "traps")
    typer.echo("Thinking traps are habits of the mind everyone falls into. Any you notice?")
    picked_own: list[str] = []
    for attempt in range(ATTEMPTS + 2):
        with run.opened.session() as session:
            choices = traps.list_traps(session, OWNER)
        _print_traps(choices, details=attempt == 0)
        answer = run.lines.ask(
            "Numbers of the traps you notice, separated by spaces "
            "(Enter for none, + to add your own): "
        )
        if answer.strip() == "+":
            if (key := _add_own_trap(run)) is not None:
                picked_own.append(key)
            continue
        numbers = answer.replace(",", " ").split()
        if not all(n.isdigit() and 1 <= int(n) <= len(choices) for n in numbers):
            typer.secho(f"Type numbers from 1 to {len(choices)}, or press Enter.", fg="yellow")
            continue
        keys = [*picked_own, *(choices[int(n) - 1].key for n in numbers)]
        if run.save(_call(records.save_traps, run.id, keys)) is not None:
            return
    raise Stop


def _evidence(run: Run) -> None:
    _heading(run, "evidence")
    typer.echo("Is this a fact or a feeling? A fact is something anyone could see or hear.")
    typer.echo("Each of these may stay empty: press Enter to skip.")
    for _attempt in range(ATTEMPTS):
        evidence_for = run.lines.ask("Evidence for the thought: ")
        evidence_against = run.lines.ask("Evidence against the thought: ")
        friend_view = run.lines.ask("What would I tell a friend who thought this? ")
        texts = (evidence_for, evidence_against, friend_view)
        if run.save(_call(records.save_evidence, run.id, *texts)) is not None:
            return
    raise Stop


def _balanced(run: Run) -> None:
    _heading(run, "balanced")
    typer.echo("It doesn't have to be positive, only fair to all the evidence.")
    _ask_text(
        run,
        "A more balanced thought: ",
        lambda session, text: records.save_balanced(session, OWNER, run.id, text, now=now()),
    )


def _rerate(run: Run) -> None:
    _heading(run, "rerate")
    typer.echo("How strong is each feeling now, from 0 to 10? Any change counts, and so does none.")
    with run.opened.session() as session:
        changes = records.emotion_changes(records.get_record(session, OWNER, run.id))
    after: dict[str, int | str] = {}
    for change in changes:
        for _attempt in range(ATTEMPTS):
            answer = run.lines.ask(f"{change.name} (before: {change.before}), now: ")
            if not answer:
                raise Stop
            try:
                after[change.slug] = rules.check_intensity(answer, change.name)
                break
            except ValueError as exc:
                typer.secho(str(exc), fg="yellow")
        else:
            raise Stop
    if run.save(_call(records.save_rerate, run.id, after)) is None:
        raise Stop


STEPS: dict[Stage, Callable[[Run], None]] = {
    "situation": _situation,
    "thought": _thought,
    "emotions": _emotions,
    "traps": _traps,
    "evidence": _evidence,
    "balanced": _balanced,
    "rerate": _rerate,
}


# -- running it -------------------------------------------------------------------------------


def _summary(run: Run) -> None:
    with run.opened.session() as session:
        record = records.get_record(session, OWNER, run.id)
        changes = records.emotion_changes(record)
        balanced = record.balanced_thought
    typer.echo()
    typer.secho("Finished and saved.", bold=True)
    typer.echo(f"Your balanced thought: “{balanced}”")
    typer.echo("How your feelings moved (out of 10):")
    for change in changes:
        typer.echo(f"  {change.short}")


def _walk(run: Run, first: Stage) -> None:
    for stage in rules.STAGES[rules.STAGES.index(first) :]:
        STEPS[stage](run)


def _start_stage(run: Run, resume: bool) -> Stage | None:
    if not resume:
        typer.secho("Thought record", bold=True)
        typer.echo(
            "Seven short steps to slow a painful thought down and look at it from more than "
            "one side. Each step is saved as you go; an empty answer or Ctrl+C stops and keeps "
            "a draft."
        )
        return "situation"
    with run.opened.session() as session:
        draft = records.newest_draft(session, OWNER)
        if draft is None:
            typer.echo("No drafts to continue. Start a new one with `anchored thought-record`.")
            return None
        run.record_id, run.thought = draft.id, draft.automatic_thought
        stage = records.resume_stage(draft)
        started = draft.created_at.astimezone().strftime("%a %d %b %Y, %H:%M")
        situation = draft.situation
    typer.secho(f"Continuing your thought record from {started}", bold=True)
    typer.echo(f"What happened: {situation}")
    return stage


def _run(opened: OpenVault, settings: Settings, lines: Lines, resume: bool) -> int:
    run = Run(opened, settings, lines)
    first = _start_stage(run, resume)
    if first is None:
        return 0
    try:
        _walk(run, first)
    except Stop:
        typer.echo()
        typer.echo(DRAFT_SAVED if run.record_id is not None else "Nothing was saved.")
        return 0
    except KeyboardInterrupt:
        typer.echo()
        typer.echo(DRAFT_SAVED if run.record_id is not None else "Stopped. Nothing was saved.")
        return 130
    _summary(run)
    if run.help_shown:
        print_help_card(settings)
    return 0


def _list(opened: OpenVault) -> None:
    with opened.session() as session:
        drafts = records.list_records(session, OWNER, finished=False, limit=LIST_LIMIT)
        finished = records.list_records(session, OWNER, finished=True, limit=LIST_LIMIT)
        if not drafts and not finished:
            typer.echo("No thought records yet. Start one with: anchored thought-record")
            return
        if drafts:
            typer.secho("Drafts", bold=True)
            for record in drafts:
                stage = records.resume_stage(record)
                when = record.updated_at.astimezone().strftime("%a %d %b %Y, %H:%M")
                label = record.automatic_thought or record.situation
                step = f"step {rules.stage_number(stage)} of {len(rules.STAGES)}"
                typer.echo(f"  {when} — {step} — {label[:80]}")
        if finished:
            typer.secho("Finished", bold=True)
            for record in finished:
                when = record.created_at.astimezone().strftime("%a %d %b %Y, %H:%M")
                changes = ", ".join(c.short for c in records.emotion_changes(record))
                typer.echo(f"  {when} — {record.automatic_thought[:80]}")
                typer.echo(f"      {changes}")


def thought_record(
    resume: bool = typer.Option(
        False, "--resume", help="Continue the draft you worked on most recently."
    ),
    list_: bool = typer.Option(False, "--list", help="Show your recent thought records."),
) -> None:
    """Work through a thought record: situation, thought, emotions, traps, evidence, a
    balanced thought, and how you feel now."""
    if resume and list_:
        raise typer.BadParameter("Choose either --resume or --list.")
    settings = load_settings()
    with open_vault(settings) as opened:
        if list_:
            _list(opened)
            return
        code = _run(opened, settings, Lines(sys.stdin), resume)
    if code:
        raise typer.Exit(code)
