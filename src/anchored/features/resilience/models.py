"""The resilience memories' table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime, free_text, utcnow


class ResilienceMemory(Base):
    """A time the person got through something hard."""

    __tablename__ = "resilience_memories"
    __record_label__ = "resilience memories"
    __table_args__ = (Index("ix_resilience_memories_owner_created", "owner_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    happened: Mapped[str] = free_text()  # what happened
    did: Mapped[str] = free_text(default="")  # what they did to get through it
    shows: Mapped[str] = free_text(default="")  # what it shows about them
