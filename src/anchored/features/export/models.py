"""Export's table: the stable id each record carries in an export.

A record keeps one id across exports and imports, so the same record imported twice is one
record, and a record from another vault never takes the place of a different one. A record
made here gets a random id the first time it is exported; one brought in by an import keeps
the id it had. ``born`` is the record's first time (its creation, as exported), so an id the
database hands out again after a deletion is never mistaken for the record that had it.
"""

from __future__ import annotations

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base

UID_MAX = 64


class ExportId(Base):
    __tablename__ = "export_ids"
    __export__ = False  # bookkeeping: each exported record carries its id instead
    __table_args__ = (
        UniqueConstraint("owner_id", "table_name", "uid"),
        UniqueConstraint("row_id", "table_name"),  # one id per record
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[int] = mapped_column(Integer)
    uid: Mapped[str] = mapped_column(String(UID_MAX))
    born: Mapped[str] = mapped_column(String(40), default="")
