"""The reassurance tracker's tables: what the person tracks, each tap, and the weekly goal.

The table names (``checking_*``) are older than the feature's name and stay as they are.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime, free_text, utcnow


class ReassuranceBehaviour(Base):
    """A reassurance or checking behaviour the person tracks (built-in or their own)."""

    __tablename__ = "checking_behaviours"
    __table_args__ = (
        UniqueConstraint("owner_id", "name"),
        # Each built-in once per person. The name's constraint cannot tell on PostgreSQL,
        # where names are encrypted (a new random nonce each time); this one can (0020).
        Index("ix_checking_behaviours_owner_builtin", "owner_id", "builtin", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = free_text(120)  # a built-in's name, or the person's own words
    builtin: Mapped[str | None] = mapped_column(String(40))  # slug of a built-in behaviour


class ReassuranceEvent(Base):
    """One tap: "I felt the urge" or "I did it"."""

    __tablename__ = "checking_events"
    __record_label__ = "checking urges and acts"
    # The progress pages count taps by time (migration 0009).
    __table_args__ = (Index("ix_checking_events_owner_at", "owner_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    behaviour_id: Mapped[int] = mapped_column(
        ForeignKey("checking_behaviours.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(10))  # urge|act
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReassuranceGoal(Base):
    """A gentle step-down goal: at most N acts a day, for the week starting ``week_start``."""

    __tablename__ = "checking_goals"
    __table_args__ = (UniqueConstraint("owner_id", "week_start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    week_start: Mapped[date] = mapped_column(Date)
    max_acts_per_day: Mapped[int] = mapped_column(Integer)
