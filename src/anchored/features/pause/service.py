"""The pause: start, write while it runs, change the timer, finish or stop; and its history.

Every pause is a saved episode from the first tap. One left running is never lost: once its
timer ran out long ago (``rules.ABANDON_AFTER``) it is marked abandoned, with its timer's end
as its end. All times come from the caller's ``now`` so the server's clock is the only one.
Every save of what the person wrote runs the crisis check (``Saved.needs_help``) and keeps the
pause's text in the vault's search index, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.limits import check_length
from anchored.core.owner import Owner
from anchored.features.pause import SEARCH, rules
from anchored.features.pause.models import PauseEpisode, PauseStatement
from anchored.features.pause.unsaved import UnsavedPause
from anchored.services.owned import get_owned
from anchored.services.search_results import TITLE_CHARS, Shown, first_words
from anchored.services.support import Saved, saved
from anchored.storage.base import opening_of
from anchored.storage.search import index_document

__all__ = ["PauseClosed", "PauseEpisode", "PauseStatement", "Saved"]

SOURCE = "pause"  # names the tool in the private record of when the help card appeared
# Each box's length limit, and how its too-long message names it.
_LIMITS = {
    "what_happened": (rules.WHAT_HAPPENED_MAX, "What happened"),
    "held_message": (rules.MESSAGE_MAX, "The message"),
    "final_message": (rules.MESSAGE_MAX, "The message"),
    "note": (rules.NOTE_MAX, "A note"),
}


class PauseClosed(Exception):
    """The pause has already been finished or stopped; it can be read, not changed."""


# -- starting and finding ---------------------------------------------------------------------


def start_pause(
    session: Session, owner: Owner, *, now: datetime, minutes: int = rules.DEFAULT_MINUTES
) -> tuple[PauseEpisode, bool]:
    """The running pause if there is one (no duplicates), else a new one; and whether it is new."""
    try:
        rules.check_minutes(minutes)
    except ValueError as exc:
        raise InvalidInput({"minutes": str(exc)}) from None
    running = current_pause(session, owner, now=now)
    if running is not None:
        return running, False
    episode = PauseEpisode(
        owner_id=owner.id,
        started_at=now,
        ends_at=now + timedelta(minutes=minutes),
        planned_minutes=minutes,
        status=rules.RUNNING,
    )
    session.add(episode)
    session.flush()
    return episode, True


def current_pause(session: Session, owner: Owner, *, now: datetime) -> PauseEpisode | None:
    """The owner's running pause (its timer may have run out but not long ago), if any."""
    close_stale(session, owner, now=now)
    query = (
        select(PauseEpisode)
        .where(PauseEpisode.owner_id == owner.id, PauseEpisode.status == rules.RUNNING)
        .order_by(PauseEpisode.started_at.desc(), PauseEpisode.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def close_stale(session: Session, owner: Owner, *, now: datetime) -> int:
    """Mark pauses left running long after their timer as abandoned; returns how many."""
    query = (
        update(PauseEpisode)
        .where(
            PauseEpisode.owner_id == owner.id,
            PauseEpisode.status == rules.RUNNING,
            PauseEpisode.ends_at <= now - rules.ABANDON_AFTER,
        )
        .values(status=rules.ABANDONED, ended_at=PauseEpisode.ends_at)
        .execution_options(synchronize_session="fetch")
    )
    return int(session.execute(query).rowcount or 0)  # type: ignore[attr-defined]


def get_pause(session: Session, owner: Owner, episode_id: int, *, now: datetime) -> PauseEpisode:
    """One pause; :class:`NotFound` if it is missing or someone else's. A pause left running
    long after its timer is marked abandoned on the way."""
    episode = get_owned(session, PauseEpisode, owner, episode_id)
    if episode.status == rules.RUNNING and rules.is_stale(episode.ends_at, now):
        episode.status, episode.ended_at = rules.ABANDONED, episode.ends_at
        session.flush()
    return episode


def _running(session: Session, owner: Owner, episode_id: int, now: datetime) -> PauseEpisode:
    episode = get_pause(session, owner, episode_id, now=now)
    if episode.status != rules.RUNNING:
        raise PauseClosed
    return episode


def statements(session: Session, episode: PauseEpisode) -> Sequence[PauseStatement]:
    query = (
        select(PauseStatement)
        .where(PauseStatement.episode_id == episode.id)
        .order_by(PauseStatement.position, PauseStatement.id)
    )
    return session.scalars(query).all()


# -- while it runs ----------------------------------------------------------------------------


def save_progress(
    session: Session,
    owner: Owner,
    episode_id: int,
    *,
    now: datetime,
    what_happened: str | None = None,
    urge_before: str | int | None = None,
    held_message: str | None = None,
    statement_text: str | None = None,
    kinds: Mapping[int, str] | None = None,
) -> Saved:
    """Save what the person wrote during the pause. ``None`` leaves a field as it was.

    Everything is checked first, so a wrong urge rating saves nothing half-way.
    """
    episode = _running(session, owner, episode_id, now)
    errors: dict[str, str] = {}
    texts = {"what_happened": what_happened, "held_message": held_message}
    cleaned = {key: text.strip() for key, text in texts.items() if text is not None}
    for key, text in cleaned.items():
        limit, what = _LIMITS[key]
        check_length(errors, key, text, limit, what)
    urge: int | None = None
    if urge_before is not None:
        try:
            urge = rules.parse_urge(urge_before)
        except ValueError as exc:
            errors["urge_before"] = str(exc)
    lines = rules.split_statements(statement_text) if statement_text is not None else None
    if lines is not None and (problem := rules.check_statements(lines)):
        errors["statements"] = problem
    checked_kinds: dict[int, rules.Kind] = {}
    for row_id, kind in (kinds or {}).items():
        try:
            checked_kinds[row_id] = rules.check_kind(kind)
        except ValueError as exc:
            errors["statements"] = str(exc)
    if errors:
        raise InvalidInput(errors)

    for key, text in cleaned.items():
        setattr(episode, key, text)
    if urge_before is not None:
        episode.urge_before = urge
    if lines is not None:
        _replace_statements(session, episode, lines, checked_kinds)
    elif checked_kinds:
        for row in statements(session, episode):
            row.kind = checked_kinds.get(row.id, rules.check_kind(row.kind))
    session.flush()
    _index(session, episode)
    return saved(session, owner, SOURCE, episode.id, *cleaned.values(), *(lines or ()))


def _replace_statements(
    session: Session,
    episode: PauseEpisode,
    lines: Sequence[str],
    kinds: Mapping[int, rules.Kind],
) -> None:
    rows = {row.id: row for row in statements(session, episode)}
    existing = [(row.id, row.text, rules.check_kind(row.kind)) for row in rows.values()]
    kept = rules.sync_statements(existing, lines, kinds)
    keep_ids = {item.id for item in kept if item.id is not None}
    gone = [row_id for row_id in rows if row_id not in keep_ids]
    if gone:
        session.execute(delete(PauseStatement).where(PauseStatement.id.in_(gone)))
    for position, item in enumerate(kept):
        if item.id is None:
            session.add(
                PauseStatement(
                    episode_id=episode.id, position=position, text=item.text, kind=item.kind
                )
            )
        else:
            row = rows[item.id]
            row.position, row.kind = position, item.kind


def set_minutes(
    session: Session, owner: Owner, episode_id: int, minutes: int, *, now: datetime
) -> PauseEpisode:
    """Make the timer ``minutes`` long, counted from when the pause started."""
    episode = _running(session, owner, episode_id, now)
    try:
        rules.check_minutes(minutes)
    except ValueError as exc:
        raise InvalidInput({"minutes": str(exc)}) from None
    episode.ends_at = episode.started_at + timedelta(minutes=minutes)
    episode.planned_minutes = minutes
    session.flush()
    return episode


def extend_pause(
    session: Session, owner: Owner, episode_id: int, minutes: int, *, now: datetime
) -> PauseEpisode:
    """Add a few minutes; after the timer ran out, they count from now."""
    episode = _running(session, owner, episode_id, now)
    try:
        new_end = rules.extended_end(episode.ends_at, now, minutes)
    except ValueError as exc:
        raise InvalidInput({"minutes": str(exc)}) from None
    total = rules.planned_minutes(episode.started_at, new_end)
    if total > rules.MAX_MINUTES:
        raise InvalidInput({"minutes": rules.LONGEST_MESSAGE})
    episode.ends_at, episode.planned_minutes = new_end, total
    session.flush()
    return episode


def end_early(session: Session, owner: Owner, episode_id: int, *, now: datetime) -> PauseEpisode:
    """Stop the timer now; the pause moves on to its end screen."""
    episode = _running(session, owner, episode_id, now)
    episode.ends_at = min(episode.ends_at, now)
    session.flush()
    return episode


# -- the end ----------------------------------------------------------------------------------


def finish_pause(
    session: Session,
    owner: Owner,
    episode_id: int,
    *,
    now: datetime,
    urge_after: str | int | None = None,
    decision: str | None = None,
    final_message: str = "",
    note: str = "",
) -> Saved:
    """Close the pause with how strong the urge is now, what was decided and an optional note."""
    episode = _running(session, owner, episode_id, now)
    errors: dict[str, str] = {}
    final_message, note = final_message.strip(), note.strip()
    urge: int | None = None
    try:
        urge = rules.parse_urge(urge_after)
    except ValueError as exc:
        errors["urge_after"] = str(exc)
    chosen: str | None = None
    try:
        chosen = rules.check_decision(decision)
    except ValueError as exc:
        errors["decision"] = str(exc)
    for key, text in (("final_message", final_message), ("note", note)):
        limit, what = _LIMITS[key]
        check_length(errors, key, text, limit, what)
    if errors:
        raise InvalidInput(errors)
    episode.urge_after, episode.decision = urge, chosen
    episode.final_message, episode.note = final_message, note
    episode.status, episode.ended_at = rules.FINISHED, now
    episode.ends_at = min(episode.ends_at, now)
    session.flush()
    _index(session, episode)
    return saved(session, owner, SOURCE, episode.id, final_message, note)


def keep_unsaved(session: Session, owner: Owner, carried: UnsavedPause, *, now: datetime) -> Saved:
    """Keep a pause made without an open vault (see :mod:`.unsaved`), as a finished pause with
    everything written in it. :class:`InvalidInput` if anything in it is not right."""
    if carried.errors:
        raise InvalidInput(carried.errors)
    texts = {
        key: (getattr(carried, key) or "").strip()
        for key in ("what_happened", "held_message", "final_message", "note")
    }
    episode = PauseEpisode(
        owner_id=owner.id,
        started_at=carried.started,
        ends_at=min(carried.ends, now),
        ended_at=now,
        planned_minutes=carried.planned_minutes,
        status=rules.FINISHED,
        urge_before=rules.parse_urge(carried.urge_before),
        urge_after=rules.parse_urge(carried.urge_after),
        decision=rules.check_decision(carried.decision),
        **texts,
    )
    session.add(episode)
    session.flush()
    for position, (text, kind) in enumerate(carried.thoughts):
        session.add(PauseStatement(episode_id=episode.id, position=position, text=text, kind=kind))
    session.flush()
    _index(session, episode)
    lines = (text for text, _kind in carried.thoughts)
    return saved(session, owner, SOURCE, episode.id, *texts.values(), *lines)


def abandon_pause(
    session: Session, owner: Owner, episode_id: int, *, now: datetime
) -> PauseEpisode:
    """Stop without finishing. Everything written so far stays saved."""
    episode = _running(session, owner, episode_id, now)
    episode.status, episode.ended_at = rules.ABANDONED, now
    episode.ends_at = min(episode.ends_at, now)
    session.flush()
    return episode


# -- history ----------------------------------------------------------------------------------


def list_pauses(
    session: Session, owner: Owner, *, now: datetime, limit: int = 50, offset: int = 0
) -> Sequence[PauseEpisode]:
    """The owner's pauses, newest first."""
    close_stale(session, owner, now=now)
    query = (
        select(PauseEpisode)
        .where(PauseEpisode.owner_id == owner.id)
        .order_by(PauseEpisode.started_at.desc(), PauseEpisode.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return session.scalars(query).all()


def count_pauses(session: Session, owner: Owner) -> int:
    query = select(func.count()).select_from(PauseEpisode).where(PauseEpisode.owner_id == owner.id)
    return session.scalar(query) or 0


def duration_seconds(episode: PauseEpisode, *, now: datetime) -> int:
    """How long the person paused (so far, if it is still running)."""
    ended = episode.ended_at if episode.status != rules.RUNNING else now
    return rules.duration_seconds(episode.started_at, episode.ends_at, ended)


# -- search -----------------------------------------------------------------------------------


def _index(session: Session, episode: PauseEpisode) -> None:
    """Keep the pause's words in the search index: what happened (its title), the messages,
    the note and the "fact or feeling?" thoughts."""
    thoughts = [row.text for row in statements(session, episode)]
    final = episode.final_message if episode.final_message != episode.held_message else ""
    body = "\n".join(t for t in (episode.held_message, final, episode.note, *thoughts) if t)
    index_document(session, episode.owner_id, SEARCH.code, episode.id, episode.what_happened, body)


def search_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    """How search shows a pause: what happened, else the held message, else "A pause"."""
    query = select(
        PauseEpisode.id,
        PauseEpisode.started_at,
        opening_of(PauseEpisode.what_happened, TITLE_CHARS * 2),
        opening_of(PauseEpisode.held_message, TITLE_CHARS * 2),
    ).where(PauseEpisode.owner_id == owner.id, PauseEpisode.id.in_(list(ids)))
    return {
        episode_id: Shown(
            started_at,
            first_words(what_happened) or first_words(held) or "A pause",
            f"/pause/{episode_id}",
        )
        for episode_id, started_at, what_happened, held in session.execute(query)
    }


# -- what other features may use (the manifest's offers) --------------------------------------


def trigger_prefill(session: Session, owner: Owner, episode_id: int) -> dict[str, str] | None:
    """What a finished pause can fill in elsewhere (offered as ``pause.trigger_prefill``):
    ``{"what_happened": …, "held_message": …}``, or None if ``episode_id`` is not one of
    ``owner``'s finished pauses (missing, someone else's, still running or stopped)."""
    try:
        episode = get_owned(session, PauseEpisode, owner, episode_id)
    except NotFound:
        return None
    if episode.status != rules.FINISHED:
        return None
    return {
        "what_happened": episode.what_happened.strip(),
        "held_message": episode.held_message.strip(),
    }


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each free-text field, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card)."""
    episode, _new = start_pause(session, owner, now=now)
    done = save_progress(session, owner, episode.id, now=now, what_happened=text)
    yield "pause_episodes.what_happened", done.needs_help
    done = save_progress(session, owner, episode.id, now=now, held_message=text)
    yield "pause_episodes.held_message", done.needs_help
    done = save_progress(session, owner, episode.id, now=now, statement_text=text)
    yield "pause_statements.text", done.needs_help
    done = finish_pause(session, owner, episode.id, now=now, final_message=text)
    yield "pause_episodes.final_message", done.needs_help
    episode, _new = start_pause(session, owner, now=now)  # the first one is finished
    done = finish_pause(session, owner, episode.id, now=now, note=text)
    yield "pause_episodes.note", done.needs_help


def reindex(session: Session, owner: Owner) -> None:
    """Write the search text of ``owner``'s pauses again (after an import)."""
    rows = session.scalars(select(PauseEpisode).where(PauseEpisode.owner_id == owner.id)).all()
    for row in rows:
        _index(session, row)
