"""Hosted mode's accounts: invitations, sign-in with rate limits, server-side sessions,
sign-out (here or everywhere), disabling accounts, deleting one's own account with all its
data, and the events admins see (never anyone's writing).

Tokens (invitations, sessions) are random, shown or sent once, and stored only as SHA-256
digests; passwords as Argon2id hashes (argon2-cffi). Every function takes ``now``.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from anchored.core import accounts as rules
from anchored.core.errors import InvalidInput, NotFound
from anchored.core.owner import Owner
from anchored.storage import atrest, owner_data
from anchored.storage.accounts import Account, AccountEvent, Invite, LoginFailure, WebSession
from anchored.storage.base import UTCDateTime
from anchored.storage.models import OwnerPreference

Profile = Literal["standard", "fast"]


@cache
def hasher(profile: Profile = "standard") -> PasswordHasher:
    """Argon2id with argon2-cffi's defaults; 'fast' (tests only) costs almost nothing."""
    if profile == "fast":
        return PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    return PasswordHasher()


@cache
def _dummy_hash(profile: Profile) -> str:
    # Checked against when the name is unknown, so both answers take as long.
    return hasher(profile).hash(secrets.token_urlsafe(16))


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class SignedIn:
    """Who a browser session belongs to, for one request."""

    account_id: int
    username: str
    role: str
    csrf_token: str

    @property
    def owner(self) -> Owner:
        return Owner(id=self.account_id)

    @property
    def is_admin(self) -> bool:
        return self.role == rules.ADMIN


@dataclass(frozen=True, slots=True)
class NewSession:
    token: str  # for the cookie; only its digest is kept
    signed_in: SignedIn


class SignInRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _event(
    session: Session, account_id: int, kind: str, now: datetime, by: int | None = None
) -> None:
    session.add(AccountEvent(account_id=account_id, kind=kind, at=now, by_account_id=by))


# -- invitations -----------------------------------------------------------------------------


def create_invite(session: Session, by: SignedIn | None, role: str, *, now: datetime) -> str:
    """A one-time invitation token for an account with ``role``, valid for a week. ``by`` is
    the admin making it (None: the first admin, from the command line)."""
    if by is not None and not by.is_admin:
        raise NotFound
    if role not in rules.ROLES:
        raise InvalidInput({"role": "Choose person, therapist or admin."})
    token = secrets.token_urlsafe(32)
    session.add(
        Invite(
            token_hash=digest(token),
            role=role,
            created_by=by.account_id if by else None,
            created_at=now,
            expires_at=now + rules.INVITE_LIFETIME,
        )
    )
    session.flush()
    return token


def open_invite(session: Session, token: str, *, now: datetime) -> Invite | None:
    """The invitation behind ``token`` if it is unused and unexpired; else None."""
    invite = session.scalar(select(Invite).where(Invite.token_hash == digest(token)))
    if invite is None or invite.used_at is not None or invite.expires_at <= now:
        return None
    return invite


def accept_invite(
    session: Session,
    token: str,
    username: str,
    password: str,
    *,
    now: datetime,
    profile: Profile = "standard",
) -> SignedIn:
    """Make the account the invitation is for; the invitation is used up."""
    invite = open_invite(session, token, now=now)
    if invite is None:
        raise NotFound
    name = rules.clean_username(username)
    errors: dict[str, str] = {}
    if (problem := rules.username_problem(name)) is not None:
        errors["username"] = problem
    elif session.scalar(select(Account.id).where(Account.username == name)) is not None:
        errors["username"] = "That name is taken. Please choose another."
    if (problem := rules.password_problem(password, name)) is not None:
        errors["password"] = problem
    if errors:
        raise InvalidInput(errors)
    # Claimed first, so the same link opened twice at once makes one account.
    claimed = session.execute(
        update(Invite).where(Invite.id == invite.id, Invite.used_at.is_(None)).values(used_at=now)
    )
    if getattr(claimed, "rowcount", 0) != 1:
        raise NotFound
    account = Account(
        username=name,
        password_hash=hasher(profile).hash(password),
        role=invite.role,
        disabled=False,
        created_at=now,
    )
    session.add(account)
    session.flush()
    atrest.ensure_owner_key(session, account.id)
    _event(session, account.id, "created", now, invite.created_by)
    return SignedIn(account.id, account.username, account.role, "")


# -- signing in --------------------------------------------------------------------------------


def _failures(session: Session, key: str, now: datetime) -> int:
    since = now - rules.RATE_WINDOW
    return (
        session.scalar(select(func.count()).where(LoginFailure.key == key, LoginFailure.at > since))
        or 0
    )


def _keys(username: str, address: str | None) -> list[tuple[str, int]]:
    keys = [(f"account:{digest(username)}", rules.MAX_FAILURES_PER_ACCOUNT)]
    if address:
        keys.append((f"address:{address}"[:100], rules.MAX_FAILURES_PER_ADDRESS))
    return keys


def sign_in(
    session: Session,
    username: str,
    password: str,
    *,
    address: str | None,
    now: datetime,
    profile: Profile = "standard",
) -> NewSession:
    """A new session for the account, or :class:`SignInRefused` with the same calm words for
    an unknown name, a wrong password or a disabled account; paused after too many failures
    for this name or this address (counted in the database, so every worker agrees)."""
    name = rules.clean_username(username)
    keys = _keys(name, address)
    if any(rules.too_many(_failures(session, key, now), limit) for key, limit in keys):
        raise SignInRefused(rules.SIGN_IN_PAUSED)
    account = session.scalar(select(Account).where(Account.username == name))
    ph = hasher(profile)
    try:
        ph.verify(account.password_hash if account else _dummy_hash(profile), password)
        ok = account is not None and not account.disabled
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or account is None:
        session.execute(delete(LoginFailure).where(LoginFailure.at <= now - rules.RATE_WINDOW))
        for key, _limit in keys:
            session.add(LoginFailure(key=key, at=now))
        session.flush()
        raise SignInRefused(rules.SIGN_IN_REFUSED)
    if ph.check_needs_rehash(account.password_hash):
        account.password_hash = ph.hash(password)
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    session.add(
        WebSession(
            token_hash=digest(token),
            account_id=account.id,
            csrf_token=csrf,
            created_at=now,
            last_seen_at=now,
        )
    )
    _event(session, account.id, "signed in", now)
    session.flush()
    return NewSession(token, SignedIn(account.id, account.username, account.role, csrf))


def session_for(
    session: Session, token: str | None, *, now: datetime, idle: timedelta
) -> SignedIn | None:
    """Who the browser session ``token`` belongs to, if it is live (not idle too long, not
    too old, the account enabled); notes the activity (at most once a minute)."""
    return look_up(session, token, now=now, idle=idle)[0]


# The session, its account and (optionally) one of the account's preferences in one statement:
# every signed-in request starts with this, so it is a single round trip to the database.
_LOOK_UP = (
    select(
        WebSession.id,
        WebSession.csrf_token,
        WebSession.created_at,
        WebSession.last_seen_at,
        Account.id,
        Account.username,
        Account.role,
        Account.disabled,
        select(OwnerPreference.value)
        .where(
            OwnerPreference.owner_id == Account.id,
            OwnerPreference.key == bindparam("preference"),
        )
        .scalar_subquery(),
    )
    .join(Account, Account.id == WebSession.account_id)
    .where(WebSession.token_hash == bindparam("digest"))
)
_END_SESSION = delete(WebSession).where(WebSession.id == bindparam("session_id"))
_TOUCH_SESSION = (
    update(WebSession)
    .where(WebSession.id == bindparam("session_id"))
    .values(last_seen_at=bindparam("now", type_=UTCDateTime()))
)


_NOT_ASKED: Any = object()
_LOOK_UP_SQL: dict[str, str] = {}  # the statement's text for each dialect it ran on


def _through_the_driver(connection: Connection, params: dict[str, str]) -> Any:
    """:data:`_LOOK_UP`'s row, asked straight through the driver on a connection that commits
    each statement (``HostedDatabase.autocommit``): every signed-in request starts here, and
    SQLAlchemy's execution (a cache key for the statement, an execution context, a result
    object) costs twice what the driver does, about 0.2 ms a request. The statement is
    compiled by SQLAlchemy once. Returns ``_NOT_ASKED`` when not on such a connection or on
    any error: the caller then asks through SQLAlchemy, which tells a lost connection apart
    and reports it."""
    dbapi_connection: Any = connection.connection.dbapi_connection
    if not getattr(dbapi_connection, "autocommit", False):
        return _NOT_ASKED
    dialect = connection.dialect
    sql = _LOOK_UP_SQL.get(dialect.name)
    if sql is None:
        sql = _LOOK_UP_SQL[dialect.name] = str(_LOOK_UP.compile(dialect=dialect))
    try:
        with dbapi_connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchone()
    except Exception:
        return _NOT_ASKED
    if found is None:
        return None
    session_id, csrf_token, created_at, last_seen, *rest = found
    # As UTCDateTime reads them: stored in UTC, without a zone.
    return (
        session_id,
        csrf_token,
        created_at.replace(tzinfo=UTC),
        last_seen.replace(tzinfo=UTC),
        *rest,
    )


def look_up(
    db: Session | Connection,
    token: str | None,
    *,
    now: datetime,
    idle: timedelta,
    preference: str = "",
) -> tuple[SignedIn | None, str | None]:
    """:func:`session_for`, and the signed-in person's own ``preference`` (``owner_preferences``;
    None when unset), read with it in the same statement."""
    if not token or len(token) > 200:
        return None, None
    params = {"digest": digest(token), "preference": preference}
    row = _through_the_driver(db, params) if isinstance(db, Connection) else _NOT_ASKED
    if row is _NOT_ASKED:
        row = db.execute(_LOOK_UP, params).first()
    if row is None:
        return None, None
    session_id, csrf_token, created_at, last_seen, account_id, name, role, disabled, value = row
    if disabled or rules.session_expired(
        created_at=created_at, last_seen_at=last_seen, now=now, idle=idle
    ):
        db.execute(_END_SESSION, {"session_id": session_id})
        return None, None
    if now - last_seen >= rules.SESSION_TOUCH_EVERY:
        db.execute(_TOUCH_SESSION, {"session_id": session_id, "now": now})
    return SignedIn(account_id, name, role, csrf_token), value


def sign_out(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(WebSession).where(WebSession.token_hash == digest(token)))


def sign_out_everywhere(session: Session, account_id: int) -> int:
    """End every session of this account; returns how many there were."""
    done = session.execute(delete(WebSession).where(WebSession.account_id == account_id))
    return getattr(done, "rowcount", 0) or 0


# -- admins ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AccountRow:
    id: int
    username: str
    role: str
    disabled: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class EventRow:
    account_id: int
    username: str | None  # None once the account is deleted
    kind: str
    at: datetime


def _admin(by: SignedIn) -> None:
    if not by.is_admin:
        raise NotFound


def list_accounts(session: Session, by: SignedIn) -> list[AccountRow]:
    _admin(by)
    rows = session.scalars(select(Account).order_by(Account.username)).all()
    return [AccountRow(a.id, a.username, a.role, a.disabled, a.created_at) for a in rows]


def list_events(session: Session, by: SignedIn, *, limit: int = 50) -> list[EventRow]:
    _admin(by)
    rows = session.execute(
        select(AccountEvent, Account.username)
        .outerjoin(Account, Account.id == AccountEvent.account_id)
        .order_by(AccountEvent.at.desc(), AccountEvent.id.desc())
        .limit(limit)
    ).all()
    return [EventRow(e.account_id, name, e.kind, e.at) for e, name in rows]


def set_disabled(
    session: Session, by: SignedIn, account_id: int, disabled: bool, *, now: datetime
) -> None:
    """Disable (every session ends at once) or enable an account. An admin cannot disable
    their own account (someone must be able to sign in to undo it)."""
    _admin(by)
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound
    if account.id == by.account_id and disabled:
        raise InvalidInput({"account": "You cannot disable your own account."})
    if account.disabled == disabled:
        return
    account.disabled = disabled
    if disabled:
        sign_out_everywhere(session, account.id)
    _event(session, account.id, "disabled" if disabled else "enabled", now, by.account_id)


# -- deleting one's own account ---------------------------------------------------------------


def delete_own_account(
    session: Session, me: SignedIn, password: str, *, now: datetime, profile: Profile = "standard"
) -> None:
    """Delete the account and everything its person wrote, once they confirm with their
    password; their data key is shredded."""
    account = session.get(Account, me.account_id)
    if account is None:
        raise NotFound
    try:
        hasher(profile).verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise InvalidInput(
            {"password": "That password does not match. Nothing was deleted."}
        ) from None
    owner_data.delete_owner_data(session, account.id)
    atrest.shred_owner_key(session, account.id)
    sign_out_everywhere(session, account.id)
    session.delete(account)
    _event(session, me.account_id, "deleted", now, me.account_id)
    session.flush()


def has_accounts(session: Session) -> bool:
    return session.scalar(select(func.count()).select_from(Account)) != 0


# -- who is who, for sharing -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Named:
    id: int
    username: str
    role: str
    disabled: bool


def therapists(session: Session) -> list[Named]:
    """The therapists a person can share with: enabled accounts with the therapist role."""
    rows = session.scalars(
        select(Account)
        .where(Account.role == rules.THERAPIST, Account.disabled.is_(False))
        .order_by(Account.username)
    ).all()
    return [Named(a.id, a.username, a.role, a.disabled) for a in rows]


def named(session: Session, ids: set[int]) -> dict[int, Named]:
    """The accounts among ``ids`` that still exist (a closed account is simply missing)."""
    if not ids:
        return {}
    rows = session.scalars(select(Account).where(Account.id.in_(ids))).all()
    return {a.id: Named(a.id, a.username, a.role, a.disabled) for a in rows}
