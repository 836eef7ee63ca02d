"""Hosted mode's accounts: who may sign in, the invitations that make accounts, the browser
sessions (server-side, so any worker serves any request), failed sign-ins (rate limits all
workers agree on) and what happened to each account (for admins; never anyone's writing).

An account's id is its owner id: every record the person writes carries it as ``owner_id``.
In personal mode these tables stay empty. Secrets are kept only as SHA-256 digests (invite
and session tokens) or Argon2id hashes (passwords).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base, UTCDateTime


class Account(Base):
    __tablename__ = "accounts"
    __export__ = False

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)  # kept in lower case
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # person, therapist, admin
    disabled: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Invite(Base):
    __tablename__ = "account_invites"
    __export__ = False

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[int | None] = mapped_column(Integer)  # None: the first admin's command
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WebSession(Base):
    __tablename__ = "web_sessions"
    __export__ = False

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LoginFailure(Base):
    """One failed sign-in, by what it counts against: ``account:<digest of the name>`` (known
    or not, so the limit says nothing about who exists) or ``address:<client address>``."""

    __tablename__ = "login_failures"
    __export__ = False
    __table_args__ = (Index("ix_login_failures_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class AccountEvent(Base):
    """Something that happened to an account (created, signed in, disabled, enabled, deleted):
    what admins see. Kept after the account is deleted, so no foreign key."""

    __tablename__ = "account_events"
    __export__ = False

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    by_account_id: Mapped[int | None] = mapped_column(Integer)
