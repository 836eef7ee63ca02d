"""Journal entries: write (freely or answering a guided prompt), read, list, edit, delete.

Every save runs the crisis check on what was written (the result says whether the help card
comes first), and keeps the entry in the vault's search index in the same transaction. The
title the form fills in (the guided prompt's or the exercise's) is the app's words: it is left
out of the check, while anything the person adds to it is checked.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

from sqlalchemy import Row, bindparam, func, select
from sqlalchemy.orm import Session

from anchored.content.programme import Step
from anchored.content.programme import load_programme as load_steps
from anchored.core.clock import NOT_YET, not_yet
from anchored.core.errors import InvalidInput
from anchored.core.limits import check_length
from anchored.core.owner import Owner
from anchored.features.journal import SEARCH
from anchored.features.journal.models import JournalEntry
from anchored.features.journal.prompts import load_prompts
from anchored.manifest import Registry, StepItem
from anchored.services.owned import get_owned
from anchored.services.search_results import TITLE_CHARS, Shown, first_words
from anchored.services.support import Saved, own_words, saved
from anchored.storage.base import opening_of
from anchored.storage.search import index_document, remove_document

__all__ = ["KEEP", "JournalEntry"]

BODY_MAX = 50_000
TITLE_MAX = 200
PROMPT_UNKNOWN = (
    "That guided prompt is no longer available. Your writing is still here; "
    "save it as a free entry."
)


class _Keep(enum.Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP  # update_entry: leave the entry's prompt as it is


def _check_prompt(prompt_id: str | None, errors: dict[str, str]) -> str | None:
    prompt_id = (prompt_id or "").strip() or None
    if prompt_id is not None and load_prompts().get(prompt_id) is None:
        errors["prompt_id"] = PROMPT_UNKNOWN
    return prompt_id


def _clean(
    body: str, title: str | None, when: datetime | None, now: datetime, errors: dict[str, str]
) -> tuple[str, str | None]:
    body = body.strip()
    title = (title or "").strip() or None
    if not body:
        errors["body"] = "Write something first; an empty entry is not saved."
    check_length(errors, "body", body, BODY_MAX, "An entry")
    if title is not None:
        check_length(errors, "title", title, TITLE_MAX, "A title")
    if when is not None and when.tzinfo is None:
        errors["when"] = "The date needs a time zone."
    elif when is not None and not_yet(when, now):
        errors["when"] = NOT_YET
    return body, title


def _app_titles(entry: JournalEntry) -> list[str]:
    """The titles the entry form fills in for this entry: its prompt's and its exercise's."""
    titles = []
    prompt = load_prompts().get(entry.prompt_id) if entry.prompt_id else None
    if prompt is not None:
        titles.append(prompt.title)
    step = load_steps().step(entry.step) if entry.step is not None else None
    exercise = step.exercise(entry.exercise) if step is not None and entry.exercise else None
    if exercise is not None:
        titles.append(exercise.title)
    return titles


def _saved(session: Session, owner: Owner, entry: JournalEntry) -> Saved:
    title = own_words(entry.title, _app_titles(entry))
    return saved(session, owner, "journal", entry.id, entry.body, title)


def _same_minute(one: datetime, other: datetime) -> bool:
    """Whether two moments fall in the same minute (the date box shows no seconds)."""
    return one.replace(second=0, microsecond=0) == other.replace(second=0, microsecond=0)


def _index(session: Session, entry: JournalEntry) -> None:
    index_document(session, entry.owner_id, SEARCH.code, entry.id, entry.title or "", entry.body)


def add_entry(
    session: Session,
    owner: Owner,
    body: str,
    title: str | None = None,
    when: datetime | None = None,
    *,
    now: datetime,
    step: int | None = None,
    exercise: str | None = None,
    prompt_id: str | None = None,
) -> Saved:
    """Save a new entry for ``owner``, dated ``when`` (default ``now``; not later than now,
    give or take a few minutes); ``step`` tags a programme step; ``prompt_id`` names the
    guided prompt it answers, and tags the prompt's step when no step is given, so the entry
    also shows on that step's page."""
    errors: dict[str, str] = {}
    body, title = _clean(body, title, when, now, errors)
    prompt_id = _check_prompt(prompt_id, errors)
    if errors:
        raise InvalidInput(errors)
    if prompt_id is not None and step is None:
        prompt = load_prompts().get(prompt_id)
        step = prompt.step if prompt is not None else None
    entry = JournalEntry(
        owner_id=owner.id,
        body=body,
        title=title,
        step=step,
        exercise=(exercise or None),
        prompt_id=prompt_id,
        created_at=when or now,
        updated_at=now,
    )
    session.add(entry)
    session.flush()
    _index(session, entry)
    return _saved(session, owner, entry)


def add_from(
    session: Session,
    owner: Owner,
    *,
    title: str,
    body: str,
    step: int | None,
    now: datetime,
) -> Saved:
    """Save an entry written on another tool's page (offered as ``journal.add_entry``), dated
    now and tagged to programme ``step`` (if any), so it shows on that step's page.
    :class:`InvalidInput` (keyed ``body`` or ``title``) if it is empty or too long."""
    if step is not None and load_steps().step(step) is None:
        step = None
    return add_entry(session, owner, body, title or None, now=now, step=step)


def update_entry(
    session: Session,
    owner: Owner,
    entry_id: int,
    body: str,
    title: str | None = None,
    when: datetime | None = None,
    *,
    now: datetime,
    prompt_id: str | _Keep | None = KEEP,
) -> Saved:
    """Change an entry's text, title or date (not to later than now; a date left as it was
    stays, to the second); ``prompt_id`` changes (None: removes) the prompt it answers, and
    by default stays as it was."""
    entry = get_entry(session, owner, entry_id)
    if when is not None and when.tzinfo is not None and _same_minute(when, entry.created_at):
        when = None
    errors: dict[str, str] = {}
    body, title = _clean(body, title, when, now, errors)
    if not isinstance(prompt_id, _Keep):
        prompt_id = _check_prompt(prompt_id, errors)
    if errors:
        raise InvalidInput(errors)
    entry.body, entry.title = body, title
    if not isinstance(prompt_id, _Keep):
        entry.prompt_id = prompt_id
    if when is not None:
        entry.created_at = when
    entry.updated_at = now
    session.flush()
    _index(session, entry)
    return _saved(session, owner, entry)


def delete_entry(session: Session, owner: Owner, entry_id: int) -> None:
    """Delete an entry and its searchable text."""
    session.delete(get_entry(session, owner, entry_id))
    remove_document(session, SEARCH.code, entry_id)
    session.flush()


def list_entries(
    session: Session, owner: Owner, *, limit: int = 50, offset: int = 0
) -> Sequence[JournalEntry]:
    """The owner's entries, newest first."""
    query = (
        select(JournalEntry)
        .where(JournalEntry.owner_id == owner.id)
        .order_by(JournalEntry.created_at.desc(), JournalEntry.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return session.scalars(query).all()


# Lists and counts run on every page view, so their statements are built once, on the table
# rather than the mapped class: building and compiling a statement (the ORM's above all) costs
# SQLAlchemy several times what SQLite spends running it.
_ENTRIES = JournalEntry.__table__
OPENING_CHARS = 86  # enough for `truncate(80)` to cut where it would cut the whole body
EntryLine = Row[int, str | None, str, datetime]
_LINES = (
    select(
        _ENTRIES.c.id,
        _ENTRIES.c.title,
        opening_of(_ENTRIES.c.body, OPENING_CHARS).label("opening"),
        _ENTRIES.c.created_at,
    )
    .where(_ENTRIES.c.owner_id == bindparam("owner"))
    .order_by(_ENTRIES.c.created_at.desc(), _ENTRIES.c.id.desc())
    .limit(bindparam("limit"))
    .offset(bindparam("offset"))
)
_COUNT = select(func.count()).select_from(_ENTRIES).where(_ENTRIES.c.owner_id == bindparam("owner"))


def entry_lines(
    session: Session, owner: Owner, *, limit: int = 50, offset: int = 0
) -> Sequence[EntryLine]:
    """What a list shows of the owner's entries, newest first, as plain rows: ``id``,
    ``title``, ``opening`` (the body's first :data:`OPENING_CHARS` characters) and
    ``created_at``."""
    params = {"owner": owner.id, "limit": limit, "offset": offset}
    rows: Sequence[EntryLine] = session.connection().execute(_LINES, params).all()
    return rows


def count_entries(session: Session, owner: Owner) -> int:
    return session.connection().execute(_COUNT, {"owner": owner.id}).scalar() or 0


def get_entry(session: Session, owner: Owner, entry_id: int) -> JournalEntry:
    """One entry; :class:`NotFound` if it is missing or someone else's."""
    return get_owned(session, JournalEntry, owner, entry_id)


# -- what other parts of the app show (named in the manifest) --------------------------------


def exercises_without_prompt(steps: Iterable[Step]) -> list[str]:
    """Journal exercises must carry the prompt the entry form shows."""
    return [
        f"step {step.number}, exercise {exercise.slug!r}: a journal exercise needs a prompt"
        for step in steps
        for exercise in step.exercises
        if exercise.tool == "journal" and not (exercise.prompt or "").strip()
    ]


def check(_registry: Registry) -> list[str]:
    """Run before the app starts (the manifest's ``check``)."""
    return exercises_without_prompt(load_steps().steps)


def step_items(session: Session, owner: Owner, step: int) -> list[StepItem]:
    """The owner's entries written for programme step ``step``, newest first."""
    found = load_steps().step(step)
    titles = {e.slug: e.title for e in found.exercises} if found is not None else {}
    query = (
        select(JournalEntry)
        .where(JournalEntry.owner_id == owner.id, JournalEntry.step == step)
        .order_by(JournalEntry.created_at.desc(), JournalEntry.id.desc())
    )
    return [
        StepItem(
            title=entry.title or first_words(entry.body),
            path=f"/journal/{entry.id}",
            created_at=entry.created_at,
            detail=titles.get(entry.exercise or "", ""),
        )
        for entry in session.scalars(query)
    ]


# Only the start of the body: enough for a title, without reading 50,000 characters.
_FOUND = select(
    _ENTRIES.c.id,
    _ENTRIES.c.created_at,
    _ENTRIES.c.title,
    opening_of(_ENTRIES.c.body, TITLE_CHARS * 2),
).where(
    _ENTRIES.c.owner_id == bindparam("owner"),
    _ENTRIES.c.id.in_(bindparam("ids", expanding=True)),
)


def search_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    """How search shows entries: the title, else the first words."""
    rows = session.connection().execute(_FOUND, {"owner": owner.id, "ids": list(ids)})
    return {
        entry_id: Shown(created_at, title or first_words(opening), f"/journal/{entry_id}")
        for entry_id, created_at, title, opening in rows
    }


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each free-text field, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card)."""
    yield "journal_entries.body", add_entry(session, owner, text, now=now).needs_help
    yield "journal_entries.title", add_entry(session, owner, "A note.", text, now=now).needs_help


def reindex(session: Session, owner: Owner) -> None:
    """Write the search text of ``owner``'s journal entries again (after an import)."""
    rows = session.scalars(select(JournalEntry).where(JournalEntry.owner_id == owner.id)).all()
    for row in rows:
        _index(session, row)
