"""Full-text search with SQLite FTS5, inside the encrypted vault.

The index is one FTS5 table in the same SQLCipher database as the writing it indexes, so
nothing searchable exists outside the vault. Services keep it current by calling
:func:`index_document` after they save and :func:`remove_document` after they delete, in the
same transaction, so a failed save leaves no stray index row.

Each document's rowid encodes what it points at (``ref_id * 64 + kind code``), so updating or
removing one document is a primary-key lookup rather than a scan. Kind codes (1-63) are
declared by the features in their manifests (``SearchKind.code``); this module knows none.

The unicode61 tokenizer treats emoji and other symbols as separators, so they are not in the
index; a query holding some (``symbols``) also looks for them as plain text in the owner's
matching documents.
"""

from __future__ import annotations

import json
import re
import unicodedata
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
# Emoji presentation selectors: "❤️" and "❤" are the same heart to a person searching.
_PRESENTATION = re.compile("[\ufe0e\ufe0f]")


def is_search_table(name: str) -> bool:
    """The FTS5 table and the shadow tables SQLite keeps for it (not ORM models)."""
    return name == SEARCH_TABLE or name.startswith(f"{SEARCH_TABLE}_")


def _owner_token(owner_id: int) -> str:
    return f"o{owner_id}"


def _rowid(code: int, ref_id: int) -> int:
    if not 0 < code < SLOTS:
        raise ValueError(f"search kind codes run from 1 to {SLOTS - 1}, not {code}")
    return ref_id * SLOTS + code


def _hosted(session: Session) -> bool:
    """PostgreSQL (hosted mode): no FTS5 there; ``search_hosted`` keeps an encrypted index."""
    return session.get_bind().dialect.name == "postgresql"


def index_document(
    session: Session, owner_id: int, code: int, ref_id: int, title: str, body: str
) -> None:
    """Add or replace the searchable text of one record (``code``: its kind's code)."""
    rowid = _rowid(code, ref_id)
    if _hosted(session):
        from anchored.storage import search_hosted

        title, body = _MARKS.sub("", title), _MARKS.sub("", body)
        chars = {char for char in title + body if _is_symbol(char)}
        search_hosted.index_document(session, owner_id, rowid, title, body, chars)
        return
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
    if _hosted(session):
        from anchored.storage import search_hosted

        search_hosted.remove_document(session, _rowid(code, ref_id))
        return
    session.execute(
        text("DELETE FROM search_index WHERE rowid = :rowid"), {"rowid": _rowid(code, ref_id)}
    )


def remove_owner_documents(session: Session, owner_id: int, code: int) -> None:
    """Remove every document of one kind that belongs to ``owner_id`` (delete-everything)."""
    if _hosted(session):
        from anchored.storage import search_hosted

        search_hosted.remove_owner_documents(session, owner_id, code, SLOTS)
        return
    session.execute(
        text(
            "DELETE FROM search_index WHERE rowid IN "
            "(SELECT rowid FROM search_index WHERE search_index MATCH :owned) "
            "AND rowid % :slots = :code"
        ),
        {"owned": f'owner : "{_owner_token(owner_id)}"', "slots": SLOTS, "code": code},
    )


def remove_owner(session: Session, owner_id: int) -> None:
    """Remove every document that belongs to ``owner_id`` (deleting a person's data)."""
    if _hosted(session):
        from anchored.storage import search_hosted

        search_hosted.remove_owner(session, owner_id)
        return
    session.execute(
        text(
            "DELETE FROM search_index WHERE rowid IN "
            "(SELECT rowid FROM search_index WHERE search_index MATCH :owned)"
        ),
        {"owned": f'owner : "{_owner_token(owner_id)}"'},
    )


# -- keeping the index quick to read ---------------------------------------------------------

#: An index in more segments than this is merged into one (:func:`tidy`). FTS5 writes each
#: save as a small segment and merges them in steps, so ten years of daily use sit in about
#: ten; every search reads each word's list from every segment.
TIDY_ABOVE = 4
_STRUCTURE_ID = 10  # FTS5's structure record: its row in the ``%_data`` table


def segments(session: Session) -> int:
    """How many segments the index is in (FTS5's structure record: a 4-byte cookie, on newer
    versions a 5-byte marker, then the number of levels and of segments as SQLite varints)."""
    block = session.execute(
        text("SELECT block FROM search_index_data WHERE id = :id"), {"id": _STRUCTURE_ID}
    ).scalar()
    if not block:
        return 0
    at = 9 if block[4:9] == b"\xff\x00\x00\x00\x00" else 4
    _levels, at = _varint(block, at)
    count, _at = _varint(block, at)
    return count


def _varint(data: bytes, at: int) -> tuple[int, int]:
    """SQLite's varint at ``at``: big-endian groups of 7 bits, the high bit saying more
    follow; a 9th byte gives all 8 bits. Returns the value and where the next one starts."""
    value = 0
    for n in range(9):
        byte = data[at + n]
        if n == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, at + n + 1
    raise AssertionError("unreachable")


def tidy(session: Session) -> bool:
    """Merge the index into one segment if it is in more than :data:`TIDY_ABOVE`; returns
    whether it did. Nothing found changes, only how fast it is found: a ten-year index in ten
    segments takes 0.1-0.2 s to merge and then answers a search 1-2 ms sooner."""
    if _hosted(session) or segments(session) <= TIDY_ABOVE:
        return False
    session.execute(text("INSERT INTO search_index (search_index) VALUES ('optimize')"))
    return True


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


def symbols(query: str) -> list[str]:
    """The emoji and other symbols in what a person typed, one term each.

    The tokenizer treats them as separators, so the index cannot find them; :func:`search`
    looks for them as plain text instead. A symbol is any non-ASCII character of a Unicode
    symbol category (emoji, ♥, €, →), with what belongs to it: skin tones, combining marks,
    and the next symbol after a zero-width joiner (👩‍👧) or the second half of a flag (🇬🇧).
    Presentation selectors are dropped. ASCII symbols (``+``, ``^``, ``$``, ``<``) are left
    out, as before.
    """
    return list(_symbol_forms(query))


def _symbol_forms(query: str) -> dict[str, list[str]]:
    """Each symbol term (without presentation selectors), and the forms to look for: the bare
    term, and as typed when that differs ("❤️‍🔥" as a keyboard writes it)."""
    runs: list[str] = []
    for char in query:
        last = runs[-1] if runs else ""
        if last and (_joins(char) or _continues(last, char)):
            runs[-1] = last + char
        elif _is_symbol(char):
            runs.append(char)
        else:
            runs.append("")  # anything else ends the symbol before it
    forms: dict[str, list[str]] = {}
    for run in runs:
        typed = run.strip(_ZWJ)
        bare = _PRESENTATION.sub("", typed)
        if bare and (bare in forms or len(forms) < MAX_QUERY_WORDS):
            found = forms.setdefault(bare, [bare])
            if bare not in typed and typed not in found:  # a selector inside, not just after
                found.append(typed)
    return forms


_ZWJ = "\u200d"
_FLAG_HALVES = range(0x1F1E6, 0x1F200)  # regional indicators: two make a flag


def _is_symbol(char: str) -> bool:
    return not char.isascii() and unicodedata.category(char).startswith("S")


def _joins(char: str) -> bool:
    """Belongs to the symbol before it (joiner, selector, combining mark, skin tone)."""
    category = unicodedata.category(char)
    return category in {"Mn", "Me", "Cf"} or (category == "Sk" and not char.isascii())


def _continues(term: str, char: str) -> bool:
    """``char`` is a symbol that carries ``term`` on: after a joiner, or a flag's 2nd half."""
    if not term or not _is_symbol(char):
        return False
    if term.endswith(_ZWJ):
        return True
    halves = [c for c in term if ord(c) in _FLAG_HALVES]
    return ord(char) in _FLAG_HALVES and len(halves) == 1 and len(term) == 1


def _symbol_pattern(terms: list[str]) -> re.Pattern[str]:
    """Finds any of ``terms`` in text, with or without presentation selectors after each
    character."""
    optional = "[\ufe0e\ufe0f]?"
    alternatives = ("".join(re.escape(char) + optional for char in term) for term in terms)
    return re.compile("|".join(sorted(alternatives, key=len, reverse=True)))


def _mark(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with every symbol ``pattern`` finds marked, outside what is already marked."""
    pieces = re.split(f"({MARK_START}.*?{MARK_END})", text)
    return "".join(
        piece
        if piece.startswith(MARK_START)
        else pattern.sub(lambda found: f"{MARK_START}{found.group(0)}{MARK_END}", piece)
        for piece in pieces
    )


def _around(text: str, pattern: re.Pattern[str]) -> str:
    """A snippet of ``text`` around the first symbol found (as FTS5 makes for words): a few
    words either side, cut at spaces, with the symbols marked."""
    found = pattern.search(text)
    if found is None:
        before, after = "", text
    else:
        before, after = text[: found.start()], text[found.start() :]
    side = SNIPPET_TOKENS // 2
    head = before.split(" ")
    tail = after.split(" ")
    shown = " ".join(head[-side:]) if len(head) > side else before
    rest = " ".join(tail[: side + 1]) if len(tail) > side + 1 else after
    return _mark(
        ("…" if len(head) > side else "") + shown + rest + ("…" if len(tail) > side + 1 else ""),
        pattern,
    )


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
    """Best matches first (BM25, title weighted above body), and how many matched in all.

    Words go through the index; emoji and other symbols (see :func:`symbols`) must also
    appear, as plain text, in the title or body. A query of only symbols reads the owner's
    documents (newest record first), never anyone else's.

    Ranking reads every candidate it ranks (BM25 costs about 10 µs a document), so a query
    matching more than ``RANKED_AT_ONCE`` documents is ranked in stretches: the most recent
    matches first (the newest share of each kind's), best first within each stretch, then
    the next stretch back in time (see :func:`stretches`). Up to ``RANKED_AT_ONCE`` matches,
    the order is plain BM25 over all of them.
    """
    expression = match_expression(query)
    forms = _symbol_forms(query)
    if expression is None and not forms:
        return [], 0
    if _hosted(session):
        return _search_hosted(session, owner_id, query, limit=limit, offset=offset)
    owner = f'owner : "{_owner_token(owner_id)}"'
    params = {
        "q": f"{owner} AND {{title body}} : ({expression})" if expression else owner,
        # The same words without the owner: for the queries that read only row ids already
        # found with the owner (``:ids``), the owner's phrase is only more to walk. It never
        # changes a score: BM25 weighs the owner column 0.
        "words": f"{{title body}} : ({expression})",
        "symbols": json.dumps(list(forms.values()), ensure_ascii=False),
        "limit": limit,
        "offset": offset,
        "start": MARK_START,
        "end": MARK_END,
        "tokens": SNIPPET_TOKENS,
    }
    if not forms:  # words only: the index alone answers
        # Walking the matches in the index's own order is cheap (a few ms for thousands);
        # ranking and snippets are what cost, so only this page's are made.
        # One row (the ids joined by commas): reading 3,000 rows one by one through
        # SQLAlchemy cost twice the query itself.
        joined = session.execute(_MATCHES, params).scalar_one()
        rowids = list(map(int, joined.split(","))) if joined else []
        shown = _ranked_page(session, params, rowids, offset=offset, limit=limit)
        if not shown:
            return [], len(rowids)
        found = {
            rowid: snippet
            for rowid, snippet in session.execute(_SNIPPETS, {**params, **_among(shown)})
        }
        return [Hit(r % SLOTS, r // SLOTS, found[r]) for r in shown if r in found], len(rowids)
    pattern = _symbol_pattern(list(forms))
    total = session.execute(text(_COUNT_WITH_SYMBOLS), params).scalar_one()
    if not total:
        return [], 0
    if expression is None:  # symbols only: a snippet around the first one
        rows = session.execute(text(_SYMBOL_ROWS), params).all()
        return [
            Hit(
                rowid % SLOTS,
                rowid // SLOTS,
                _around(body if pattern.search(body) else title, pattern),
            )
            for rowid, title, body in rows
        ], int(total)
    rows = session.execute(text(_ROWS_WITH_SYMBOLS), params).all()
    return [
        Hit(rowid % SLOTS, rowid // SLOTS, _mark(snippet, pattern)) for rowid, snippet in rows
    ], int(total)


def _search_hosted(
    session: Session, owner_id: int, query: str, *, limit: int, offset: int
) -> tuple[list[Hit], int]:
    """:func:`search` on PostgreSQL: the blind index finds the candidates, and only the
    records of the page shown are decrypted and ranked by FTS5 in memory (see
    ``search_hosted``). When the index cannot answer exactly (symbols, rare word shapes),
    FTS5 checks every candidate itself."""
    from anchored.storage import search_hosted

    words = re.findall(r"\w+", query)[:MAX_QUERY_WORDS]
    forms = _symbol_forms(query)
    chars = {char for term in forms for char in term if _is_symbol(char)}
    rowids, exact = search_hosted.candidates(session, owner_id, words, chars)
    if not rowids:
        return [], 0
    if not exact or forms:
        found = search_hosted.documents(session, owner_id, rowids)
        # Only records holding every symbol (some form of it, in the title or the body, as
        # the queries below check) are worth indexing in memory: decrypting is cheap,
        # indexing is not.
        found = [
            (rowid, title, body)
            for rowid, title, body in found
            if all(any(f in title or f in body for f in each) for each in forms.values())
        ]
        with search_hosted.scratch(owner_id, found) as local:
            return search(local, owner_id, query, limit=limit, offset=offset)
    hits: list[Hit] = []
    position = 0
    for stretch in stretches(rowids, RANKED_AT_ONCE):
        end = position + len(stretch)
        if end > offset and position < offset + limit:
            first = max(offset - position, 0)
            found = search_hosted.documents(session, owner_id, stretch)
            with search_hosted.scratch(owner_id, found) as local:
                shown, _total = search(
                    local, owner_id, query, limit=offset + limit - position - first, offset=first
                )
            hits.extend(shown)
        position = end
    return hits, len(rowids)


RANKED_AT_ONCE = 100  # matches ranked together; about 1 ms of BM25 on the reference machine


def stretches(rowids: list[int], size: int = RANKED_AT_ONCE) -> list[list[int]]:
    """Matches (row ids) in the stretches they are ranked in, the most recent first.

    One stretch when there are at most ``size``. Otherwise as many stretches as it takes to
    keep each near ``size``, and each kind's matches (newest record first: ids grow as records
    are written) shared out evenly among them, so every stretch holds its share of each
    kind, not just the kind with the most records. Every match is in exactly one stretch.
    """
    count = -(-len(rowids) // size)
    if count <= 1:
        return [rowids]
    by_kind: dict[int, list[int]] = {}
    for rowid in sorted(rowids, reverse=True):
        by_kind.setdefault(rowid % SLOTS, []).append(rowid)
    out: list[list[int]] = [[] for _ in range(count)]
    for found in by_kind.values():
        n = len(found)
        for i, stretch in enumerate(out):  # any odd ones in the more recent stretches
            stretch.extend(found[-(-i * n // count) : -(-(i + 1) * n // count)])
    return [stretch for stretch in out if stretch]


def _among(rowids: list[int]) -> dict[str, object]:
    """Parameters for the queries that read only ``rowids``: the list, and the range FTS5
    can skip to (so the matches before and after it are not walked)."""
    return {"ids": json.dumps(rowids), "low": min(rowids), "high": max(rowids)}


def _ranked_page(
    session: Session, params: dict[str, object], rowids: list[int], *, offset: int, limit: int
) -> list[int]:
    """The row ids at positions ``offset`` to ``offset + limit`` of the ranked matches,
    ranking only the stretches that page falls in."""
    shown: list[int] = []
    position = 0
    everything = stretches(rowids, RANKED_AT_ONCE)
    for stretch in everything:
        end = position + len(stretch)
        if end > offset and position < offset + limit:
            first = max(offset - position, 0)
            wanted = {**params, "offset": first, "limit": offset + limit - position - first}
            if len(everything) == 1:
                ranked = session.execute(_RANKED, wanted).scalars()
            else:
                ranked = session.execute(_RANKED_AMONG, {**wanted, **_among(stretch)})
                ranked = ranked.scalars()
            shown.extend(ranked)
        position = end
    return shown


# Spelled out in full (no string-built SQL), and built once. Words only: every match (in no
# set order).
_MATCHES = text("SELECT group_concat(rowid) FROM search_index WHERE search_index MATCH :q")
_RANKED = text(
    "SELECT rowid FROM search_index WHERE search_index MATCH :q "
    "ORDER BY bm25(search_index, 2.0, 1.0, 0.0), rowid DESC LIMIT :limit OFFSET :offset"
)
# ``:ids`` is a JSON list of row ids (all the owner's: found with ``:q``), ``:low`` and
# ``:high`` its smallest and largest. ``rowid + 0`` keeps SQLite from handing the list to
# FTS5 as ``rowid =`` lookups (one whole query per id, measured 100x slower): the matches
# between ``:low`` and ``:high`` are walked once and only those in the list are ranked (or
# given a snippet).
_RANKED_AMONG = text(
    "SELECT rowid FROM search_index WHERE search_index MATCH :words "
    "AND rowid BETWEEN :low AND :high AND rowid + 0 IN (SELECT value FROM json_each(:ids)) "
    "ORDER BY bm25(search_index, 2.0, 1.0, 0.0), rowid DESC LIMIT :limit OFFSET :offset"
)
_SNIPPETS = text(
    "SELECT rowid, snippet(search_index, 1, :start, :end, '…', :tokens) "
    "FROM search_index WHERE search_index MATCH :words "
    "AND rowid BETWEEN :low AND :high AND rowid + 0 IN (SELECT value FROM json_each(:ids))"
)
# With symbols: ``:symbols`` is a JSON list (bound, never spliced in) of each symbol's forms;
# no document is left where some symbol has none of its forms in the title or the body.
_COUNT_WITH_SYMBOLS = (
    "SELECT count(*) FROM search_index WHERE search_index MATCH :q "
    "AND NOT EXISTS (SELECT 1 FROM json_each(:symbols) AS term WHERE NOT EXISTS ("
    "SELECT 1 FROM json_each(term.value) AS form "
    "WHERE instr(body, form.value) > 0 OR instr(title, form.value) > 0))"
)
_ROWS_WITH_SYMBOLS = (
    "SELECT rowid, snippet(search_index, 1, :start, :end, '…', :tokens) "
    "FROM search_index WHERE search_index MATCH :q "
    "AND NOT EXISTS (SELECT 1 FROM json_each(:symbols) AS term WHERE NOT EXISTS ("
    "SELECT 1 FROM json_each(term.value) AS form "
    "WHERE instr(body, form.value) > 0 OR instr(title, form.value) > 0)) "
    "ORDER BY bm25(search_index, 2.0, 1.0, 0.0), rowid DESC LIMIT :limit OFFSET :offset"
)
# Only symbols: the owner's documents holding them, newest record first.
_SYMBOL_ROWS = (
    "SELECT rowid, title, body FROM search_index WHERE search_index MATCH :q "
    "AND NOT EXISTS (SELECT 1 FROM json_each(:symbols) AS term WHERE NOT EXISTS ("
    "SELECT 1 FROM json_each(term.value) AS form "
    "WHERE instr(body, form.value) > 0 OR instr(title, form.value) > 0)) "
    "ORDER BY rowid DESC LIMIT :limit OFFSET :offset"
)
