"""Placeholder: `anchored search` (filled in by the search feature)."""

from __future__ import annotations

import typer


def search() -> None:
    """Search your writing."""
    raise typer.Exit(1)
