"""Forms that create something save once.

Each rendering of such a form carries a random token. Saving claims the token, with a
fingerprint of what was sent (SHA-256 of the form's address and fields), in the same
transaction as the record, and notes where the record is shown. The same form sent again with
the same fields (a double click, the browser's "send again", Back then Save) raises
:class:`AlreadySaved` with that address instead of saving a copy. The same form sent with
something changed is saved: nothing typed is ever thrown away.

The app's pages are never cached, so Back loads a form afresh, with a new token, while the
browser puts back what was typed; a small script (``web/static/js/forms.js``) keeps the token
the form was first shown with. Without JavaScript, Back then Save is a new form.

Kept in the vault, not in memory: a record and its token are saved together or not at all
(one transaction); they hold no words (a random token, a fingerprint, an address); they still
work after the app restarts or the vault locks and unlocks in between, and with several hosted
workers. Rows are owner scoped like every record and go after ``KEEP_FOR``.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from anchored.core.errors import AlreadySaved
from anchored.core.owner import Owner
from anchored.services.support import calls_for_help
from anchored.storage.base import Base
from anchored.storage.models import SentForm

TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
KEEP_FOR = timedelta(days=1)  # long enough for any "send again"; then a form is new
NOWHERE = "/"  # where a form sent again leads if its record's address was never noted


def new_token() -> str:
    """A token for one rendering of a form."""
    return secrets.token_urlsafe(24)


def clean_token(value: object) -> str | None:
    """``value`` if it looks like a token we made; anything else is no token at all."""
    return value if isinstance(value, str) and TOKEN.fullmatch(value) else None


def digest(path: str, fields: Iterable[tuple[str, str]]) -> str:
    """A fingerprint of a form sent to ``path`` with ``fields`` (name, value), in order."""
    data = json.dumps([path, [[name, value] for name, value in fields]], ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Sending:
    """A claimed form, to note where its record is once saved (a no-op without a token)."""

    session: Session
    row_id: int | None

    def saved(
        self,
        url: str,
        *,
        record: tuple[type[Base], int] | None = None,
        listing: str | None = None,
    ) -> None:
        """The form saved ``record`` (model, id), shown at ``url``; if the record is gone by
        the time the form is sent again, it leads to ``listing`` (default: ``url``)."""
        if self.row_id is None:
            return
        table, record_id = (record[0].__tablename__, record[1]) if record else (None, None)
        self.session.execute(
            update(SentForm)
            .where(SentForm.id == self.row_id)
            .values(url=url, listing=listing, record_table=table, record_id=record_id)
        )


def claim(
    session: Session,
    owner: Owner,
    *,
    token: str | None,
    digest: str,
    texts: Iterable[str],
    now: datetime,
) -> Sending:
    """Note that ``owner`` sent a form (``digest``: :func:`digest`), before saving anything
    else in this transaction; call :meth:`Sending.saved` after saving. A form without a token
    (a page from before tokens) is simply saved.

    Raises :class:`AlreadySaved` if this form was already saved with these very fields.
    ``texts`` (what was sent) only decide whether the help card comes first again.
    """
    if token is None:
        return Sending(session, None)
    session.execute(
        delete(SentForm).where(SentForm.owner_id == owner.id, SentForm.sent_at < now - KEEP_FOR)
    )
    row_id = _insert(session, owner, token, digest, now)
    if row_id is None:  # sent before (also by a request saved while this one waited)
        first = session.scalars(
            select(SentForm).where(
                SentForm.owner_id == owner.id, SentForm.token == token, SentForm.digest == digest
            )
        ).one()
        raise AlreadySaved(_where(session, owner, first), needs_help=calls_for_help(*texts))
    return Sending(session, row_id)


def _insert(session: Session, owner: Owner, token: str, digest: str, now: datetime) -> int | None:
    """The new row's id, or None if ``owner`` already sent this form with these fields (no
    error, so the transaction carries on to look up what it saved). On SQLite the delete
    before it has already made this transaction wait for a form being saved at this moment."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(SentForm)
        .values(owner_id=owner.id, token=token, digest=digest, sent_at=now)
        .on_conflict_do_nothing(index_elements=["owner_id", "token", "digest"])
        .returning(SentForm.id)
    )
    return session.scalars(statement).first()


def _where(session: Session, owner: Owner, sent: SentForm) -> str:
    """Where a form sent again leads: its record, or the list if the record is gone."""
    if sent.record_table is not None and sent.record_id is not None:
        table = Base.metadata.tables.get(sent.record_table)
        found = (
            table is not None
            and "owner_id" in table.c
            and session.scalar(
                select(table.c.id).where(table.c.id == sent.record_id, table.c.owner_id == owner.id)
            )
        )
        if not found:
            return sent.listing or NOWHERE
    return sent.url or sent.listing or NOWHERE
