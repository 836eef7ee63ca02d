"""The learn feature's table: the signs reflection."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime, utcnow


class SignsReflectionEntry(Base):
    """'Which of these do you recognise?' — the signs ticked on one day. Never scored."""

    __tablename__ = "signs_reflections"
    __record_label__ = "sign reflections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Space-separated slugs from content/signs.yaml: chosen from a list, never typed, so
    # not free text.
    recognised: Mapped[str] = mapped_column(Text, default="")
