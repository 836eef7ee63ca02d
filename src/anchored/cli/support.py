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


def print_help_card(settings: Settings, *, intro: str | None = None, err: bool = False) -> None:
    """The help card; ``intro`` replaces its opening sentence (the default is about words
    just saved), ``err`` prints it on standard error (when standard output is data)."""
    help_for = help_lines(settings)
    typer.echo(err=err)
    typer.secho("Before anything else", bold=True, err=err)
    typer.echo(
        (intro or "What you wrote is saved. Some of it sounded very painful.")
        + " If you are having thoughts of ending your life or hurting yourself, people are "
        "ready to listen right now.",
        err=err,
    )
    typer.echo(f"  In immediate danger: call {help_for.emergency}", err=err)
    for line in help_for.lines:
        reach = " or ".join(
            part for part in (f"call {line.phone}" if line.phone else None, line.text) if part
        )
        hours = f" ({line.hours})" if line.hours else ""
        typer.echo(f"  {line.name}: {reach}{hours}", err=err)
    for link in _help_links:
        typer.echo(f"  In Anchored's browser app: {link.label} ({link.path})", err=err)
    typer.echo(
        "Nobody has been alerted. Anchored doesn't monitor what you write or contact anyone.",
        err=err,
    )
