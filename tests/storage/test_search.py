"""The FTS5 index inside the vault: safe queries, ranking, snippets, and the migration."""

from __future__ import annotations

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from anchored.storage import migrate
from anchored.storage.search import (
    MARK_END,
    MARK_START,
    index_document,
    match_expression,
    remove_document,
    search,
)
from anchored.storage.vault import OpenVault

OWNER, STRANGER = 1, 2


def test_match_expression_quotes_every_word_and_prefixes_the_last() -> None:
    assert match_expression('he said "soon" (maybe)') == '"he" "said" "soon" "maybe"*'
    assert match_expression("NOT OR AND NEAR") == '"NOT" "OR" "AND" "NEAR"*'


@pytest.mark.parametrize("query", ["", "   ", '"', "''", "*", "()", "-", "^", "…", ":"])
def test_a_query_without_words_matches_nothing(query: str) -> None:
    assert match_expression(query) is None


@given(st.text(max_size=80))
def test_any_typed_query_is_valid_fts5(query: str) -> None:
    # The same SQLite build the vault uses (no key: an in-memory scratch database).
    connection = sqlcipher.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    expression = match_expression(query)
    if expression is not None:
        connection.execute("SELECT * FROM t WHERE t MATCH ?", (expression,)).fetchall()


@pytest.mark.parametrize(
    "query",
    ['"', 'he said "soon', "(unclosed", "NEAR(", "a AND OR b", "col:umn", "-no", "x*y", "😢"],
)
def test_punctuation_and_syntax_never_raise_in_the_vault(open_vault: OpenVault, query: str) -> None:
    with open_vault.session() as session:
        index_document(session, OWNER, 1, 1, "", 'he said "soon" and NEAR(no) col:umn')
        hits, total = search(session, OWNER, query)
        assert total == len(hits)


def test_ranked_hits_with_marked_snippets_only_for_the_owner(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        index_document(session, OWNER, 1, 7, "A quiet evening", "We cooked and laughed.")
        index_document(session, OWNER, 2, 3, "", "Lonely tonight. Lonely again, texting felt slow.")
        index_document(session, OWNER, 3, 5, "", "They are lonely too maybe")
        index_document(session, STRANGER, 1, 9, "", "lonely lonely lonely")
        hits, total = search(session, OWNER, "lonely")
    assert total == 2
    assert [(h.code, h.ref_id) for h in hits] == [(2, 3), (3, 5)]
    assert f"{MARK_START}Lonely{MARK_END}" in hits[0].snippet
    assert ("Lonely", True) in hits[0].snippet_parts()
    assert ("They are ", False) in hits[1].snippet_parts()


def test_stemming_and_prefix(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        index_document(session, OWNER, 1, 1, "", "He texted me at midnight.")
        assert search(session, OWNER, "texting")[1] == 1
        assert search(session, OWNER, "midn")[1] == 1


def test_reindex_replaces_and_remove_deletes(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        index_document(session, OWNER, 1, 1, "", "first words")
        index_document(session, OWNER, 1, 1, "", "second words")
        assert search(session, OWNER, "first")[1] == 0
        assert search(session, OWNER, "second")[1] == 1
        remove_document(session, 1, 1)
        assert search(session, OWNER, "words")[1] == 0


def test_writing_cannot_fake_a_highlight(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        index_document(session, OWNER, 1, 1, "", f"plain {MARK_START}fake{MARK_END} word")
        hits, _ = search(session, OWNER, "word")
    assert ("fake", True) not in hits[0].snippet_parts()


def test_pagination(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        for ref in range(1, 26):
            index_document(session, OWNER, 1, ref, "", f"anchor number {ref}")
        first, total = search(session, OWNER, "anchor", limit=20)
        rest, _ = search(session, OWNER, "anchor", limit=20, offset=20)
    assert total == 25
    assert len(first) == 20
    assert len(rest) == 5
    assert not {h.ref_id for h in first} & {h.ref_id for h in rest}


def test_upgrade_indexes_journal_entries_written_before_search(open_vault: OpenVault) -> None:
    migrate.downgrade(open_vault.engine, "0004")
    with open_vault.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO journal_entries (owner_id, created_at, updated_at, title, body) "
                "VALUES (1, '2026-01-01 10:00:00', '2026-01-01 10:00:00', 'Old', "
                "'Written before search existed')"
            )
        )
    migrate.upgrade(open_vault.engine, "head")
    with open_vault.session() as session:
        hits, total = search(session, OWNER, "existed")
        assert total == 1
        assert (hits[0].code, hits[0].ref_id) == (1, 1)
        assert search(session, OWNER, "old")[1] == 1  # the title is searchable too
