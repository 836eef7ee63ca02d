"""One search over the person's writing, whatever feature it was written in.

The full-text index (``anchored.storage.search``) ranks the matches; this module turns each hit
into what a results list shows, asking the feature that owns each kind (its manifest's
``SearchKind.loader``) to load its records with one query per kind, never per hit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput
from anchored.core.limits import too_long
from anchored.core.owner import Owner
from anchored.manifest import SearchKind, resolve
from anchored.services.search_results import Shown
from anchored.services.vault import OpenVault
from anchored.storage import search as index
from anchored.storage.search import Hit

QUERY_MAX = 200
PER_PAGE = 20
PER_PAGE_MAX = 200
NO_WORDS = "Type a word or two from what you wrote, and we'll look for it."


@dataclass(frozen=True, slots=True)
class SearchResult:
    kind: str
    kind_label: str
    ref_id: int
    created_at: datetime
    title: str
    url: str
    parts: tuple[tuple[str, bool], ...]  # the snippet as (text, is_match) pieces


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


def search_writing(
    session: Session,
    owner: Owner,
    query: str,
    kinds: Mapping[int, SearchKind],
    *,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> SearchResults:
    """The owner's writing that matches ``query``, best match first, one page at a time.

    ``kinds`` are the search kinds of every feature, by code (``Registry.search_kinds``).

    A query with no words (and no emoji or other symbol) gives no results and a kind
    ``message``, never an error. Quotes and punctuation are searched as plain text; an emoji
    is searched for as itself. Over-long queries raise :class:`InvalidInput`.
    """
    query = query.strip()
    problem = too_long(query, QUERY_MAX, "A search")
    if problem is not None:
        raise InvalidInput({"q": problem})
    page = max(page, 1)
    per_page = min(max(per_page, 1), PER_PAGE_MAX)
    if index.match_expression(query) is None and not index.symbols(query):
        return SearchResults(query, (), 0, page, per_page, message=NO_WORDS)
    hits, total = index.search(
        session, owner.id, query, limit=per_page, offset=(page - 1) * per_page
    )
    shown = _load(session, owner, hits, kinds)
    results = tuple(
        SearchResult(
            kind=kinds[hit.code].kind,
            kind_label=kinds[hit.code].label,
            ref_id=hit.ref_id,
            created_at=found.created_at,
            title=found.title,
            url=found.url,
            parts=tuple(hit.snippet_parts()),
        )
        for hit in hits
        # A hit whose record is gone (it should not happen), or whose feature is no longer
        # there, is left out, not shown broken.
        if (found := shown.get((hit.code, hit.ref_id))) is not None
    )
    return SearchResults(query, results, total, page, per_page)


def _load(
    session: Session, owner: Owner, hits: Iterable[Hit], kinds: Mapping[int, SearchKind]
) -> dict[tuple[int, int], Shown]:
    wanted: dict[int, set[int]] = {}
    for hit in hits:
        if hit.code in kinds:
            wanted.setdefault(hit.code, set()).add(hit.ref_id)
    shown: dict[tuple[int, int], Shown] = {}
    for code, ids in wanted.items():
        loader = resolve(kinds[code].loader)
        for ref_id, found in loader(session, owner, ids).items():
            shown[(code, ref_id)] = found
    return shown


def after_unlock(opened: OpenVault, _owner: Owner, *, now: datetime) -> None:
    """The manifest's ``after_unlock`` hook: merge an index that has grown in many small pieces
    (``storage.search.tidy``), so searches after unlocking read it in one."""
    del now
    with opened.session() as session:
        index.tidy(session)
