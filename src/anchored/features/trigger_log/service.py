"""Step 2's trigger log: what set it off, where it may come from, the old and the new response.

Every save runs the crisis check and keeps the entry's four answers in the search index, in
the same transaction; deleting an entry removes them.

An entry can be filled in from a finished pause. The pause is another feature: what it offers
(``pause.trigger_prefill``) is passed in by the caller, who got it from the registry, and may
be None when there is no pause feature; then no entry is filled in or linked from a pause.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput
from anchored.core.limits import check_length
from anchored.core.owner import Owner
from anchored.features.trigger_log import SEARCH
from anchored.features.trigger_log.models import TriggerLogEntry
from anchored.services.owned import get_owned
from anchored.services.search_results import TITLE_CHARS, Shown, first_words
from anchored.services.support import Saved, own_words, saved
from anchored.storage.base import opening_of
from anchored.storage.search import index_document, remove_document

__all__ = ["PausePrefill", "Saved", "TriggerLogEntry"]

SOURCE = "trigger log"  # names the tool in the private record of when the help card appeared
TEXT_MAX = 5_000
FIELDS = ("trigger", "origin", "usual_response", "new_response")
WANTED_TO_SEND = "Wanted to send: "
# The pause's offer ``pause.trigger_prefill``: (session, owner, episode_id) ->
# {"what_happened": …, "held_message": …}, or None unless it is the owner's finished pause.
PausePrefill = Callable[[Session, Owner, int], Mapping[str, str] | None]


@dataclass(frozen=True, slots=True)
class TriggerText:
    trigger: str
    origin: str = ""
    usual_response: str = ""
    new_response: str = ""

    def texts(self) -> tuple[str, ...]:
        return (self.trigger, self.origin, self.usual_response, self.new_response)

    def written(self) -> tuple[str, ...]:
        """What the person wrote, for the crisis check: the answers without the app's own
        "Wanted to send: " (the held message after it is theirs, and is checked)."""
        usual = own_words(self.usual_response, (WANTED_TO_SEND,))
        return (self.trigger, self.origin, usual, self.new_response)


def _clean(text: TriggerText) -> TriggerText:
    errors: dict[str, str] = {}
    cleaned = TriggerText(*(value.strip() for value in text.texts()))
    if not cleaned.trigger:
        errors["trigger"] = "Write what set it off first; the other boxes can stay empty."
    for field, value in zip(FIELDS, cleaned.texts(), strict=True):
        check_length(errors, field, value, TEXT_MAX, "This box")
    if errors:
        raise InvalidInput(errors)
    return cleaned


def _pause(
    session: Session, owner: Owner, episode_id: int | None, pause_prefill: PausePrefill | None
) -> Mapping[str, str] | None:
    if episode_id is None or pause_prefill is None:
        return None
    return pause_prefill(session, owner, episode_id)


def _index(session: Session, entry: TriggerLogEntry) -> None:
    """The entry's answers in the search index, one per line (empty ones left out)."""
    texts = (entry.trigger, entry.origin, entry.usual_response, entry.new_response)
    body = "\n".join(text for text in texts if text)
    index_document(session, entry.owner_id, SEARCH.code, entry.id, "", body)


def add_entry(
    session: Session,
    owner: Owner,
    text: TriggerText,
    *,
    now: datetime,
    episode_id: int | None = None,
    pause_prefill: PausePrefill | None = None,
) -> Saved:
    """Save a new entry. ``episode_id`` links the pause it came from, if ``pause_prefill``
    (the pause's offer) knows it as the owner's finished pause; a pause deleted meanwhile,
    someone else's, or no pause feature at all: the entry is simply not linked."""
    cleaned = _clean(text)
    linked = _pause(session, owner, episode_id, pause_prefill) is not None
    entry = TriggerLogEntry(
        owner_id=owner.id,
        created_at=now,
        trigger=cleaned.trigger,
        origin=cleaned.origin,
        usual_response=cleaned.usual_response,
        new_response=cleaned.new_response,
        episode_id=episode_id if linked else None,
    )
    session.add(entry)
    session.flush()
    _index(session, entry)
    return saved(session, owner, SOURCE, entry.id, *cleaned.written())


def update_entry(session: Session, owner: Owner, entry_id: int, text: TriggerText) -> Saved:
    """Change an entry's four answers (its date and pause link stay)."""
    entry = get_entry(session, owner, entry_id)
    cleaned = _clean(text)
    entry.trigger, entry.origin = cleaned.trigger, cleaned.origin
    entry.usual_response, entry.new_response = cleaned.usual_response, cleaned.new_response
    session.flush()
    _index(session, entry)
    return saved(session, owner, SOURCE, entry.id, *cleaned.written())


def delete_entry(session: Session, owner: Owner, entry_id: int) -> None:
    """Delete an entry and its searchable text."""
    session.delete(get_entry(session, owner, entry_id))
    remove_document(session, SEARCH.code, entry_id)
    session.flush()


def get_entry(session: Session, owner: Owner, entry_id: int) -> TriggerLogEntry:
    """One entry; :class:`NotFound` if it is missing or someone else's."""
    return get_owned(session, TriggerLogEntry, owner, entry_id)


def list_entries(
    session: Session, owner: Owner, *, limit: int = 50, offset: int = 0
) -> Sequence[TriggerLogEntry]:
    """The owner's entries, newest first."""
    query = (
        select(TriggerLogEntry)
        .where(TriggerLogEntry.owner_id == owner.id)
        .order_by(TriggerLogEntry.created_at.desc(), TriggerLogEntry.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return session.scalars(query).all()


def count_entries(session: Session, owner: Owner) -> int:
    query = (
        select(func.count())
        .select_from(TriggerLogEntry)
        .where(TriggerLogEntry.owner_id == owner.id)
    )
    return session.scalar(query) or 0


def from_pause(
    session: Session, owner: Owner, episode_id: int, pause_prefill: PausePrefill | None
) -> TriggerText | None:
    """A new entry's answers taken from one of the owner's finished pauses, through the
    pause's offer (None if it is not theirs, or there is no pause feature)."""
    found = _pause(session, owner, episode_id, pause_prefill)
    if found is None:
        return None
    held = found.get("held_message", "").strip()
    return TriggerText(
        trigger=found.get("what_happened", "").strip(),
        usual_response=f"{WANTED_TO_SEND}{held}" if held else "",
    )


def entry_for_episode(session: Session, owner: Owner, episode_id: int) -> TriggerLogEntry | None:
    """The entry already made from this pause, if any."""
    query = (
        select(TriggerLogEntry)
        .where(TriggerLogEntry.owner_id == owner.id, TriggerLogEntry.episode_id == episode_id)
        .order_by(TriggerLogEntry.id)
        .limit(1)
    )
    return session.scalars(query).first()


# -- what other features may use (the manifest's offers and hooks) ---------------------------


def entry_for_pause(session: Session, owner: Owner, episode_id: int) -> str | None:
    """The address of the owner's entry made from pause ``episode_id``, or None (offered as
    ``trigger_log.entry_for_pause``)."""
    entry = entry_for_episode(session, owner, episode_id)
    return f"/trigger-log/{entry.id}" if entry is not None else None


def search_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    """How search shows an entry: what set it off (its first words)."""
    query = select(
        TriggerLogEntry.id,
        TriggerLogEntry.created_at,
        opening_of(TriggerLogEntry.trigger, TITLE_CHARS * 2),
    ).where(TriggerLogEntry.owner_id == owner.id, TriggerLogEntry.id.in_(list(ids)))
    return {
        entry_id: Shown(created_at, first_words(trigger), f"/trigger-log/{entry_id}")
        for entry_id, created_at, trigger in session.execute(query)
    }


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each free-text field, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card)."""
    for field in FIELDS:
        answers = {"trigger": "A short reply.", field: text}
        done = add_entry(session, owner, TriggerText(**answers), now=now)
        yield f"trigger_log_entries.{field}", done.needs_help


def reindex(session: Session, owner: Owner) -> None:
    """Write the search text of ``owner``'s trigger log entries again (after an import)."""
    rows = session.scalars(
        select(TriggerLogEntry).where(TriggerLogEntry.owner_id == owner.id)
    ).all()
    for row in rows:
        _index(session, row)
