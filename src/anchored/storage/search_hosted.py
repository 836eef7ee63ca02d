"""Search in hosted mode (PostgreSQL): an encrypted document store and a keyed blind index.

An FTS5 index cannot live in PostgreSQL (it would hold everyone's words in plain text). So:

- ``search_index_documents`` holds each record's title and body, encrypted like every free
  text (``atrest.seal`` under the owner's data key);
- ``search_index_terms`` is a keyed blind index: for each record, a 64-bit keyed hash
  (HMAC-SHA-256 under a search key derived from the person's data key) of every word as
  the vault's FTS5 tokenizer makes it (porter stems, accents folded, lower case), and of
  each word's first ``PREFIX_MAX`` beginnings. The hashes reveal no words to someone
  without the key, and the same word hashes differently for each person.

A search hashes the query's words the same way and asks PostgreSQL for the records holding
all of them (the candidates: exactly FTS5's matches but for rare queries, see
:func:`_candidates`), then decrypts only the records of the page being shown (ranked in
stretches as personal mode does, ``search.stretches``), puts them in a small in-memory FTS5
table with the vault's very schema and tokenizer, and lets the personal-mode queries rank
them and cut the snippets. Words, prefixes, accents, emoji and snippet marks therefore
behave as in a personal vault; ranking uses BM25 statistics of the candidates ranked together
rather than of the whole index (``benchmarks/hosted.py`` measured the choice).

Imported only in hosted mode (never by a personal vault).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import sqlcipher3.dbapi2 as sqlite
from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from anchored.storage import atrest

PREFIX_MAX = 8  # beginnings up to this many letters are in the blind index
EXACT_LIMIT = 100_000  # documents decrypted at most for a query the index cannot answer
_WORD = re.compile(r"\w+")

_TOKENIZER = "porter unicode61 remove_diacritics 2"  # as the vault's (migration 0005)
_local = threading.local()


def _memory() -> Any:
    """This thread's in-memory SQLite (no file): the tokenizer, and scratch FTS5 tables."""
    connection = getattr(_local, "connection", None)
    if connection is None:
        # Autocommit: nothing here is worth a transaction (it is all thrown away).
        connection = sqlite.connect(":memory:", check_same_thread=False, isolation_level=None)
        connection.execute(
            f"CREATE VIRTUAL TABLE words USING fts5(title, body, tokenize = '{_TOKENIZER}')"
        )
        connection.execute("CREATE VIRTUAL TABLE words_terms USING fts5vocab(words, 'instance')")
        _local.connection = connection
    return connection


def _terms_of(texts: Sequence[str]) -> list[list[str]]:
    """Each text's tokens (in order) as the vault's FTS5 tokenizer makes them."""
    connection = _memory()
    out: list[list[str]] = [[] for _ in texts]
    try:
        connection.executemany(
            "INSERT INTO words (rowid, title, body) VALUES (?, '', ?)",
            [(i + 1, value) for i, value in enumerate(texts)],
        )
        for doc, term in connection.execute(
            "SELECT doc, term FROM words_terms ORDER BY doc, col, offset"
        ):
            out[doc - 1].append(term)
    finally:
        connection.execute("DELETE FROM words")
    return out


def _hashes(owner_id: int, tagged: Iterable[str]) -> list[int]:
    """Each tag's keyed hash under ``owner_id``'s search key, as a signed 64-bit number."""
    keyed = hmac.new(atrest.search_key(owner_id), digestmod=hashlib.sha256)
    out = []
    for tag in tagged:
        one = keyed.copy()
        one.update(tag.encode("utf-8"))
        out.append(int.from_bytes(one.digest()[:8], "big", signed=True))
    return out


def _tags(terms: Iterable[str]) -> set[str]:
    """What the blind index holds for a document's terms: each term, each beginning."""
    tags: set[str] = set()
    for term in terms:
        tags.add("w" + term)
        for n in range(1, min(len(term), PREFIX_MAX) + 1):
            tags.add("p" + term[:n])
    return tags


def index_document(
    session: Session,
    owner_id: int,
    rowid: int,
    title: str,
    body: str,
    symbols: Iterable[str] = (),
) -> None:
    """Store the record's title and body sealed under ``owner_id``'s key (an empty one stays
    empty), and its keyed hashes: of its words, their beginnings, and each emoji or other
    symbol character in it (``symbols``, which the tokenizer drops)."""
    sealed_title = atrest.seal(owner_id, title) if title else ""
    sealed_body = atrest.seal(owner_id, body) if body else ""
    session.execute(
        text(
            "INSERT INTO search_index_documents (rowid, owner_id, title, body) "
            "VALUES (:rowid, :owner, :title, :body) ON CONFLICT (rowid) DO UPDATE "
            "SET owner_id = excluded.owner_id, title = excluded.title, body = excluded.body"
        ),
        {"rowid": rowid, "owner": owner_id, "title": sealed_title, "body": sealed_body},
    )
    session.execute(text("DELETE FROM search_index_terms WHERE rowid = :rowid"), {"rowid": rowid})
    title_terms, body_terms = _terms_of([title, body])
    tags = _tags(title_terms + body_terms) | {"c" + char for char in symbols}
    hashes = _hashes(owner_id, tags)
    if hashes:
        session.execute(
            text(
                "INSERT INTO search_index_terms (owner_id, term, rowid) "
                "SELECT :owner, unnest(CAST(:terms AS bigint[])), :rowid"
            ),
            {"owner": owner_id, "terms": hashes, "rowid": rowid},
        )


def remove_document(session: Session, rowid: int) -> None:
    session.execute(text("DELETE FROM search_index_terms WHERE rowid = :rowid"), {"rowid": rowid})
    session.execute(
        text("DELETE FROM search_index_documents WHERE rowid = :rowid"), {"rowid": rowid}
    )


def remove_owner_documents(session: Session, owner_id: int, code: int, slots: int) -> None:
    params = {"owner": owner_id, "code": code, "slots": slots}
    session.execute(
        text("DELETE FROM search_index_terms WHERE owner_id = :owner AND rowid % :slots = :code"),
        params,
    )
    session.execute(
        text(
            "DELETE FROM search_index_documents WHERE owner_id = :owner AND rowid % :slots = :code"
        ),
        params,
    )


def remove_owner(session: Session, owner_id: int) -> None:
    session.execute(
        text("DELETE FROM search_index_terms WHERE owner_id = :owner"), {"owner": owner_id}
    )
    session.execute(
        text("DELETE FROM search_index_documents WHERE owner_id = :owner"), {"owner": owner_id}
    )


def _candidates(
    session: Session, owner_id: int, words: list[str], symbols: Iterable[str]
) -> tuple[list[int], bool]:
    """The owner's records holding every query word (the last as a beginning) and every
    symbol character, and whether that is exactly what FTS5 would match. Not exact (the
    caller checks each candidate) when a word makes several tokens (``foo_bar``: FTS5 wants
    them side by side), the last word's stem is longer than the beginnings the index holds,
    or there are symbols (a record holding each character may not hold them together)."""
    tokens = _terms_of(words) if words else []
    tags = {"c" + char for char in symbols}
    exact = not tags and all(len(found) == 1 for found in tokens)
    for i, found in enumerate(tokens):
        last = i == len(tokens) - 1
        for j, term in enumerate(found):
            if last and j == len(found) - 1:
                tags.add("p" + term[:PREFIX_MAX])
                exact = exact and len(term) <= PREFIX_MAX
            else:
                tags.add("w" + term)
    if not tags:  # only what the tokenizer drops: FTS5 itself decides, over everything
        return _all_rowids(session, owner_id), False
    hashes = _hashes(owner_id, sorted(tags))
    rows = session.execute(
        text(
            "SELECT rowid FROM search_index_terms WHERE owner_id = :owner "
            "AND term IN :terms GROUP BY rowid HAVING count(*) = :n"
        ).bindparams(bindparam("terms", expanding=True)),
        {"owner": owner_id, "terms": hashes, "n": len(set(hashes))},
    ).scalars()
    return list(rows), exact


def _all_rowids(session: Session, owner_id: int) -> list[int]:
    return list(
        session.execute(
            text("SELECT rowid FROM search_index_documents WHERE owner_id = :owner"),
            {"owner": owner_id},
        ).scalars()
    )


def _documents(
    session: Session, owner_id: int, rowids: Sequence[int]
) -> list[tuple[int, str, str]]:
    """The records ``rowids`` of ``owner_id``, decrypted."""
    if not rowids:
        return []
    rows = session.execute(
        text(
            "SELECT rowid, title, body FROM search_index_documents "
            "WHERE owner_id = :owner AND rowid IN :ids"
        ).bindparams(bindparam("ids", expanding=True)),
        {"owner": owner_id, "ids": list(rowids)},
    ).all()
    return [
        (rowid, atrest.open_value(title) or "", atrest.open_value(body) or "")
        for rowid, title, body in rows
    ]


def _scratch_session() -> Session:
    """This thread's session on its in-memory SQLite, holding an empty FTS5 table shaped as
    the vault's index (``search_index``)."""
    found: Session | None = getattr(_local, "scratch", None)
    if found is None:
        from sqlalchemy import create_engine
        from sqlalchemy.pool import StaticPool

        connection = _memory()
        connection.execute(
            "CREATE VIRTUAL TABLE search_index USING fts5("
            f"title, body, owner, tokenize = '{_TOKENIZER}')"
        )
        engine = create_engine(
            "sqlite://", module=sqlite, creator=lambda: connection, poolclass=StaticPool
        )
        found = Session(bind=engine)
        _local.scratch = found
    return found


@contextmanager
def scratch(owner_id: int, documents: list[tuple[int, str, str]]) -> Iterator[Session]:
    """A session where ``search_index`` holds just ``documents`` (decrypted), so personal
    mode's queries rank them and cut their snippets; emptied afterwards."""
    session = _scratch_session()
    try:
        if documents:
            session.execute(
                text(
                    "INSERT INTO search_index (rowid, title, body, owner) "
                    "VALUES (:rowid, :title, :body, :owner)"
                ),
                [
                    {"rowid": rowid, "title": title, "body": body, "owner": f"o{owner_id}"}
                    for rowid, title, body in documents
                ],
            )
        yield session
    finally:
        session.execute(text("DELETE FROM search_index"))
        session.rollback()


def candidates(
    session: Session, owner_id: int, words: list[str], symbols: Iterable[str] = ()
) -> tuple[list[int], bool]:
    """See :func:`_candidates`."""
    return _candidates(session, owner_id, words, symbols)


def documents(session: Session, owner_id: int, rowids: Sequence[int]) -> list[tuple[int, str, str]]:
    return _documents(session, owner_id, rowids)
