"""The progress feature's tables: dated self-ratings of the six signs of progress."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from anchored.storage.base import Base, UTCDateTime, free_text, utcnow


class SignsRating(Base):
    """One day's self-rating of the signs of progress: the person's own view, never a test."""

    __tablename__ = "progress_ratings"
    __record_label__ = "signs-of-progress ratings"
    __table_args__ = (Index("ix_progress_ratings_owner_rated", "owner_id", "rated_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    rated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    note: Mapped[str] = free_text(default="")
    scores: Mapped[list[SignScore]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
        order_by="SignScore.position",
    )


class SignScore(Base):
    """One sign (a slug from content/signs.yaml) rated 0-10; a sign left out has no row."""

    __tablename__ = "progress_sign_scores"
    __table_args__ = (UniqueConstraint("rating_id", "sign"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rating_id: Mapped[int] = mapped_column(
        ForeignKey("progress_ratings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    sign: Mapped[str] = mapped_column(String(40))
    value: Mapped[int] = mapped_column(Integer)
