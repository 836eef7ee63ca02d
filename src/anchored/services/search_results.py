"""What a search result shows, loaded by the feature that owns the record.

Each feature that puts records in the search index names a loader in its manifest
(``SearchKind.loader``): ``f(session, owner, ids) -> dict[id, Shown]``, one query for all
the ids, never one per hit. Search itself knows no feature.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

TITLE_CHARS = 80


@dataclass(frozen=True, slots=True)
class Shown:
    """What one result needs for display, loaded from its record."""

    created_at: datetime
    title: str
    url: str


def first_words(text: str, limit: int = TITLE_CHARS) -> str:
    """``text`` on one line, cut after a whole word once it passes ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(".,;:!?-\u2013\u2014 ") + "…"
