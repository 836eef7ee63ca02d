"""Support people: one row per person or group, in the order the person chose."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime, free_text, utcnow


class SupportPerson(Base):
    """A person or a group (``kind``). Phone and email are checked to be a number and an
    address (they make the call, text and email links); the name and the note are the
    person's own words."""

    __tablename__ = "support_people"
    __record_label__ = "support people"
    __table_args__ = (Index("ix_support_people_owner_position", "owner_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(10), default="person")
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = free_text(120)
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    # Codes from content/people.yaml's good_for, comma-separated, in the content's order.
    good_for: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = free_text(1000, default="")
