"""The help card, for the terminal: printed after saving text that calls for it."""

from __future__ import annotations

import typer

from anchored.services.country import help_lines
from anchored.settings import Settings


def print_help_card(settings: Settings) -> None:
    help_for = help_lines(settings)
    typer.echo()
    typer.secho("Before anything else", bold=True)
    typer.echo(
        "What you wrote is saved. Some of it sounded very painful. If you are having thoughts "
        "of ending your life or hurting yourself, people are ready to listen right now."
    )
    typer.echo(f"  In immediate danger: call {help_for.emergency}")
    for line in help_for.lines:
        reach = " or ".join(
            part for part in (f"call {line.phone}" if line.phone else None, line.text) if part
        )
        typer.echo(f"  {line.name}: {reach} ({line.hours})")
    typer.echo("  Your safety plan is in Anchored's browser app, under Safety plan.")
    typer.echo(
        "Nobody has been alerted. Anchored doesn't monitor what you write or contact anyone."
    )
