"""The thought record's tables: records, their emotions and traps, and the person's own traps."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from anchored.storage.base import Base, UTCDateTime, free_text, utcnow


class ThoughtRecord(Base):
    """A thought record, kept as a draft until it is finished. ``stage`` is where to resume."""

    __tablename__ = "thought_records"
    __record_label__ = "thought records"
    __table_args__ = (Index("ix_thought_records_owner_created", "owner_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    stage: Mapped[str] = mapped_column(String(20), default="situation")
    situation: Mapped[str] = free_text(default="")
    automatic_thought: Mapped[str] = free_text(default="")
    evidence_for: Mapped[str] = free_text(default="")
    evidence_against: Mapped[str] = free_text(default="")
    friend_view: Mapped[str] = free_text(default="")
    balanced_thought: Mapped[str] = free_text(default="")
    emotions: Mapped[list[ThoughtRecordEmotion]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
        order_by="ThoughtRecordEmotion.position",
    )
    traps: Mapped[list[ThoughtRecordTrap]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
        order_by="ThoughtRecordTrap.position",
    )


class ThoughtRecordEmotion(Base):
    """An emotion in a thought record, rated before and (once re-rated) after."""

    __tablename__ = "thought_record_emotions"
    __table_args__ = (UniqueConstraint("record_id", "emotion"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(
        ForeignKey("thought_records.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    emotion: Mapped[str] = mapped_column(String(40))
    before: Mapped[int] = mapped_column(Integer)
    after: Mapped[int | None] = mapped_column(Integer)


class ThoughtRecordTrap(Base):
    """A thinking trap spotted in a record: a built-in slug, or one of the person's own traps."""

    __tablename__ = "thought_record_traps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(
        ForeignKey("thought_records.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    trap: Mapped[str | None] = mapped_column(String(40))
    own_trap_id: Mapped[int | None] = mapped_column(
        ForeignKey("own_traps.id", ondelete="CASCADE"), index=True
    )


class OwnTrap(Base):
    """A thinking trap the person named themselves, shown beside the built-in twelve."""

    __tablename__ = "own_traps"
    __record_label__ = "own thinking traps"
    __table_args__ = (UniqueConstraint("owner_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = free_text(80)
    definition: Mapped[str] = free_text(default="")
    question: Mapped[str] = free_text(default="")
