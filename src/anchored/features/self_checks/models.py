"""Self-check tables: each result (answers by item number, never scores: those are worked
out from the questionnaire's file each time), and the person's reminder choices."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime, utcnow


class SelfCheckResult(Base):
    """One questionnaire, answered in full."""

    __tablename__ = "self_check_results"
    __record_label__ = "self-check results"
    __table_args__ = (
        Index("ix_self_check_results_owner_taken", "owner_id", "instrument_id", "taken_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    instrument_id: Mapped[str] = mapped_column(String(40))  # the file's id, e.g. "phq9"
    target: Mapped[str | None] = mapped_column(String(40))  # ECR-RS: whom it was about
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # {"1": 2, "2": 0, ...}: item number (as text, JSON's only key type) -> value chosen.
    answers: Mapped[dict[str, int]] = mapped_column(JSON)
    # Questions on the form that never count (PHQ-9's last one), by their id; may be empty.
    unscored: Mapped[dict[str, int] | None] = mapped_column(JSON)


class SelfCheckReminder(Base):
    """How often the person wants to be reminded of one questionnaire (None: never)."""

    __tablename__ = "self_check_reminders"
    __table_args__ = (UniqueConstraint("owner_id", "instrument_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    instrument_id: Mapped[str] = mapped_column(String(40))
    every_days: Mapped[int | None] = mapped_column(Integer)


class SelfCheckSettings(Base):
    """Choices about self-checks as a whole: whether home mentions a due check at all."""

    __tablename__ = "self_check_settings"
    __table_args__ = (UniqueConstraint("owner_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    reminders: Mapped[bool] = mapped_column(Boolean)
