"""The life-story timeline's tables: events, and the day the "enough for today" note was
set aside."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime, free_text, utcnow


class LifeEvent(Base):
    __tablename__ = "life_story_events"
    __record_label__ = "life-story events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    age: Mapped[int | None] = mapped_column(Integer)
    year: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = free_text(200)
    note: Mapped[str] = free_text(default="")


class LifeStoryPace(Base):
    """One row per owner: the local day they chose to go on past "enough for today"."""

    __tablename__ = "life_story_pace"
    __record_label__ = "life-story pacing"
    __table_args__ = (UniqueConstraint("owner_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    dismissed_on: Mapped[date | None] = mapped_column(Date)
