"""How search shows a thought record: the automatic thought."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.features.thought_record.models import ThoughtRecord
from anchored.services.search_results import TITLE_CHARS, Shown, first_words


def search_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    query = select(
        ThoughtRecord.id,
        ThoughtRecord.created_at,
        func.substr(ThoughtRecord.automatic_thought, 1, TITLE_CHARS * 2),
    ).where(ThoughtRecord.owner_id == owner.id, ThoughtRecord.id.in_(list(ids)))
    return {
        record_id: Shown(
            created_at,
            first_words(thought) if thought.strip() else "Thought record",
            f"/thought-records/{record_id}",
        )
        for record_id, created_at, thought in session.execute(query)
    }
