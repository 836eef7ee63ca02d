"""Self-compassion's tables: the person's kind phrases (in their order) and each break."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime, free_text, utcnow


class KindPhrase(Base):
    """A short, kind phrase the person says to themselves in a hard moment."""

    __tablename__ = "kind_phrases"
    __record_label__ = "kind phrases"
    __table_args__ = (Index("ix_kind_phrases_owner_position", "owner_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = free_text(300)


class CompassionBreak(Base):
    """One self-compassion break: how hard the moment felt before and after (0-10)."""

    __tablename__ = "compassion_breaks"
    __record_label__ = "self-compassion breaks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    feeling_before: Mapped[int | None] = mapped_column(Integer)
    feeling_after: Mapped[int | None] = mapped_column(Integer)
