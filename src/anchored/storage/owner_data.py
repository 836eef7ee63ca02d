"""Deleting everything one person has in hosted mode: every row they own, their search
documents, then their data key (so copies of their encrypted words in older backups can no
longer be read by anyone)."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from anchored.storage import atrest, search
from anchored.storage.base import Base
from anchored.storage.models import OwnerKey


def delete_owner_data(session: Session, owner_id: int) -> None:
    """Remove every row of ``owner_id`` in every table, children before parents (a table
    without ``owner_id`` loses the rows that point at the person's rows), the person's
    search documents, then shred their data key."""
    for table in reversed(Base.metadata.sorted_tables):
        if table.name == OwnerKey.__tablename__:
            continue
        if "owner_id" in table.columns:
            session.execute(table.delete().where(table.c.owner_id == owner_id))
            continue
        owned_parents = [fk for fk in table.foreign_keys if "owner_id" in fk.column.table.columns]
        if owned_parents:
            session.execute(
                table.delete().where(
                    or_(
                        *(
                            fk.parent.in_(
                                select(fk.column).where(fk.column.table.c.owner_id == owner_id)
                            )
                            for fk in owned_parents
                        )
                    )
                )
            )
    search.remove_owner(session, owner_id)
    atrest.shred_owner_key(session, owner_id)
    session.flush()


__all__ = ["delete_owner_data"]
