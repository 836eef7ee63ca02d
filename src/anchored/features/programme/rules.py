"""Programme progression: the person's own statuses, and which step to suggest today."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

STATUSES: Final = ("not_started", "exploring", "practising", "solid")
STATUS_LABELS: Final = {
    "not_started": "Not started",
    "exploring": "Exploring",
    "practising": "Practising",
    "solid": "Feels solid",
}


def suggest_step(
    steps: Sequence[int], statuses: Mapping[int, str], pinned: int | None
) -> int | None:
    """The pinned step, else the first step not marked 'feels solid'; None if all are solid."""
    if pinned is not None and pinned in steps:
        return pinned
    return next((n for n in steps if statuses.get(n, "not_started") != "solid"), None)
