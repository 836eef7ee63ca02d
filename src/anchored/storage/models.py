"""Tables not yet moved into a feature's own ``models.py``, and the shared ones."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from anchored.storage.base import NAMING_CONVENTION, Base, UTCDateTime, utcnow

__all__ = ["NAMING_CONVENTION", "Base", "UTCDateTime", "utcnow"]


class OwnerPreference(Base):
    """Choices a person makes inside the vault (e.g. whether to keep a record of help cards)."""

    __tablename__ = "owner_preferences"
    __table_args__ = (UniqueConstraint("owner_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(String(200))


class SupportCardShown(Base):
    """When the help card appeared, kept only if the person chose to keep this record."""

    __tablename__ = "support_cards_shown"
    __record_label__ = "help cards recorded"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    shown_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    source: Mapped[str] = mapped_column(String(40))


class ThoughtRecord(Base):
    """A thought record, kept as a draft until it is finished. ``stage`` is where to resume."""

    __tablename__ = "thought_records"
    __record_label__ = "thought records"
    __table_args__ = (Index("ix_thought_records_owner_created", "owner_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    stage: Mapped[str] = mapped_column(String(20), default="situation")
    situation: Mapped[str] = mapped_column(Text, default="")
    automatic_thought: Mapped[str] = mapped_column(Text, default="")
    evidence_for: Mapped[str] = mapped_column(Text, default="")
    evidence_against: Mapped[str] = mapped_column(Text, default="")
    friend_view: Mapped[str] = mapped_column(Text, default="")
    balanced_thought: Mapped[str] = mapped_column(Text, default="")
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
    name: Mapped[str] = mapped_column(String(80))
    definition: Mapped[str] = mapped_column(Text, default="")
    question: Mapped[str] = mapped_column(Text, default="")
