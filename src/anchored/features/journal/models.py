"""The journal's table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime, free_text, utcnow


class JournalEntry(Base):
    __tablename__ = "journal_entries"
    __record_label__ = "journal entries"
    __table_args__ = (Index("ix_journal_entries_owner_created", "owner_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    title: Mapped[str | None] = free_text(200)
    body: Mapped[str] = free_text()
    # Set when the entry was written for a programme exercise.
    step: Mapped[int | None] = mapped_column(Integer)
    exercise: Mapped[str | None] = mapped_column(String(80))
    # Set when the entry answers a guided prompt (an id from this feature's content/prompts.yaml).
    prompt_id: Mapped[str | None] = mapped_column(String(80))
