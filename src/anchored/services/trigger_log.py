"""Step 2's trigger log: what set it off, where it may come from, the old and the new response."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.owner import Owner
from anchored.storage.models import PauseEpisode, TriggerLogEntry

__all__ = ["TriggerLogEntry"]

TEXT_MAX = 5_000
FIELDS = ("trigger", "origin", "usual_response", "new_response")
WANTED_TO_SEND = "Wanted to send: "


@dataclass(frozen=True, slots=True)
class TriggerText:
    trigger: str
    origin: str = ""
    usual_response: str = ""
    new_response: str = ""

    def texts(self) -> tuple[str, ...]:
        return (self.trigger, self.origin, self.usual_response, self.new_response)


def _clean(text: TriggerText) -> TriggerText:
    errors: dict[str, str] = {}
    cleaned = TriggerText(*(value.strip() for value in text.texts()))
    if not cleaned.trigger:
        errors["trigger"] = "Write what set it off first; the other boxes can stay empty."
    for field, value in zip(FIELDS, cleaned.texts(), strict=True):
        if len(value) > TEXT_MAX:
            errors[field] = (
                f"This box holds up to {TEXT_MAX:,} characters; this has {len(value):,}."
            )
    if errors:
        raise InvalidInput(errors)
    return cleaned


def _own_episode(session: Session, owner: Owner, episode_id: int | None) -> PauseEpisode | None:
    episode = session.get(PauseEpisode, episode_id) if episode_id is not None else None
    return episode if episode is not None and episode.owner_id == owner.id else None


def add_entry(
    session: Session, owner: Owner, text: TriggerText, *, episode_id: int | None = None
) -> TriggerLogEntry:
    """Save a new entry. ``episode_id`` links the pause it came from, if that pause is the
    owner's; a pause deleted meanwhile (or someone else's) is simply not linked."""
    cleaned = _clean(text)
    episode = _own_episode(session, owner, episode_id)
    entry = TriggerLogEntry(
        owner_id=owner.id,
        trigger=cleaned.trigger,
        origin=cleaned.origin,
        usual_response=cleaned.usual_response,
        new_response=cleaned.new_response,
        episode_id=episode.id if episode is not None else None,
    )
    session.add(entry)
    session.flush()
    return entry


def update_entry(
    session: Session, owner: Owner, entry_id: int, text: TriggerText
) -> TriggerLogEntry:
    """Change an entry's four answers (its date and pause link stay)."""
    entry = get_entry(session, owner, entry_id)
    cleaned = _clean(text)
    entry.trigger, entry.origin = cleaned.trigger, cleaned.origin
    entry.usual_response, entry.new_response = cleaned.usual_response, cleaned.new_response
    session.flush()
    return entry


def delete_entry(session: Session, owner: Owner, entry_id: int) -> None:
    session.delete(get_entry(session, owner, entry_id))
    session.flush()


def get_entry(session: Session, owner: Owner, entry_id: int) -> TriggerLogEntry:
    """One entry; :class:`NotFound` if it is missing or someone else's."""
    entry = session.get(TriggerLogEntry, entry_id)
    if entry is None or entry.owner_id != owner.id:
        raise NotFound
    return entry


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


def from_pause(session: Session, owner: Owner, episode_id: int) -> TriggerText | None:
    """A new entry's answers taken from one of the owner's pauses (None if not theirs)."""
    episode = _own_episode(session, owner, episode_id)
    if episode is None:
        return None
    held = episode.held_message.strip()
    return TriggerText(
        trigger=episode.what_happened.strip(),
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
