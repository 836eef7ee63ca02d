"""How search shows a thought record: the automatic thought."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.features.thought_record.models import ThoughtRecord
from anchored.services.search_results import TITLE_CHARS, Shown, first_words
from anchored.storage.base import opening_of

_RECORDS = ThoughtRecord.__table__
# Built once (building a statement costs SQLAlchemy more than SQLite spends running it).
_FOUND = select(
    _RECORDS.c.id,
    _RECORDS.c.created_at,
    opening_of(_RECORDS.c.automatic_thought, TITLE_CHARS * 2),
).where(
    _RECORDS.c.owner_id == bindparam("owner"),
    _RECORDS.c.id.in_(bindparam("ids", expanding=True)),
)


def search_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    rows = session.connection().execute(_FOUND, {"owner": owner.id, "ids": list(ids)})
    return {
        record_id: Shown(
            created_at,
            first_words(thought) if thought.strip() else "Thought record",
            f"/thought-records/{record_id}",
        )
        for record_id, created_at, thought in rows
    }
