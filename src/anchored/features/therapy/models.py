"""The therapy feature's tables: things to bring to the next session, and the session
summaries a person kept for their therapist (hosted mode)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime, free_text, utcnow


class SessionPrepItem(Base):
    """Something to bring to the next therapy session."""

    __tablename__ = "session_prep_items"
    __record_label__ = "session notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    text: Mapped[str] = free_text()


class SharedSummary(Base):
    """A session summary the person kept for their therapist (hosted mode), as it was shown
    when they pressed the button: each section's lines and tables of numbers (``body``, JSON),
    the period and when it was made. A therapist sees it only while the person shares
    "Session summaries" with them; the person can delete it at any time."""

    __tablename__ = "shared_summaries"
    __record_label__ = "summaries kept for your therapist"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    weeks: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = free_text()
