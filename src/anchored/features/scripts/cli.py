"""`anchored scripts`: build a script from a few answers, list them, rehearse one.

Answers are read line by line from standard input (typed in the terminal, or piped from a
file), never from the command line, where other people on this computer could see them.
"""

from __future__ import annotations

import json
import sys

import typer

from anchored.cli.common import Lines, load_settings, now, open_vault
from anchored.cli.support import print_help_card
from anchored.core.errors import AnchoredError, InvalidInput, NotFound
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.scripts import rules
from anchored.features.scripts import service as scripts
from anchored.features.scripts.service import ScriptAnswers

app = typer.Typer(help="Scripts for a need, a boundary or a repair.", no_args_is_help=True)
OWNER = PERSONAL_OWNER


def _echo_checks(checks: tuple[rules.Suggestion, ...]) -> None:
    for check in checks:
        typer.secho("A gentle suggestion:", bold=True)
        typer.echo(f"  {check.noticed}")
        typer.echo(f"  {check.instead}")


@app.command("add")
def add(
    kind: str = typer.Option(
        "need", "--kind", help="need (an I-statement), boundary, or repair (after a hard moment)."
    ),
) -> None:
    """Build a script: answer a few questions, one line each (an empty line skips an optional
    one). The words to say are printed at the end, and saved."""
    kind = kind.strip().lower()
    if not rules.is_kind(kind):
        raise AnchoredError("Choose --kind need, boundary or repair. Nothing was saved.")
    info = rules.KIND_INFO[kind]  # type: ignore[index]
    settings = load_settings()
    with open_vault(settings) as opened:
        lines = Lines(sys.stdin)
        typer.secho(info.name, bold=True)
        typer.echo(info.text)
        answers: dict[str, str] = {}
        for question in info.questions:
            optional = "" if question.required else " (optional)"
            typer.echo(f"  {question.hint}")
            answers[question.field] = lines.ask(f"{question.label}{optional} ")
        title = lines.ask("A name for it (optional) ")
        with opened.session() as session:
            try:
                done = scripts.add_script(
                    session, OWNER, ScriptAnswers(kind, **answers, title=title), now=now()
                )
            except InvalidInput as exc:
                raise AnchoredError(" ".join(exc.errors.values()) + " Nothing was saved.") from None
            script = scripts.get_script(session, OWNER, done.id)
            typer.echo()
            typer.secho("Your words:", bold=True)
            typer.echo(script.wording)
            _echo_checks(scripts.checks(script))
            typer.echo(
                f"Saved as script {script.id}. Rehearse it: anchored scripts rehearse {script.id}"
            )
    if done.needs_help:
        print_help_card(settings)


@app.command("list")
def list_(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Your scripts, newest first, with their words."""
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        found = scripts.list_scripts(session, OWNER, limit=10_000)
        if as_json:
            rows = [
                {
                    "id": s.id,
                    "kind": s.kind,
                    "title": s.title,
                    "words": s.wording,
                    "created_at": s.created_at.isoformat(),
                    "rehearsals": [
                        {"at": r.rehearsed_at.isoformat(), "felt": r.felt}
                        for r in scripts.rehearsals(session, OWNER, s.id)
                    ],
                }
                for s in found
            ]
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not found:
            typer.echo("No scripts yet. Build one with: anchored scripts add")
            return
        for script in found:
            when = script.created_at.astimezone().strftime("%a %d %b %Y")
            kind = rules.KIND_INFO[script.kind].name if rules.is_kind(script.kind) else ""  # type: ignore[index]
            typer.secho(f"{script.id}. {scripts.heading(script)} ({kind}, {when})", bold=True)
            typer.echo(script.wording)
            typer.echo()


@app.command("rehearse")
def rehearse(
    script_id: int = typer.Argument(..., help="The script's number (see `list`)."),
) -> None:
    """Show a script to read aloud, then note how it felt (0 to 10)."""
    settings = load_settings()
    with open_vault(settings) as opened:
        with opened.session() as session:
            try:
                script = scripts.get_script(session, OWNER, script_id)
            except NotFound:
                raise AnchoredError("There is no script with that number.") from None
            words = script.wording
        typer.echo(words)
        typer.echo()
        typer.echo("Read it aloud, slowly, as if they were here. Take 30 seconds.")
        lines = Lines(sys.stdin)
        for _attempt in range(3):
            answer = lines.ask("How did it feel, 0 (very hard) to 10 (easy)? Enter to skip: ")
            if not answer:
                typer.echo("Not noted. You can rehearse again any time.")
                return
            try:
                with opened.session() as session:
                    scripts.add_rehearsal(session, OWNER, script_id, answer, now=now())
            except InvalidInput as exc:
                typer.secho(" ".join(exc.errors.values()), fg="yellow")
                continue
            typer.echo("Noted.")
            return
