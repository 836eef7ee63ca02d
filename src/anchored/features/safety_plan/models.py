"""The safety plan's table: one plan per owner."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime, free_text, refers_to, utcnow


class SafetyPlan(Base):
    """One plan per owner: six sections after the Stanley-Brown structure, plus what matters."""

    __tablename__ = "safety_plans"
    __record_label__ = "safety plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, unique=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    warning_signs: Mapped[str] = free_text(default="")
    coping_alone: Mapped[str] = free_text(default="")
    distractions: Mapped[str] = free_text(default="")
    help_people: Mapped[str] = free_text(default="")
    professionals: Mapped[str] = free_text(default="")
    safer_surroundings: Mapped[str] = free_text(default="")
    what_matters: Mapped[str] = free_text(default="")
    # The support people picked for "people I can ask for help" (ids, comma-separated), when
    # a feature offers ``people.choices``; shown with their current numbers.
    help_people_ids: Mapped[str] = mapped_column(
        String(400), default="", server_default="", info=refers_to("support_people", separator=",")
    )
