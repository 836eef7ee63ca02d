"""What thought records offer the session summary (``thought_record.pickable`` and
``thought_record.summary`` in the manifest): the finished records of a period to tick, and the
ticked ones written out. Someone else's record is never listed or shown."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.features.thought_record import service
from anchored.features.thought_record.models import ThoughtRecord
from anchored.services.search_results import first_words

PICK_MAX = 200  # records listed to tick: a long period lists the newest


def _day(at: datetime, zone: tzinfo | None) -> str:
    local = at.astimezone(zone)
    return f"{local:%a} {local.day} {local:%b %Y}"


def pickable(
    session: Session, owner: Owner, *, since: datetime, until: datetime, zone: tzinfo | None
) -> list[tuple[int, str]]:
    """The owner's finished records started in [since, until), newest first, as (id, label):
    the day and the situation's first words."""
    query = (
        select(ThoughtRecord.id, ThoughtRecord.created_at, ThoughtRecord.situation)
        .where(
            ThoughtRecord.owner_id == owner.id,
            ThoughtRecord.finished_at.is_not(None),
            ThoughtRecord.created_at >= since,
            ThoughtRecord.created_at < until,
        )
        .order_by(ThoughtRecord.created_at.desc(), ThoughtRecord.id.desc())
        .limit(PICK_MAX)
    )
    return [
        (record_id, f"{_day(at, zone)}: {first_words(situation)}")
        for record_id, at, situation in session.execute(query)
    ]


def written_out(
    session: Session, owner: Owner, ids: Iterable[int], *, zone: tzinfo | None
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The owner's finished records among ``ids``, oldest first: a heading (the day) and
    (label, words) for each step that has words."""
    query = (
        select(ThoughtRecord)
        .where(
            ThoughtRecord.owner_id == owner.id,
            ThoughtRecord.finished_at.is_not(None),
            ThoughtRecord.id.in_(list(ids)),
        )
        .order_by(ThoughtRecord.created_at, ThoughtRecord.id)
    )
    found = []
    for record in session.scalars(query):
        feelings = "; ".join(change.short for change in service.emotion_changes(record))
        traps = ", ".join(service.trap_names(session, owner, record))
        rows = [
            ("What happened", record.situation),
            ("The thought", record.automatic_thought),
            ("Feelings, before and after", feelings),
            ("Thinking traps spotted", traps),
            ("What supports the thought", record.evidence_for),
            ("What does not", record.evidence_against),
            ("What a friend might say", record.friend_view),
            ("A more balanced thought", record.balanced_thought),
        ]
        found.append((_day(record.created_at, zone), [(k, v) for k, v in rows if v.strip()]))
    return found
