"""The trigger log's table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime, free_text, utcnow


class TriggerLogEntry(Base):
    """Step 2's trigger log: what set it off, where it may come from, old and new responses."""

    __tablename__ = "trigger_log_entries"
    __record_label__ = "trigger log entries"
    # The progress pages count entries by time (migration 0009).
    __table_args__ = (Index("ix_trigger_log_entries_owner_created", "owner_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    trigger: Mapped[str] = free_text()
    origin: Mapped[str] = free_text(default="")
    usual_response: Mapped[str] = free_text(default="")
    new_response: Mapped[str] = free_text(default="")
    # The pause it was made from (the pause feature's table; named, never imported).
    episode_id: Mapped[int | None] = mapped_column(
        ForeignKey("pause_episodes.id", ondelete="SET NULL")
    )
