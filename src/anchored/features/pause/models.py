"""The pause's tables: each pause (episode) and the thoughts sorted during it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime, free_text, utcnow


class PauseEpisode(Base):
    """One pause: the hard moment, the timer, the held message and what the person decided."""

    __tablename__ = "pause_episodes"
    __record_label__ = "pauses"
    # The progress pages count pauses by time (migration 0009).
    __table_args__ = (Index("ix_pause_episodes_owner_started", "owner_id", "started_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)  # moves when the timer is extended
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    planned_minutes: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="running")  # running|finished|abandoned
    what_happened: Mapped[str] = free_text(default="")
    held_message: Mapped[str] = free_text(default="")
    final_message: Mapped[str] = free_text(default="")
    urge_before: Mapped[int | None] = mapped_column(Integer)
    urge_after: Mapped[int | None] = mapped_column(Integer)
    decision: Mapped[str | None] = mapped_column(String(30))
    note: Mapped[str] = free_text(default="")


class PauseStatement(Base):
    """A sentence from "fact or feeling?", sorted by the person (or not yet)."""

    __tablename__ = "pause_statements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    episode_id: Mapped[int] = mapped_column(
        ForeignKey("pause_episodes.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = free_text()
    kind: Mapped[str] = mapped_column(String(10), default="")  # fact|feeling|'' (unsorted)
