"""Placeholder: `anchored thought` (filled in by the thought-record feature)."""

from __future__ import annotations

import typer


def thought() -> None:
    """Work through a thought record."""
    raise typer.Exit(1)
