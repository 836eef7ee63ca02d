"""One search over the person's writing: journal entries, check-in notes, thought records.

The full-text index (``anchored.storage.search``) ranks the matches; this module turns each hit
into what a results list shows, loading the records with one query per kind, never per hit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchored.content.emotions import load_emotions
from anchored.domain.owner import Owner
from anchored.services.errors import InvalidInput
from anchored.storage import search as index
from anchored.storage.models import CheckIn, CheckInEmotion, JournalEntry, ThoughtRecord
from anchored.storage.search import Hit, Kind

QUERY_MAX = 200
PER_PAGE = 20
PER_PAGE_MAX = 200
TITLE_CHARS = 80
KIND_LABELS: dict[Kind, str] = {
    "journal": "Journal",
    "check_in": "Check-in",
    "thought_record": "Thought record",
}
NO_WORDS = "Type a word or two from what you wrote, and we'll look for it."


@dataclass(frozen=True, slots=True)
class Shown:
    """What one result needs for display, loaded from its record."""

    created_at: datetime
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class SearchResult:
    kind: Kind
    ref_id: int
    created_at: datetime
    title: str
    url: str
    parts: tuple[tuple[str, bool], ...]  # the snippet as (text, is_match) pieces

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    results: tuple[SearchResult, ...]
    total: int  # how many matched in all, on every page
    page: int
    per_page: int
    message: str | None = None  # set when the query has no words to look for

    @property
    def first(self) -> int:
        """The position of this page's first result (1-based)."""
        return (self.page - 1) * self.per_page + 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page * self.per_page < self.total


def first_words(text: str, limit: int = TITLE_CHARS) -> str:
    """``text`` on one line, cut after a whole word once it passes ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(".,;:!?-\u2013\u2014 ") + "…"


def search_writing(
    session: Session, owner: Owner, query: str, *, page: int = 1, per_page: int = PER_PAGE
) -> SearchResults:
    """The owner's writing that matches ``query``, best match first, one page at a time.

    A query with no words gives no results and a kind ``message``, never an error. Quotes and
    punctuation are searched as plain text. Over-long queries raise :class:`InvalidInput`.
    """
    query = query.strip()
    if len(query) > QUERY_MAX:
        raise InvalidInput(
            {"q": f"A search can be up to {QUERY_MAX} characters; this one has {len(query)}."}
        )
    page = max(page, 1)
    per_page = min(max(per_page, 1), PER_PAGE_MAX)
    if index.match_expression(query) is None:
        return SearchResults(query, (), 0, page, per_page, message=NO_WORDS)
    hits, total = index.search(
        session, owner.id, query, limit=per_page, offset=(page - 1) * per_page
    )
    shown = _load(session, owner, hits)
    results = tuple(
        SearchResult(
            kind=hit.kind,
            ref_id=hit.ref_id,
            created_at=found.created_at,
            title=found.title,
            url=found.url,
            parts=tuple(hit.snippet_parts()),
        )
        for hit in hits
        # A hit whose record is gone (it should not happen) is left out, not shown broken.
        if (found := shown.get((hit.kind, hit.ref_id))) is not None
    )
    return SearchResults(query, results, total, page, per_page)


def _load(session: Session, owner: Owner, hits: Iterable[Hit]) -> dict[tuple[Kind, int], Shown]:
    wanted: dict[Kind, set[int]] = {}
    for hit in hits:
        wanted.setdefault(hit.kind, set()).add(hit.ref_id)
    shown: dict[tuple[Kind, int], Shown] = {}
    for kind, ids in wanted.items():
        for ref_id, found in _LOADERS[kind](session, owner, ids).items():
            shown[(kind, ref_id)] = found
    return shown


def _journal(session: Session, owner: Owner, ids: set[int]) -> dict[int, Shown]:
    # Only the start of the body: enough for a title, without reading 50,000 characters.
    query = select(
        JournalEntry.id,
        JournalEntry.created_at,
        JournalEntry.title,
        func.substr(JournalEntry.body, 1, TITLE_CHARS * 2),
    ).where(JournalEntry.owner_id == owner.id, JournalEntry.id.in_(ids))
    return {
        entry_id: Shown(created_at, title or first_words(opening), f"/journal/{entry_id}")
        for entry_id, created_at, title, opening in session.execute(query)
    }


def _check_ins(session: Session, owner: Owner, ids: set[int]) -> dict[int, Shown]:
    query = (
        select(CheckIn.id, CheckIn.created_at, CheckInEmotion.emotion)
        .outerjoin(CheckInEmotion, CheckInEmotion.check_in_id == CheckIn.id)
        .where(CheckIn.owner_id == owner.id, CheckIn.id.in_(ids))
        .order_by(CheckIn.id, CheckInEmotion.position)
    )
    emotion_names = load_emotions().names
    when: dict[int, datetime] = {}
    names: dict[int, list[str]] = {}
    for check_in_id, created_at, slug in session.execute(query):
        when[check_in_id] = created_at
        named = names.setdefault(check_in_id, [])
        if slug is not None:
            named.append(emotion_names.get(slug, slug))
    return {
        check_in_id: Shown(
            created_at,
            first_words(f"Check-in: {', '.join(names[check_in_id])}")
            if names[check_in_id]
            else "Check-in",
            f"/check-in/{check_in_id}",
        )
        for check_in_id, created_at in when.items()
    }


def _thought_records(session: Session, owner: Owner, ids: set[int]) -> dict[int, Shown]:
    query = select(
        ThoughtRecord.id,
        ThoughtRecord.created_at,
        func.substr(ThoughtRecord.automatic_thought, 1, TITLE_CHARS * 2),
    ).where(ThoughtRecord.owner_id == owner.id, ThoughtRecord.id.in_(ids))
    return {
        record_id: Shown(
            created_at,
            first_words(thought) if thought.strip() else "Thought record",
            f"/thought-records/{record_id}",
        )
        for record_id, created_at, thought in session.execute(query)
    }


_LOADERS: dict[Kind, Callable[[Session, Owner, set[int]], dict[int, Shown]]] = {
    "journal": _journal,
    "check_in": _check_ins,
    "thought_record": _thought_records,
}
