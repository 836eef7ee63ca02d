"""The trust log's table: moments when someone did what they said, or didn't."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime, free_text, refers_to, utcnow


class TrustMoment(Base):
    __tablename__ = "trust_moments"
    __record_label__ = "trust log moments"
    __table_args__ = (Index("ix_trust_moments_owner_day", "owner_id", "happened_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    happened_on: Mapped[date] = mapped_column(Date)
    # A support person's id from the people feature (named, never imported; no foreign key,
    # as that feature may be absent), or None when the name was typed.
    person_id: Mapped[int | None] = mapped_column(Integer, info=refers_to("support_people"))
    person_name: Mapped[str] = free_text(120)
    said: Mapped[str] = free_text()  # what they said they would do
    kept: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = free_text(default="")
