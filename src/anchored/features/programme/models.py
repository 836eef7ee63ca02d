"""The programme's table: the person's own status for each step, and the pinned one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime, utcnow


class StepStatus(Base):
    """The person's own word for where they are with a programme step; no grades."""

    __tablename__ = "step_statuses"
    __table_args__ = (UniqueConstraint("owner_id", "step"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    step: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    pinned: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
