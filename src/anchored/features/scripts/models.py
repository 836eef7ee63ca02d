"""The scripts' tables: a script (the answers and the words put together from them) and each
time it was rehearsed, with how it felt."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime, free_text, utcnow


class Script(Base):
    __tablename__ = "scripts"
    __record_label__ = "scripts"
    __table_args__ = (Index("ix_scripts_owner_created", "owner_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(16))  # rules.KINDS: need, boundary, repair
    title: Mapped[str | None] = free_text(200)
    # The answers (see rules.KIND_INFO for what each kind asks in each of them).
    situation: Mapped[str] = free_text(default="")
    feeling: Mapped[str] = free_text(default="")
    need: Mapped[str] = free_text(default="")
    request: Mapped[str] = free_text(default="")
    # The words to say, put together from the answers when saved.
    wording: Mapped[str] = free_text(default="")


class Rehearsal(Base):
    """One time the script was read aloud, and how it felt (0 hard to 10 easy)."""

    __tablename__ = "script_rehearsals"
    __record_label__ = "script rehearsals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    script_id: Mapped[int] = mapped_column(ForeignKey("scripts.id", ondelete="CASCADE"), index=True)
    rehearsed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    felt: Mapped[int] = mapped_column(Integer)
