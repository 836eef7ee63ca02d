"""The FTS5 index inside the vault: safe queries, ranking, snippets, and the migration."""

from __future__ import annotations

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from anchored.storage import migrate
from anchored.storage import search as search_module
from anchored.storage.search import (
    MARK_END,
    MARK_START,
    SLOTS,
    index_document,
    match_expression,
    remove_document,
    search,
    stretches,
    symbols,
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


@given(
    st.lists(st.tuples(st.integers(1, 3), st.integers(1, 10_000)), unique=True, max_size=300).map(
        lambda pairs: sorted(ref * SLOTS + code for code, ref in pairs)
    ),
    st.integers(1, 50),
)
def test_stretches_hold_every_match_once_newest_first_each_kind_shared(
    rowids: list[int], size: int
) -> None:
    found = stretches(rowids, size)
    assert sorted(r for stretch in found for r in stretch) == rowids
    if len(rowids) <= size:
        assert found == [rowids]
        return
    kinds = {r % SLOTS for r in rowids}
    assert len(found) <= -(-len(rowids) // size)
    assert all(0 < len(stretch) <= size + len(kinds) for stretch in found)
    for code in kinds:
        mine = [[r for r in stretch if r % SLOTS == code] for stretch in found]
        assert max(map(len, mine)) - min(map(len, mine)) <= 1  # shared out evenly
        newest_first = [r for part in mine for r in part]
        assert newest_first == sorted(newest_first, reverse=True)


def test_many_matches_are_ranked_in_stretches_most_recent_first(
    open_vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_module, "RANKED_AT_ONCE", 4)
    with open_vault.session() as session:
        # Old writing that says "rain" most, then newer writing that says it less.
        for ref in range(1, 5):
            index_document(session, OWNER, 1, ref, "", "rain rain rain rain and more")
        for ref in range(5, 9):
            index_document(session, OWNER, 1, ref, "", f"rain {'once ' * ref}today")
        index_document(session, OWNER, 2, 1, "", "rain at last on the window")
        pages = [search(session, OWNER, "rain", limit=3, offset=start) for start in (0, 3, 6)]
    shown = [(h.code, h.ref_id) for hits, _total in pages for h in hits]
    assert {total for _hits, total in pages} == {9}
    assert sorted(shown) == sorted([(1, ref) for ref in range(1, 9)] + [(2, 1)])
    # The newest of each kind come first, best match first among them (shorter is better).
    assert shown[:4] == [(2, 1), (1, 6), (1, 7), (1, 8)]
    assert all(h.snippet for hits, _ in pages for h in hits)


@pytest.mark.sqlcipher_only  # the FTS5 index and its migrations
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


@pytest.mark.sqlcipher_only  # the FTS5 index and its migrations
def test_upgrade_indexes_what_was_written_before_every_tool_was_searched(
    open_vault: OpenVault,
) -> None:
    """Migration 0007 indexes trigger-log entries, pauses (with their sorted thoughts), safety
    plans and session notes already in the vault; going back removes only those."""
    migrate.downgrade(open_vault.engine, "0006")
    with open_vault.engine.begin() as connection:
        for statement in (
            # A journal entry's row (id 1, code 1), there before: it stays either way.
            "INSERT INTO search_index (rowid, title, body, owner) "
            "VALUES (65, '', 'A journal walk', 'o1')",
            "INSERT INTO trigger_log_entries "
            "(id, owner_id, created_at, trigger, origin, usual_response, new_response) "
            "VALUES (3, 1, :when, 'No reply', 'An old kestrel story', '', 'Breathe \ue000')",
            "INSERT INTO pause_episodes (id, owner_id, started_at, ends_at, planned_minutes, "
            "status, what_happened, held_message, final_message, note) "
            "VALUES (4, 1, :when, :when, 20, 'finished', 'Left on read', "
            "'Where are you, heron?', '', 'walk helped')",
            "INSERT INTO pause_statements (episode_id, position, text, kind) "
            "VALUES (4, 0, 'He is with a magpie', 'feeling')",
            "INSERT INTO safety_plans (id, owner_id, updated_at, warning_signs, coping_alone, "
            "distractions, help_people, professionals, safer_surroundings, what_matters) "
            "VALUES (5, 1, :when, 'Checking', 'A swim', '', '', '', '', 'My lark')",
            "INSERT INTO session_prep_items (id, owner_id, created_at, text) "
            "VALUES (6, 2, :when, 'Ask about the sparrow dream')",
        ):
            connection.execute(text(statement), {"when": "2026-01-01 10:00:00"})
    migrate.upgrade(open_vault.engine, "head")
    expected = [
        ("kestrel", OWNER, {(4, 3)}),
        ("breathe", OWNER, {(4, 3)}),
        ("heron", OWNER, {(5, 4)}),
        ("magpie", OWNER, {(5, 4)}),
        ("walk", OWNER, {(1, 1), (5, 4)}),
        ("lark", OWNER, {(6, 5)}),
        ("sparrow", STRANGER, {(7, 6)}),
        ("sparrow", OWNER, set()),
    ]
    with open_vault.session() as session:
        for word, owner, hits in expected:
            assert {(h.code, h.ref_id) for h in search(session, owner, word)[0]} == hits, word
        rows = session.execute(text("SELECT rowid, title, body FROM search_index")).all()
    pause = next(body for rowid, _title, body in rows if rowid == 4 * 64 + 5)
    assert pause == "Left on read\nWhere are you, heron?\nwalk helped\nHe is with a magpie"
    assert all(title == "" for rowid, title, _body in rows if rowid % 64 in (4, 5, 6, 7))
    assert all("\ue000" not in body for _rowid, _title, body in rows)

    migrate.downgrade(open_vault.engine, "0006")
    with open_vault.engine.connect() as connection:
        left = connection.execute(text("SELECT rowid % 64 FROM search_index")).scalars().all()
    assert left == [1]  # the journal entry's, from before


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("😢", ["😢"]),
        ("sad😢 again", ["😢"]),
        ("😢😢 😢", ["😢"]),
        ("❤️", ["❤"]),  # the emoji-style marker is dropped
        ("👍🏽", ["👍🏽"]),  # a skin tone stays with its emoji
        ("👩\u200d👧", ["👩\u200d👧"]),  # so does a joined family
        ("🇬🇧🇫🇷", ["🇬🇧", "🇫🇷"]),  # two flags
        ("€ → ★", ["€", "→", "★"]),
        ("^ + $ < =", []),  # ASCII symbols are left out, as before
        ("plain words", []),
    ],
)
def test_symbols_are_the_emoji_and_other_symbols_typed(query: str, expected: list[str]) -> None:
    assert symbols(query) == expected


@pytest.mark.parametrize(
    "query", ['😢"', "'😢'", "😢 AND", '["😢"]', "😢%", "_😢_", "😢*", "owner : 😢", "\u200d"]
)
def test_symbol_queries_are_plain_text_and_only_the_owners(
    open_vault: OpenVault, query: str
) -> None:
    with open_vault.session() as session:
        index_document(session, OWNER, 1, 1, "", "plain words only")
        index_document(session, STRANGER, 1, 2, "", query)
        hits, total = search(session, OWNER, query)
    assert (hits, total) == ([], 0)


def test_a_symbol_is_found_in_the_title_or_the_body_and_marked(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        index_document(session, OWNER, 1, 1, "Sunday ☀️", "We walked.")
        index_document(session, OWNER, 2, 1, "", "Cold ☀ but bright, and then rain")
        index_document(session, OWNER, 3, 1, "", "No sun at all")
        hits, total = search(session, OWNER, "☀️")
        assert total == 2
        assert {(h.code, h.ref_id) for h in hits} == {(1, 1), (2, 1)}
        assert all(any(match for _text, match in h.snippet_parts()) for h in hits)
        (mixed,), _ = search(session, OWNER, "rain ☀")
    assert ("rain", True) in mixed.snippet_parts()
    assert ("☀", True) in mixed.snippet_parts()


def test_a_joined_emoji_is_found_as_typed_or_bare(open_vault: OpenVault) -> None:
    fire_heart = "\u2764\ufe0f\u200d\U0001f525"  # ❤️‍🔥 as a phone keyboard writes it
    with open_vault.session() as session:
        index_document(session, OWNER, 1, 1, "", f"We made up {fire_heart}")
        assert search(session, OWNER, fire_heart)[1] == 1
        assert search(session, OWNER, "❤")[1] == 1


def _fragmented(open_vault: OpenVault, saves: int = 40) -> None:
    """An index written as the app writes it: one save (one transaction) at a time."""
    for ref_id in range(1, saves + 1):
        with open_vault.session() as session:
            words = "kettle morning" if ref_id % 3 else "kettle evening"
            index_document(session, OWNER, 1, ref_id, "", f"{words} number {ref_id}")
    with open_vault.session() as session:
        index_document(session, STRANGER, 1, saves + 1, "", "kettle morning of a stranger")


def test_tidy_merges_an_index_in_many_pieces_and_finds_exactly_the_same(
    open_vault: OpenVault,
) -> None:
    _fragmented(open_vault)
    with open_vault.session() as session:
        if search_module._hosted(session):
            assert search_module.tidy(session) is False  # PostgreSQL: no FTS5 index to merge
            return
        before = search_module.segments(session)
        found = [search(session, OWNER, q, limit=50) for q in ("kettle", "morn", "evening 12")]
    assert before > search_module.TIDY_ABOVE  # many small saves left many segments
    with open_vault.session() as session:
        assert search_module.tidy(session) is True
    with open_vault.session() as session:
        assert search_module.segments(session) == 1
        assert [
            search(session, OWNER, q, limit=50) for q in ("kettle", "morn", "evening 12")
        ] == found
        assert found[0][1] == 40  # the stranger's document is still nobody's but theirs
        assert search_module.tidy(session) is False  # one piece: nothing to do


@pytest.mark.sqlcipher_only
def test_a_small_index_is_left_as_it_is(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        index_document(session, OWNER, 1, 1, "", "one entry")
    with open_vault.session() as session:
        assert 0 < search_module.segments(session) <= search_module.TIDY_ABOVE
        assert search_module.tidy(session) is False
