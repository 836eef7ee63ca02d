"""The tables every feature shares: the person's in-vault preferences, the optional record of
when the help card appeared, and the forms that created something (so one sent again does not
save a copy). Each feature's own tables live in its ``models.py``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage import accounts as _accounts  # noqa: F401 (hosted mode's tables, same metadata)
from anchored.storage.base import Base, UTCDateTime, utcnow


class OwnerPreference(Base):
    """Choices a person makes inside the vault (e.g. whether to keep a record of help cards)."""

    __tablename__ = "owner_preferences"
    __table_args__ = (UniqueConstraint("owner_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(String(200))


class SupportCardShown(Base):
    """When the help card appeared, kept only if the person chose to keep this record."""

    __tablename__ = "support_cards_shown"
    __record_label__ = "help cards recorded"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    shown_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    source: Mapped[str] = mapped_column(String(40))


class SentForm(Base):
    """A form that created something (``services.sent_forms``): its token, a fingerprint of
    what was sent, and where what it saved is shown. Never any of the words."""

    __tablename__ = "sent_forms"
    __export__ = False  # how the app avoids saving twice: nothing of the person's to export
    __table_args__ = (
        UniqueConstraint("owner_id", "token", "digest"),
        Index("ix_sent_forms_owner_sent", "owner_id", "sent_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    token: Mapped[str] = mapped_column(String(64))  # random, one per rendering of the form
    digest: Mapped[str] = mapped_column(String(64))  # SHA-256 of its address and fields
    url: Mapped[str | None] = mapped_column(String(300))
    listing: Mapped[str | None] = mapped_column(String(300))
    record_table: Mapped[str | None] = mapped_column(String(64))
    record_id: Mapped[int | None] = mapped_column(Integer)


class OwnerKey(Base):
    """A person's data key in hosted mode, wrapped by the master key (``storage/atrest.py``);
    a personal vault has the table and leaves it empty (SQLCipher encrypts the whole file)."""

    __tablename__ = "owner_keys"
    __export__ = False  # a key, not something the person wrote or chose

    owner_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    wrapped: Mapped[str] = mapped_column(String(200))  # base64(nonce | AES-GCM(master, key))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
