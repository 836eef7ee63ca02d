"""'Which of these do you recognise?': private, dated, never scored."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput
from anchored.core.owner import Owner
from anchored.features.learn.models import SignsReflectionEntry

NOTHING_TICKED = (
    "Tick at least one sign to save a reflection. If none feel familiar today, "
    "there is nothing you need to save."
)


def save_signs(
    session: Session,
    owner: Owner,
    chosen: Collection[str],
    known: Sequence[str],
    *,
    now: datetime,
) -> SignsReflectionEntry:
    """Save the signs recognised today (in the order they are listed), dated ``now``.

    At least one: an empty reflection would only ever read "0 of 13 felt familiar"."""
    unknown = set(chosen) - set(known)
    if unknown:
        raise InvalidInput({"signs": "Choose from the listed signs."})
    if not chosen:
        raise InvalidInput({"signs": NOTHING_TICKED})
    entry = SignsReflectionEntry(
        owner_id=owner.id, recognised=" ".join(s for s in known if s in chosen), created_at=now
    )
    session.add(entry)
    session.flush()
    return entry


def list_signs(session: Session, owner: Owner) -> Sequence[SignsReflectionEntry]:
    """The owner's reflections, newest first."""
    query = (
        select(SignsReflectionEntry)
        .where(SignsReflectionEntry.owner_id == owner.id)
        .order_by(SignsReflectionEntry.created_at.desc(), SignsReflectionEntry.id.desc())
    )
    return session.scalars(query).all()
