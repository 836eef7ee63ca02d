"""Sharing's tables (hosted mode; empty in a personal vault): the grants a person makes to a
therapist, the records they pick one by one, every time a therapist opened a shared category
(the person's audit log) and the short notes a therapist leaves.

Every row is the person's (``owner_id``): their export has it and deleting their account
removes it. The therapist is named by account id only (no foreign key: a therapist's account
may be closed while the person keeps their log).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime, free_text


class SharingGrant(Base):
    """What one person lets one therapist see: categories (codes, space-separated), from
    ``since`` on, until ``ends_at`` or until revoked, whichever comes first."""

    __tablename__ = "sharing_grants"
    __record_label__ = "sharing choices"
    __table_args__ = (Index("ix_sharing_grants_therapist_id", "therapist_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    therapist_id: Mapped[int] = mapped_column(Integer)
    categories: Mapped[str] = mapped_column(String(400))
    since: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SharedRecord(Base):
    """One record the person chose to share on its own (a thought record, a journal entry)."""

    __tablename__ = "shared_records"
    __record_label__ = "records chosen to share"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    grant_id: Mapped[int] = mapped_column(
        ForeignKey("sharing_grants.id", ondelete="CASCADE"), index=True
    )
    category: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(Integer)


class SharingAccess(Base):
    """A therapist opened one of the person's shared categories (what the person's log shows)."""

    __tablename__ = "sharing_access"
    __record_label__ = "times a therapist looked"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    therapist_id: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class TherapistNote(Base):
    """A short note a therapist left for the person, shown on their home until dismissed."""

    __tablename__ = "therapist_notes"
    __record_label__ = "notes from a therapist"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    therapist_id: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = free_text(500)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    dismissed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
