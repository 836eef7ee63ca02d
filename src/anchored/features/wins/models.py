"""Wins and affirmations: small wins with their day, and kind statements of worth."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime, free_text, refers_to, utcnow


class Win(Base):
    """A small win: what happened, the day, and (if the person likes) what it took."""

    __tablename__ = "wins"
    __record_label__ = "wins"
    __table_args__ = (Index("ix_wins_owner_day", "owner_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    day: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = free_text(500)
    took: Mapped[str] = free_text(2000, default="")
    # Where a win logged in one tap came from (e.g. "pause:12"); None for one written here.
    source: Mapped[str | None] = mapped_column(
        String(60), info=refers_to("pause_episodes", prefix="pause:")
    )


class Affirmation(Base):
    """A kind, true statement about the person's worth, in their own words."""

    __tablename__ = "affirmations"
    __record_label__ = "affirmations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    text: Mapped[str] = free_text(300)
