"""Full-text search with SQLite FTS5, inside the encrypted vault.

The index is one FTS5 table in the same SQLCipher database as the writing it indexes, so
nothing searchable exists outside the vault. Services keep it current by calling
:func:`index_document` after they save and :func:`remove_document` after they delete, in the
same transaction, so a failed save leaves no stray index row.

Each document's rowid encodes what it points at (``ref_id * 64 + kind code``), so updating or
removing one document is a primary-key lookup rather than a scan. Kind codes (1-63) are
declared by the features in their manifests (``SearchKind.code``); this module knows none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

SLOTS = 64  # kind codes 1..63; migration 0006 moved the index from 8 slots to 64

SEARCH_TABLE = "search_index"  # spelled out in the SQL below (no string-built queries)
# Created by migration 0005: fts5(title, body, owner) with the porter and unicode61
# tokenizers, so "texting" finds "texted" and "cafe" finds "café". ``owner`` holds one token
# per document ("o" + owner id) and every query matches it, so the index itself keeps people
# apart, and fast: filtering on an unindexed column would read every matching row.

# Private-use characters mark the matched words in snippets; they are removed from indexed
# text, so a person's own writing can never fake a highlight.
MARK_START = "\ue000"
MARK_END = "\ue001"
_MARKS = re.compile(f"[{MARK_START}{MARK_END}]")
MAX_QUERY_WORDS = 16
SNIPPET_TOKENS = 24


def is_search_table(name: str) -> bool:
    """The FTS5 table and the shadow tables SQLite keeps for it (not ORM models)."""
    return name == SEARCH_TABLE or name.startswith(f"{SEARCH_TABLE}_")


def _owner_token(owner_id: int) -> str:
    return f"o{owner_id}"


def _rowid(code: int, ref_id: int) -> int:
    if not 0 < code < SLOTS:
        raise ValueError(f"search kind codes run from 1 to {SLOTS - 1}, not {code}")
    return ref_id * SLOTS + code


def index_document(
    session: Session, owner_id: int, code: int, ref_id: int, title: str, body: str
) -> None:
    """Add or replace the searchable text of one record (``code``: its kind's code)."""
    rowid = _rowid(code, ref_id)
    session.execute(text("DELETE FROM search_index WHERE rowid = :rowid"), {"rowid": rowid})
    session.execute(
        text(
            "INSERT INTO search_index (rowid, title, body, owner) "
            "VALUES (:rowid, :title, :body, :owner)"
        ),
        {
            "rowid": rowid,
            "title": _MARKS.sub("", title),
            "body": _MARKS.sub("", body),
            "owner": _owner_token(owner_id),
        },
    )


def remove_document(session: Session, code: int, ref_id: int) -> None:
    session.execute(
        text("DELETE FROM search_index WHERE rowid = :rowid"), {"rowid": _rowid(code, ref_id)}
    )


def remove_owner_documents(session: Session, owner_id: int, code: int) -> None:
    """Remove every document of one kind that belongs to ``owner_id`` (delete-everything)."""
    session.execute(
        text(
            "DELETE FROM search_index WHERE rowid IN "
            "(SELECT rowid FROM search_index WHERE search_index MATCH :owned) "
            "AND rowid % :slots = :code"
        ),
        {"owned": f'owner : "{_owner_token(owner_id)}"', "slots": SLOTS, "code": code},
    )


def match_expression(query: str) -> str | None:
    """Turn what a person typed into a safe FTS5 expression, or None if it has no words.

    Every word becomes a quoted string, so quotes, brackets, ``AND``/``OR``/``NEAR``, ``*``
    and ``-`` are searched for as plain words and never parsed as syntax. All words must
    appear; the last one also matches as a prefix, so a half-typed word still finds results.
    """
    words = re.findall(r"\w+", query)[:MAX_QUERY_WORDS]
    if not words:
        return None
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


@dataclass(frozen=True)
class Hit:
    code: int  # the kind's code
    ref_id: int
    snippet: str  # matched words wrapped in MARK_START / MARK_END

    def snippet_parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_match) pieces, for templates to wrap matches in <mark>."""
        parts: list[tuple[str, bool]] = []
        for piece in re.split(f"({MARK_START}.*?{MARK_END})", self.snippet):
            if piece.startswith(MARK_START) and piece.endswith(MARK_END):
                parts.append((piece[1:-1], True))
            elif piece:
                parts.append((piece, False))
        return parts


def search(
    session: Session, owner_id: int, query: str, *, limit: int = 20, offset: int = 0
) -> tuple[list[Hit], int]:
    """Best matches first (BM25, title weighted above body), and how many matched in all."""
    expression = match_expression(query)
    if expression is None:
        return [], 0
    owned = f'owner : "{_owner_token(owner_id)}" AND {{title body}} : ({expression})'
    params = {"q": owned, "limit": limit, "offset": offset}
    total = session.execute(
        text("SELECT count(*) FROM search_index WHERE search_index MATCH :q"), params
    ).scalar_one()
    if not total:
        return [], 0
    rows = session.execute(
        text(
            # One query: a rowid IN (ranked subquery) form was measured 3-5x slower.
            "SELECT rowid, snippet(search_index, 1, :start, :end, '…', :tokens) "
            "FROM search_index WHERE search_index MATCH :q "
            "ORDER BY bm25(search_index, 2.0, 1.0, 0.0), rowid DESC LIMIT :limit OFFSET :offset"
        ),
        {**params, "start": MARK_START, "end": MARK_END, "tokens": SNIPPET_TOKENS},
    ).all()
    hits = [
        Hit(code=rowid % SLOTS, ref_id=rowid // SLOTS, snippet=snippet) for rowid, snippet in rows
    ]
    return hits, int(total)
