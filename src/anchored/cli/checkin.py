"""Placeholder: `anchored checkin` (filled in by the check-in feature)."""

from __future__ import annotations

import typer


def checkin() -> None:
    """Record a check-in."""
    raise typer.Exit(1)
