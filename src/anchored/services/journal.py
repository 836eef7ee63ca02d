"""Journal entries: write (freely or answering a guided prompt), read, list, edit, delete.

Every entry is kept in the vault's search index in the same transaction as the entry itself.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchored.content.programme import load_programme as load_steps
from anchored.content.prompts import load_prompts
from anchored.core.errors import InvalidInput, NotFound
from anchored.core.owner import Owner
from anchored.manifest import StepItem
from anchored.services.search_results import first_words
from anchored.storage.models import JournalEntry
from anchored.storage.search import index_document, remove_document

SEARCH_CODE = 1  # this kind's code in the search index (declared in its manifest)

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
    body: str, title: str | None, when: datetime | None, errors: dict[str, str]
) -> tuple[str, str | None]:
    body = body.strip()
    title = (title or "").strip() or None
    if not body:
        errors["body"] = "Write something first; an empty entry is not saved."
    elif len(body) > BODY_MAX:
        errors["body"] = (
            f"An entry can hold up to {BODY_MAX:,} characters; this one has {len(body):,}."
        )
    if title is not None and len(title) > TITLE_MAX:
        errors["title"] = f"A title can be up to {TITLE_MAX} characters; this one has {len(title)}."
    if when is not None and when.tzinfo is None:
        errors["when"] = "The date needs a time zone."
    return body, title


def _index(session: Session, entry: JournalEntry) -> None:
    index_document(session, entry.owner_id, SEARCH_CODE, entry.id, entry.title or "", entry.body)


def add_entry(
    session: Session,
    owner: Owner,
    body: str,
    title: str | None = None,
    when: datetime | None = None,
    *,
    step: int | None = None,
    exercise: str | None = None,
    prompt_id: str | None = None,
) -> JournalEntry:
    """Save a new entry for ``owner``; ``when`` defaults to now; ``step`` tags a programme step;
    ``prompt_id`` names the guided prompt (from content/prompts.yaml) it answers, and tags the
    prompt's step when no step is given, so the entry also shows on that step's page."""
    errors: dict[str, str] = {}
    body, title = _clean(body, title, when, errors)
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
    )
    if when is not None:
        entry.created_at = when
    session.add(entry)
    session.flush()
    _index(session, entry)
    return entry


def update_entry(
    session: Session,
    owner: Owner,
    entry_id: int,
    body: str,
    title: str | None = None,
    when: datetime | None = None,
    *,
    prompt_id: str | _Keep | None = KEEP,
) -> JournalEntry:
    """Change an entry's text, title or date; ``prompt_id`` changes (None: removes) the prompt
    it answers, and by default stays as it was."""
    entry = get_entry(session, owner, entry_id)
    errors: dict[str, str] = {}
    body, title = _clean(body, title, when, errors)
    if not isinstance(prompt_id, _Keep):
        prompt_id = _check_prompt(prompt_id, errors)
    if errors:
        raise InvalidInput(errors)
    entry.body, entry.title = body, title
    if not isinstance(prompt_id, _Keep):
        entry.prompt_id = prompt_id
    if when is not None:
        entry.created_at = when
    session.flush()
    _index(session, entry)
    return entry


def delete_entry(session: Session, owner: Owner, entry_id: int) -> None:
    """Delete an entry and its searchable text."""
    session.delete(get_entry(session, owner, entry_id))
    remove_document(session, SEARCH_CODE, entry_id)
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


def count_entries(session: Session, owner: Owner) -> int:
    query = select(func.count()).select_from(JournalEntry).where(JournalEntry.owner_id == owner.id)
    return session.scalar(query) or 0


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


def get_entry(session: Session, owner: Owner, entry_id: int) -> JournalEntry:
    """One entry; :class:`NotFound` if it is missing or someone else's."""
    entry = session.get(JournalEntry, entry_id)
    if entry is None or entry.owner_id != owner.id:
        raise NotFound
    return entry
