"""Resilience memories: times the person got through something hard. Add, read, list, edit,
delete.

Every save runs the crisis check on all three parts and keeps them in the search index, in
the same transaction; deleting a memory removes them.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput
from anchored.core.limits import check_length
from anchored.core.owner import Owner
from anchored.features.resilience import SEARCH
from anchored.features.resilience.models import ResilienceMemory
from anchored.features.resilience.rules import PARTS, MemoryText
from anchored.manifest import KitItem, StepItem
from anchored.services.owned import get_owned
from anchored.services.search_results import TITLE_CHARS, Shown, first_words
from anchored.services.support import Saved, saved
from anchored.storage.base import opening_of
from anchored.storage.search import index_document, remove_document

__all__ = ["MemoryText", "ResilienceMemory", "Saved"]

SOURCE = "resilience memories"  # names the tool in the private record of help cards shown
TEXT_MAX = 5_000
STEP = 3


def _clean(text: MemoryText) -> MemoryText:
    cleaned = text.stripped()
    errors: dict[str, str] = {}
    if not cleaned.happened:
        errors["happened"] = (
            "Write what happened first, even in a few words; the other boxes can stay empty."
        )
    for part, value in zip(PARTS, cleaned.texts(), strict=True):
        check_length(errors, part, value, TEXT_MAX, "This box")
    if errors:
        raise InvalidInput(errors)
    return cleaned


def _index(session: Session, memory: ResilienceMemory) -> None:
    body = "\n".join(text for text in (memory.happened, memory.did, memory.shows) if text)
    index_document(session, memory.owner_id, SEARCH.code, memory.id, "", body)


def add_memory(session: Session, owner: Owner, text: MemoryText, *, now: datetime) -> Saved:
    """Save a new memory."""
    cleaned = _clean(text)
    memory = ResilienceMemory(
        owner_id=owner.id,
        created_at=now,
        updated_at=now,
        happened=cleaned.happened,
        did=cleaned.did,
        shows=cleaned.shows,
    )
    session.add(memory)
    session.flush()
    _index(session, memory)
    return saved(session, owner, SOURCE, memory.id, *cleaned.texts())


def update_memory(
    session: Session, owner: Owner, memory_id: int, text: MemoryText, *, now: datetime
) -> Saved:
    """Change a memory's three parts (the day it was written stays)."""
    memory = get_memory(session, owner, memory_id)
    cleaned = _clean(text)
    memory.happened, memory.did, memory.shows = cleaned.texts()
    memory.updated_at = now
    session.flush()
    _index(session, memory)
    return saved(session, owner, SOURCE, memory.id, *cleaned.texts())


def delete_memory(session: Session, owner: Owner, memory_id: int) -> None:
    """Delete a memory and its searchable text."""
    session.delete(get_memory(session, owner, memory_id))
    remove_document(session, SEARCH.code, memory_id)
    session.flush()


def get_memory(session: Session, owner: Owner, memory_id: int) -> ResilienceMemory:
    """One memory; :class:`NotFound` if it is missing or someone else's."""
    return get_owned(session, ResilienceMemory, owner, memory_id)


def list_memories(
    session: Session, owner: Owner, *, limit: int = 50, offset: int = 0
) -> Sequence[ResilienceMemory]:
    """The owner's memories, newest first."""
    query = (
        select(ResilienceMemory)
        .where(ResilienceMemory.owner_id == owner.id)
        .order_by(ResilienceMemory.created_at.desc(), ResilienceMemory.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return session.scalars(query).all()


def count_memories(session: Session, owner: Owner) -> int:
    query = (
        select(func.count())
        .select_from(ResilienceMemory)
        .where(ResilienceMemory.owner_id == owner.id)
    )
    return session.scalar(query) or 0


# -- what other parts of the app show (named in the manifest) --------------------------------


# Home shows the kit on every visit: built once (building costs more than running it).
_MEMORIES = ResilienceMemory.__table__
_MEMORY_IDS = (
    select(_MEMORIES.c.id)
    .where(_MEMORIES.c.owner_id == bindparam("owner"))
    .order_by(_MEMORIES.c.id)
)


def kit_item(
    session: Session, owner: Owner, rng: random.Random, *, now: datetime | None = None
) -> KitItem | None:
    """For the secure-base kit: one of the owner's memories, chosen by ``rng``."""
    ids = list(session.connection().execute(_MEMORY_IDS, {"owner": owner.id}).scalars())
    if not ids:
        return None
    memory = get_memory(session, owner, rng.choice(ids))
    return KitItem(
        heading="A time you got through something hard",
        text=memory.happened,
        path=f"/resilience/{memory.id}",
        detail=memory.shows or memory.did,
    )


def step_items(session: Session, owner: Owner, step: int) -> list[StepItem]:
    """Step 3's page lists the memories, newest first."""
    if step != STEP:
        return []
    return [
        StepItem(
            title=first_words(memory.happened),
            path=f"/resilience/{memory.id}",
            created_at=memory.created_at,
            detail="Resilience memory",
        )
        for memory in list_memories(session, owner, limit=1_000)
    ]


def search_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    """How search shows a memory: the first words of what happened."""
    query = select(
        ResilienceMemory.id,
        ResilienceMemory.created_at,
        opening_of(ResilienceMemory.happened, TITLE_CHARS * 2),
    ).where(ResilienceMemory.owner_id == owner.id, ResilienceMemory.id.in_(list(ids)))
    return {
        memory_id: Shown(created_at, first_words(opening), f"/resilience/{memory_id}")
        for memory_id, created_at, opening in session.execute(query)
    }


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each free-text field, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card)."""
    for part in PARTS:
        answers = {"happened": "A hard winter.", part: text}
        done = add_memory(session, owner, MemoryText(**answers), now=now)
        yield f"resilience_memories.{part}", done.needs_help


def reindex(session: Session, owner: Owner) -> None:
    """Write the search text of ``owner``'s resilience memories again (after an import)."""
    rows = session.scalars(
        select(ResilienceMemory).where(ResilienceMemory.owner_id == owner.id)
    ).all()
    for row in rows:
        _index(session, row)
