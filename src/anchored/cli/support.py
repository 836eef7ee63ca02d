"""The help card, for the terminal: printed after saving text that calls for it."""

from __future__ import annotations

import typer

from anchored.manifest import HelpLink
from anchored.services.country import help_lines
from anchored.settings import Settings

_help_links: list[HelpLink] = []


def use_help_links(links: tuple[HelpLink, ...]) -> None:
    """Set by the `anchored` command at start: the help links the features declare (e.g. the
    safety plan), printed under the crisis lines."""
    _help_links[:] = [link for link in links if not link.crisis]


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
        hours = f" ({line.hours})" if line.hours else ""
        typer.echo(f"  {line.name}: {reach}{hours}")
    for link in _help_links:
        typer.echo(f"  In Anchored's browser app: {link.label} ({link.path})")
    typer.echo(
        "Nobody has been alerted. Anchored doesn't monitor what you write or contact anyone."
    )
