"""What a therapist sees of the thought records a person shares (hosted mode): only the
finished records the person picked one by one, from the grant's first day on, each in full as
they wrote it (what happened, the thought, the feelings before and after, the thinking traps,
the evidence and the balanced thought). Drafts and records not picked never show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from anchored.core.owner import Owner
from anchored.core.weeks import local_midnight
from anchored.features.thought_record import service
from anchored.features.thought_record.models import ThoughtRecord
from anchored.features.thought_record.rules import EmotionChange
from anchored.features.thought_record.summary import PICK_MAX
from anchored.manifest import Pickable, SharedPart
from anchored.services.owned import picked_between
from anchored.services.search_results import first_words


@dataclass(frozen=True, slots=True)
class Shown:
    record: ThoughtRecord
    changes: list[EmotionChange]
    traps: list[str]


def _finished_between(start: datetime, now: datetime) -> tuple[ColumnElement[bool], ...]:
    return (
        ThoughtRecord.finished_at.is_not(None),
        ThoughtRecord.created_at >= start,
        ThoughtRecord.created_at <= now,
    )


def pick(session: Session, owner: Owner, *, since: date, now: datetime) -> list[Pickable]:
    """The finished records started from ``since`` on, newest first: the first words of what
    happened (as the session summary lists them: the same thought often comes back, the
    situations tell records apart) and the day."""
    query = (
        select(
            ThoughtRecord.id,
            ThoughtRecord.created_at,
            ThoughtRecord.automatic_thought,
            ThoughtRecord.situation,
        )
        .where(ThoughtRecord.owner_id == owner.id, *_finished_between(local_midnight(since), now))
        .order_by(ThoughtRecord.created_at.desc(), ThoughtRecord.id.desc())
        .limit(PICK_MAX)
    )
    return [
        Pickable(record_id, first_words(situation or thought), created_at)
        for record_id, created_at, thought, situation in session.execute(query)
    ]


def view(
    session: Session,
    owner: Owner,
    *,
    since: date,
    now: datetime,
    picked: frozenset[int] | None = None,
) -> SharedPart:
    """The picked records of the period, newest first, each in full."""
    finished = ThoughtRecord.finished_at.is_not(None)
    records = picked_between(
        session, ThoughtRecord, owner, picked, local_midnight(since), now, finished
    )
    shown = [
        Shown(r, service.emotion_changes(r), service.trap_names(session, owner, r)) for r in records
    ]
    return SharedPart("thought_record/_shared.html", {"records": shown}, empty=not shown)
