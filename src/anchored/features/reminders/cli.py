"""`anchored reminders`: list your reminders, or write them as a calendar file to import into
your calendar app (``--out FILE.ics``; ``-`` for standard output). Choose them on
/settings/reminders in the browser."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from anchored.cli.common import load_settings, now, open_vault
from anchored.core.errors import UsageError
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.reminders import rules
from anchored.features.reminders import service as reminders_service

OUT = typer.Option(
    None,
    "--out",
    "-o",
    help="Write the calendar file here (e.g. reminders.ics); '-' writes it to standard output.",
    show_default=False,
)


def reminders(out: str | None = OUT) -> None:
    """List your reminders, or write them as a calendar file (.ics) with --out."""
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        found = reminders_service.reminders(session, PERSONAL_OWNER)
        zone = reminders_service.zone(session, PERSONAL_OWNER)
        text = (
            reminders_service.calendar_file(session, PERSONAL_OWNER, now=now())
            if out is not None
            else ""
        )
    if out is None:
        _list(found, zone)
        return
    on = sum(1 for r in found if r.plan.on)
    if out == "-":
        sys.stdout.write(text)
        return
    path = Path(out).expanduser()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise UsageError(f"{path} could not be written ({exc.strerror}).") from None
    if on:
        typer.echo(
            f"Wrote {on} reminder{'s' if on != 1 else ''} to {path}. Open it with your "
            "calendar app, or import it there, to add them."
        )
    else:
        typer.echo(
            f"Wrote {path}, but no reminder is turned on yet, so it holds none. "
            "Choose them on the Settings page, under Calendar reminders."
        )


def _list(found: list[reminders_service.Reminder], zone: str) -> None:
    for reminder in found:
        plan = reminder.plan
        if plan.on:
            days = ", ".join(rules.DAY_NAMES[d] for d in plan.days)
            every = "" if plan.every_weeks == 1 else f", every {plan.every_weeks} weeks"
            when = f"{plan.at:%H:%M} on {days}{every}"
        else:
            when = "off"
        typer.echo(f"{reminder.kind.label}: {when}  (“{reminder.kind.title}”)")
    typer.echo(f"Time zone: {zone}")
    typer.echo("Write them as a calendar file with: anchored reminders --out reminders.ics")
