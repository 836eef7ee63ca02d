"""Small steps and habits: the habits a person keeps, the days they did them, and the weekly
look back.

A day done is the person's local calendar date (a ``Date``), never a moment: a day stays the
day it was whatever the clock does later (summer time, a trip abroad).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime, free_text, utcnow

NAME_MAX = 120
WHY_MAX = 1000
SMALLEST_MAX = 300
REVIEW_MAX = 5000


class HabitDay(Base):
    """A day the habit was done (at most one row per habit and day). Defined before
    :class:`Habit` so delete-everything removes (and counts) the days first."""

    __tablename__ = "habit_days"
    __record_label__ = "habit days done"
    __table_args__ = (
        UniqueConstraint("habit_id", "day"),
        Index("ix_habit_days_owner_day", "owner_id", "day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    habit_id: Mapped[int] = mapped_column(ForeignKey("habits.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)


class Habit(Base):
    """A small goal or habit, and how often the person means to do it."""

    __tablename__ = "habits"
    __record_label__ = "habits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    name: Mapped[str] = free_text(NAME_MAX)
    why: Mapped[str | None] = free_text(WHY_MAX)
    smallest: Mapped[str | None] = free_text(SMALLEST_MAX)  # "two minutes counts"
    often: Mapped[str] = mapped_column(String(12))  # daily|some_days|weekly (rules.FREQUENCIES)
    days_a_week: Mapped[int | None] = mapped_column(Integer)  # for some_days: 2 to 6
    # The programme step it was written for, when it came from an exercise.
    step: Mapped[int | None] = mapped_column(Integer)


class HabitReview(Base):
    """A look back on a week: what worked, and what to make smaller."""

    __tablename__ = "habit_reviews"
    __record_label__ = "weekly habit reviews"
    __table_args__ = (Index("ix_habit_reviews_owner_created", "owner_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    week_start: Mapped[date] = mapped_column(Date)  # the Monday of the week it looks back on
    worked: Mapped[str | None] = free_text(REVIEW_MAX)
    smaller: Mapped[str | None] = free_text(REVIEW_MAX)
