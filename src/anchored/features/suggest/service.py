"""Suggestions as the person has them: the on-device model, behind an off switch (on by default).

The preference is one row of the shared ``owner_preferences`` table, so no table of our own.
Suggestions are never stored: they are worked out when asked for, and the words stay here.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.services.owned import insert_missing
from anchored.services.vault import OpenVault
from anchored.storage.models import OwnerPreference
from anchored.text import emotion_suggestions, start_loading, trap_suggestions

if TYPE_CHECKING:  # anchored.text.suggest imports numpy: not at start-up (benchmarks/startup.py)
    from anchored.text.suggest import Suggestion

PREFERENCE = "text_suggestions"
#: How long a page waits for a model that is still loading before it shows no suggestion.
WAIT_SECONDS = 5.0
#: Below this a trap is not worth asking about (scores over the 12 traps add up to 1).
TRAP_FLOOR = 0.15
EMOTION_FLOOR = 0.3


def after_unlock(_opened: OpenVault, _owner: Owner, *, now: datetime) -> None:
    """The manifest's ``after_unlock`` hook: start loading the on-device model in the
    background (once per process). The crisis safety net needs it whether suggestions are on
    or off, so the off switch is not read here."""
    del now
    start_loading()


def enabled(session: Session, owner: Owner) -> bool:
    query = select(OwnerPreference.value).where(
        OwnerPreference.owner_id == owner.id, OwnerPreference.key == PREFERENCE
    )
    return session.scalar(query) != "off"


def set_enabled(session: Session, owner: Owner, on: bool) -> None:
    query = select(OwnerPreference).where(
        OwnerPreference.owner_id == owner.id, OwnerPreference.key == PREFERENCE
    )
    if session.scalars(query).one_or_none() is None:
        row = {"owner_id": owner.id, "key": PREFERENCE, "value": "on"}
        insert_missing(session, OwnerPreference, [row])
    session.scalars(query).one().value = "on" if on else "off"
    session.flush()


def traps(session: Session, owner: Owner, text: str, k: int = 3) -> list[Suggestion]:
    """Up to ``k`` thinking traps worth asking about, or none when switched off."""
    if not text.strip() or not enabled(session, owner):
        return []
    found = trap_suggestions(text, k, wait=WAIT_SECONDS)
    return [s for s in found if s.score >= TRAP_FLOOR]


def emotions(
    session: Session, owner: Owner, text: str, k: int = 3, *, wait: float = WAIT_SECONDS
) -> list[Suggestion]:
    """Up to ``k`` of the app's emotion words, or none when switched off. ``wait=0`` never
    waits for a model that is still loading (a page fetching them as the person types)."""
    if not text.strip() or not enabled(session, owner):
        return []
    found = emotion_suggestions(text, k, wait=wait)
    return [s for s in found if s.score >= EMOTION_FLOOR]
