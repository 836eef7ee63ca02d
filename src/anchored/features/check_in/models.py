"""The check-in's tables: a check-in, its feelings and factors, and the person's own tags."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from anchored.storage.base import Base, UTCDateTime, free_text, utcnow


class CheckIn(Base):
    """A check-in: emotion words with intensity, contributing factors, a note."""

    __tablename__ = "check_ins"
    __record_label__ = "check-ins"
    __table_args__ = (Index("ix_check_ins_owner_created", "owner_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    note: Mapped[str] = free_text(default="")
    emotions: Mapped[list[CheckInEmotion]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
        order_by="CheckInEmotion.position",
    )
    factors: Mapped[list[CheckInFactor]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
        order_by="CheckInFactor.position",
    )


class CheckInEmotion(Base):
    """One emotion word picked in a check-in (a slug from content/emotions.yaml), 0-10."""

    __tablename__ = "check_in_emotions"
    __table_args__ = (UniqueConstraint("check_in_id", "emotion"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    check_in_id: Mapped[int] = mapped_column(
        ForeignKey("check_ins.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    emotion: Mapped[str] = mapped_column(String(40))
    intensity: Mapped[int] = mapped_column(Integer)


class CheckInFactor(Base):
    """A contributing factor: a built-in slug from this feature's content/factors.yaml or the
    person's own tag."""

    __tablename__ = "check_in_factors"
    __table_args__ = (UniqueConstraint("check_in_id", "factor"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    check_in_id: Mapped[int] = mapped_column(
        ForeignKey("check_ins.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Built-in factors are stored by slug; the person's own by name (kept if the tag is
    # removed), so this holds words the person wrote.
    factor: Mapped[str] = free_text(60)
    own: Mapped[bool] = mapped_column(default=False)


class OwnFactor(Base):
    """A contributing-factor tag the person added to the built-in ones."""

    __tablename__ = "own_factors"
    __table_args__ = (UniqueConstraint("owner_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = free_text(60)
