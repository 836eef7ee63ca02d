"""The one hook every free-text tool calls after saving: does the text call for the help card?

Nothing is blocked and nothing leaves the machine. A match only means the next screen shows
crisis lines and the safety plan first. By default no trace of the match is kept; the person
may choose to keep a private record of when the card appeared (never what matched).

The check looks only at what the person wrote. Where the app put words into a field (a
pre-filled line, a crisis line's name, a prompt's title), the service passes the field through
:func:`own_words` first, so the app's own wording never raises the card, while anything the
person added or changed, anywhere in the field, is still checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.services.owned import insert_missing
from anchored.storage.models import OwnerPreference, SupportCardShown
from anchored.text import crisis_in_any

KEEP_RECORD = "keep_support_card_record"


@dataclass(frozen=True, slots=True)
class Saved:
    """What a service returns after saving something a person wrote: the record's id, and
    whether what they wrote calls for the help card (shown first on the next page)."""

    id: int
    needs_help: bool


def own_words(text: str | None, app_wrote: Iterable[str]) -> str:
    """``text`` without the words the app put there, for the crisis check.

    ``app_wrote`` are the app's own pieces of text (whole pre-filled lines, names of crisis
    lines, a prompt's title). Each is taken out wherever it appears whole, ignoring case and
    spacing, never from inside a word; longer pieces first, so a whole line goes before a name
    within it. Whatever the person wrote around or between them stays, including in a line
    they edited. Only for checking: what is saved is always the text as written.
    """
    if not text:
        return ""
    pieces = sorted({" ".join(piece.split()) for piece in app_wrote} - {""}, key=len, reverse=True)
    for piece in pieces:
        text = _piece_pattern(piece).sub(" ", text)
    return text


def _piece_pattern(piece: str) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(word) for word in piece.split(" "))
    start = r"(?<!\w)" if re.match(r"\w", piece) else ""
    end = r"(?!\w)" if re.match(r"\w", piece[-1]) else ""
    return re.compile(start + body + end, re.IGNORECASE)


def calls_for_help(*texts: str | None) -> bool:
    """Whether any of ``texts`` calls for the help card (nothing is recorded): the crisis
    rules, or the on-device semantic safety net when its model is available
    (:func:`anchored.text.check_crisis`; it waits for a model still loading at most
    :data:`anchored.text.CRISIS_WAIT` seconds per save, then the rules' answer stands)."""
    return crisis_in_any(texts)


def after_save(session: Session, owner: Owner, source: str, *texts: str | None) -> bool:
    """True if any of ``texts`` calls for the help card. Call it after every free-text save."""
    if not calls_for_help(*texts):
        return False
    if keeps_record(session, owner):
        session.add(SupportCardShown(owner_id=owner.id, source=source[:40]))
        session.flush()
    return True


def saved(session: Session, owner: Owner, source: str, record_id: int, *texts: str | None) -> Saved:
    """Run the crisis check on ``texts`` (everything the person wrote in this save; a field
    the app pre-filled goes through :func:`own_words` first) and say what was saved.
    Services call this last, so no route or command can skip the check."""
    return Saved(record_id, after_save(session, owner, source, *texts))


def keeps_record(session: Session, owner: Owner) -> bool:
    query = select(OwnerPreference.value).where(
        OwnerPreference.owner_id == owner.id, OwnerPreference.key == KEEP_RECORD
    )
    return session.scalar(query) == "on"


def set_keep_record(session: Session, owner: Owner, keep: bool) -> None:
    """Turn the record on or off. Turning it off also deletes what was recorded."""
    query = select(OwnerPreference).where(
        OwnerPreference.owner_id == owner.id, OwnerPreference.key == KEEP_RECORD
    )
    preference = session.scalars(query).one_or_none()
    if preference is None:
        row = {"owner_id": owner.id, "key": KEEP_RECORD, "value": "off"}
        insert_missing(session, OwnerPreference, [row])  # safe when two requests do it at once
        preference = session.scalars(query).one()
    preference.value = "on" if keep else "off"
    if not keep:
        session.execute(delete(SupportCardShown).where(SupportCardShown.owner_id == owner.id))
    session.flush()


def recorded_times(session: Session, owner: Owner) -> Sequence[datetime]:
    query = (
        select(SupportCardShown.shown_at)
        .where(SupportCardShown.owner_id == owner.id)
        .order_by(SupportCardShown.shown_at.desc())
    )
    return session.scalars(query).all()
