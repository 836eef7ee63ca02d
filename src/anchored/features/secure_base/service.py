"""The secure-base kit: gather each feature's ``kit`` hook for the day.

The kit has no table of its own. Each part is a feature with a ``kit`` hook (joy, resilience,
self-compassion, wins, support people, whichever are installed); a part with nothing yet says
what to add there, from that feature's entry on the Tools page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.features.secure_base import rules
from anchored.manifest import Feature, KitItem, Registry, ShelfEntry

HOME_PART = "home"
KIT_GROUP = "Your secure base"


@dataclass(frozen=True, slots=True)
class KitPart:
    """One part of the kit: the feature's item for today, or None with where to add one."""

    feature: str
    title: str
    item: KitItem | None
    add: ShelfEntry | None


def _add_entry(feature: Feature) -> ShelfEntry | None:
    """Where to add something for this part: its Tools-page entry in the kit's group first."""
    ordered = sorted(feature.shelf, key=lambda e: (e.group != KIT_GROUP, e.order))
    return ordered[0] if ordered else None


def gather(
    session: Session, owner: Owner, registry: Registry, *, now: datetime, turn: int = 0
) -> list[KitPart]:
    """Every part of the owner's kit for their local day (``turn`` picks again)."""
    day = now.astimezone().date()
    parts = []
    for feature, hook in registry.hooks("kit"):
        rng = rules.rng_for(day, owner.id, feature.name, turn)
        item: KitItem | None = hook(session, owner, rng, now=now)
        parts.append(KitPart(feature.name, feature.title, item, _add_entry(feature)))
    return parts


def todays_part(parts: list[KitPart], owner: Owner, *, now: datetime) -> KitPart | None:
    """The one item home shows today (the same all day), or None when the kit is empty."""
    found = [part for part in parts if part.item is not None]
    if not found:
        return None
    rng = rules.rng_for(now.astimezone().date(), owner.id, HOME_PART)
    return rng.choice(found)
