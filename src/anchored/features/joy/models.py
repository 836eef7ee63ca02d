"""The joy list's table."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime, free_text, utcnow


class JoyItem(Base):
    """Something that brings the person joy, in the order they chose."""

    __tablename__ = "joy_items"
    __record_label__ = "joy list items"
    __table_args__ = (Index("ix_joy_items_owner_position", "owner_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    what: Mapped[str] = free_text(300)
    # The person's own calendar day they last did it (None: not said, or not yet).
    last_done: Mapped[date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer, default=0)
