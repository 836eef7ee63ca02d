"""The exposure ladder's tables: the rungs (feared situations, rated 0-100) and the attempts
at each (predicted, peak and end anxiety, and what the person feared, saw and learned)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime, free_text, utcnow


class LadderRung(Base):
    __tablename__ = "ladder_rungs"
    __record_label__ = "exposure ladder rungs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    situation: Mapped[str] = free_text(300)
    # How hard it feels, 0 (not at all) to 100 (the hardest the person can imagine).
    rating: Mapped[int] = mapped_column(Integer)


class LadderAttempt(Base):
    __tablename__ = "ladder_attempts"
    __record_label__ = "exposure ladder attempts"
    __table_args__ = (Index("ix_ladder_attempts_rung_on", "rung_id", "attempted_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    rung_id: Mapped[int] = mapped_column(ForeignKey("ladder_rungs.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempted_on: Mapped[date] = mapped_column(Date)  # the person's local day
    # Anxiety 0-100: expected beforehand, at its highest, and when it ended.
    predicted: Mapped[int] = mapped_column(Integer)
    peak: Mapped[int] = mapped_column(Integer)
    at_end: Mapped[int] = mapped_column(Integer)
    feared: Mapped[str] = free_text(default="")
    happened: Mapped[str] = free_text(default="")
    learned: Mapped[str] = free_text(default="")
