"""The one hook every free-text tool calls after saving: does the text call for the help card?

Nothing is blocked and nothing leaves the machine. A match only means the next screen shows
crisis lines and the safety plan first. By default no trace of the match is kept; the person
may choose to keep a private record of when the card appeared (never what matched).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from anchored.core.crisis import check as crisis_check
from anchored.core.owner import Owner
from anchored.services.owned import insert_missing
from anchored.storage.models import OwnerPreference, SupportCardShown

KEEP_RECORD = "keep_support_card_record"


@dataclass(frozen=True, slots=True)
class Saved:
    """What a service returns after saving something a person wrote: the record's id, and
    whether what they wrote calls for the help card (shown first on the next page)."""

    id: int
    needs_help: bool


def calls_for_help(*texts: str | None) -> bool:
    """Whether any of ``texts`` calls for the help card (nothing is recorded)."""
    return any(crisis_check(text) for text in texts if text)


def after_save(session: Session, owner: Owner, source: str, *texts: str | None) -> bool:
    """True if any of ``texts`` calls for the help card. Call it after every free-text save."""
    if not calls_for_help(*texts):
        return False
    if keeps_record(session, owner):
        session.add(SupportCardShown(owner_id=owner.id, source=source[:40]))
        session.flush()
    return True


def saved(session: Session, owner: Owner, source: str, record_id: int, *texts: str | None) -> Saved:
    """Run the crisis check on ``texts`` (everything the person wrote in this save) and say
    what was saved. Services call this last, so no route or command can skip the check."""
    return Saved(record_id, after_save(session, owner, source, *texts))


def keeps_record(session: Session, owner: Owner) -> bool:
    query = select(OwnerPreference.value).where(
        OwnerPreference.owner_id == owner.id, OwnerPreference.key == KEEP_RECORD
    )
    return session.scalar(query) == "on"


def set_keep_record(session: Session, owner: Owner, keep: bool) -> None:
    """Turn the record on or off. Turning it off also deletes what was recorded."""
    query = select(OwnerPreference).where(
        OwnerPreference.owner_id == owner.id, OwnerPreference.key == KEEP_RECORD
    )
    preference = session.scalars(query).one_or_none()
    if preference is None:
        row = {"owner_id": owner.id, "key": KEEP_RECORD, "value": "off"}
        insert_missing(session, OwnerPreference, [row])  # safe when two requests do it at once
        preference = session.scalars(query).one()
    preference.value = "on" if keep else "off"
    if not keep:
        session.execute(delete(SupportCardShown).where(SupportCardShown.owner_id == owner.id))
    session.flush()


def recorded_times(session: Session, owner: Owner) -> Sequence[datetime]:
    query = (
        select(SupportCardShown.shown_at)
        .where(SupportCardShown.owner_id == owner.id)
        .order_by(SupportCardShown.shown_at.desc())
    )
    return session.scalars(query).all()
