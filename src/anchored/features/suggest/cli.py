"""`anchored suggest`: thinking traps, feelings and the crisis check for a piece of writing.

Nothing is saved and nothing leaves this computer. The words come from standard input (or the
editor) like `journal add`; TEXT after the command works too, with the usual warning that
other people on this computer can see it.
"""

from __future__ import annotations

import json

import typer

from anchored.cli.common import load_settings
from anchored.cli.support import print_help_card
from anchored.cli.writing import writing_from
from anchored.content.emotions import load_emotions
from anchored.text import check_crisis, emotion_suggestions, model_status, trap_suggestions


def suggest(
    text: str | None = typer.Argument(
        None,
        help="What to look at (- reads standard input). Leave it out to use your editor or a pipe.",
        show_default=False,
    ),
    as_json: bool = typer.Option(
        False, "--json", help='Print {"crisis": [...], "traps": [...], "emotions": [...]}.'
    ),
    k: int = typer.Option(3, "-k", "--top", min=1, max=12, help="How many of each to suggest."),
) -> None:
    """Suggest thinking traps and feelings that might fit what you wrote (never a verdict)."""
    writing = writing_from(text, what="your words")
    crisis = sorted(check_crisis(writing.text, wait=None))
    traps = trap_suggestions(writing.text, k, wait=None)
    emotions = emotion_suggestions(writing.text, k, wait=None)
    if as_json:
        payload = {
            "crisis": crisis,
            "traps": [{"slug": s.slug, "score": s.score, "sentence": s.sentence} for s in traps],
            "emotions": [
                {"slug": s.slug, "score": s.score, "sentence": s.sentence} for s in emotions
            ],
        }
        typer.echo(json.dumps(payload, ensure_ascii=False))
        if crisis:
            print_help_card(
                load_settings(), intro="Some of these words sounded very painful.", err=True
            )
        return
    if crisis:
        print_help_card(load_settings(), intro="Some of these words sounded very painful.")
        return  # no trap questions for painful words: the help card comes first, alone
    if model_status() != "ready":
        typer.echo("Suggestions are not available on this computer right now.")
        return
    names = {e.slug: e.name for e in load_emotions().all}
    if traps:
        typer.secho("Thinking traps that might fit (does one of them?)", bold=True)
        for s in traps:
            typer.echo(f"  {s.slug}: “{s.sentence}”")
    if emotions:
        typer.secho("It sounds like you might be feeling", bold=True)
        for s in emotions:
            typer.echo(f"  {names.get(s.slug, s.slug).lower()}")
