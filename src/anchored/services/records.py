"""What the tables hold, across every feature: how many records of each kind an owner has (for
`anchored status`), and which columns hold a person's words."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.storage.base import Base, is_free_text


def count_records(session: Session, owner: Owner) -> dict[str, int]:
    """Count every owned record type; each model names itself with ``__record_label__``."""
    counts: dict[str, int] = {}
    for mapper in sorted(Base.registry.mappers, key=lambda m: m.class_.__name__):
        model = mapper.class_
        label = getattr(model, "__record_label__", None)
        if label is None:
            continue
        query = select(func.count()).select_from(model).where(model.owner_id == owner.id)
        counts[label] = session.scalar(query) or 0
    return counts


def free_text_names() -> frozenset[str]:
    """The names of the columns holding words a person wrote, in every loaded table (forms
    name their fields after them, e.g. ``body``, ``title``, ``note``)."""
    return frozenset(
        column.name
        for table in Base.metadata.tables.values()
        for column in table.columns
        if is_free_text(column)
    )
