"""Every word encrypted at rest in hosted mode (PostgreSQL): the master key file, the
envelope, nobody acting, a dump and the server's log reveal no one's writing, and deleting
one person's data."""

from __future__ import annotations

import base64
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from anchored.core.errors import UsageError
from anchored.core.owner import Owner
from anchored.features import FEATURES
from anchored.features.journal import service as journal
from anchored.manifest import resolve
from anchored.storage import atrest, owner_data
from anchored.storage.base import Base
from anchored.storage.search import search
from tests.postgres import SERVER_LOG, HostedStore, _cluster_tool
from tests.support import PEOPLE

pytestmark = pytest.mark.postgresql  # picked by -k postgresql

NOW = datetime(2026, 3, 14, 21, 30, tzinfo=UTC)
MARKERS = {1: "Quince lanterns drifted over the harbour wall.", 3: "Marigold kites sang."}


# -- the master key file ------------------------------------------------------------------------


def test_a_master_key_file_holds_the_base64_of_32_bytes(tmp_path: Path) -> None:
    path = tmp_path / "master.key"
    path.write_text(atrest.new_master_key() + "\n", encoding="ascii")
    assert len(atrest.load_master_key(path)) == 32


@pytest.mark.parametrize(
    "content",
    [
        "",
        "not base64 at all!",
        base64.b64encode(b"short").decode(),
        base64.b64encode(bytes(33)).decode(),
    ],
    ids=["empty", "not-base64", "too-short", "too-long"],
)
def test_anything_else_is_refused_with_a_clear_message(tmp_path: Path, content: str) -> None:
    path = tmp_path / "master.key"
    path.write_text(content, encoding="ascii")
    with pytest.raises(UsageError, match="exactly 32 random bytes"):
        atrest.load_master_key(path)


def test_a_missing_master_key_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        atrest.load_master_key(tmp_path / "nowhere.key")


# -- the envelope -------------------------------------------------------------------------------


def _stored(store: HostedStore, sql: str) -> list[str]:
    with store.engine.connect() as connection:
        return [str(v) for v in connection.execute(text(sql)).scalars()]


def test_words_are_stored_sealed_and_read_back(pg_store: HostedStore) -> None:
    with pg_store.session() as session:
        entry = journal.add_entry(session, PEOPLE.me, MARKERS[1], "A title", now=NOW)
    (body,) = _stored(pg_store, "SELECT body FROM journal_entries")
    (title,) = _stored(pg_store, "SELECT title FROM journal_entries")
    assert body.startswith("a1.1.")
    assert title.startswith("a1.1.")
    assert "Quince" not in body
    with pg_store.session() as session:
        again = journal.get_entry(session, PEOPLE.me, entry.id)
    assert (again.body, again.title) == (MARKERS[1], "A title")
    # The same words sealed twice look different (a new nonce each time).
    assert atrest.seal(1, "same") != atrest.seal(1, "same")


def test_nobody_acting_means_nothing_is_written(pg_store: HostedStore) -> None:
    with atrest.acting_as(0), pytest.raises(atrest.NotSealed):
        atrest.seal(0, "person 0 has no key")
    token = atrest._acting.set(None)
    try:
        with pytest.raises(Exception, match="nobody acting"), pg_store.session() as session:
            journal.add_entry(session, PEOPLE.me, MARKERS[1], now=NOW)
    finally:
        atrest._acting.reset(token)
    assert _stored(pg_store, "SELECT body FROM journal_entries") == []


def test_words_moved_to_another_person_do_not_open(pg_store: HostedStore) -> None:
    sealed = atrest.seal(1, MARKERS[1])
    assert atrest.unseal(sealed) == MARKERS[1]
    moved = "a1.2." + sealed.split(".", 2)[2]  # the envelope claims person 2
    with pytest.raises(atrest.NotSealed):
        atrest.unseal(moved)
    with pytest.raises(atrest.NotSealed):
        atrest.unseal(sealed[:-6] + ("A" if sealed[-6] != "A" else "B") + sealed[-5:])


def test_empty_words_stay_empty(pg_store: HostedStore) -> None:
    """An empty field is stored empty (so SQL can tell which were filled in); that a field is
    empty is the only thing it says."""
    assert atrest.seal_value("") == ""
    assert atrest.open_value("") == ""
    assert atrest.seal_value(None) is None


def test_data_keys_are_stored_only_wrapped(pg_store: HostedStore) -> None:
    wrapped = _stored(pg_store, "SELECT wrapped FROM owner_keys ORDER BY owner_id")
    assert len(wrapped) == 3
    atrest.forget(1)  # read it again from the table, through the master key
    assert atrest.unseal(atrest.seal(1, "still mine")) == "still mine"
    atrest.install(pg_store.engine, bytes(32))  # another master key opens none of them
    with pytest.raises(atrest.NotSealed):
        atrest.data_key(1)


def test_a_key_unused_for_a_while_leaves_memory_as_on_a_worker_that_did_not_delete_it(
    pg_store: HostedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each worker caches the keys it unwrapped; a person deleting their account on another
    worker leaves this one's copy to go when it has not been used for KEY_IDLE_SECONDS (at
    the next sweep)."""
    clock = [time.monotonic()]
    monkeypatch.setattr(atrest._keys, "clock", lambda: clock[0])
    assert atrest.unseal(atrest.seal(1, "mine")) == "mine"  # person 1's key is now cached
    atrest.seal(3, "theirs")
    # Another worker deletes person 1: the wrapped key goes from the table, not from here.
    with pg_store.engine.begin() as connection:
        connection.execute(text("DELETE FROM owner_keys WHERE owner_id = 1"))
    clock[0] += atrest.KEY_IDLE_SECONDS / 2
    atrest.seal(1, "still cached")  # used within the time: kept
    atrest.seal(3, "in use")
    clock[0] += atrest.KEY_IDLE_SECONDS - 1
    atrest.seal(3, "in use")  # person 3 keeps being used
    clock[0] += atrest.SWEEP_SECONDS  # person 1's key has gone unused for the whole time
    atrest.seal(3, "in use")
    assert 1 not in atrest._keys.data
    with pytest.raises(atrest.NotSealed):
        atrest.data_key(1)  # read again from the table: it is gone
    assert atrest.unseal(atrest.seal(3, "theirs")) == "theirs"


# -- a dump reveals nobody's writing ------------------------------------------------------------


def _probes() -> list[tuple[str, object]]:
    return [(f.name, resolve(f.free_text)) for f in FEATURES if f.free_text]


def _save_everywhere(store: HostedStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """The marker words through every feature's free-text probe, for two people (the crisis
    check's model is not what is tested here: it would cost most of the time)."""
    from anchored.services import support

    monkeypatch.setattr(support, "calls_for_help", lambda *_texts: False)
    for owner_id, marker in MARKERS.items():
        with atrest.acting_as(owner_id), store.session() as session:
            for name, probe in _probes():
                fields = dict(probe(session, Owner(id=owner_id), marker, NOW))  # type: ignore[operator]
                assert fields, name


def test_a_dump_and_the_servers_log_reveal_nobodys_writing(
    pg_store: HostedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = pg_store.engine.url.database
    with pg_store.engine.connect() as connection:  # log every statement, with its values
        connection.execute(text(f"ALTER DATABASE \"{database}\" SET log_statement = 'all'"))
        connection.commit()
    pg_store.engine.dispose()
    try:
        _dump_and_log_hold_no_words(pg_store, monkeypatch)
    finally:
        with pg_store.engine.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{database}" RESET log_statement'))
            connection.commit()
        pg_store.engine.dispose()


def _dump_and_log_hold_no_words(pg_store: HostedStore, monkeypatch: pytest.MonkeyPatch) -> None:
    url = pg_store.engine.url
    log = SERVER_LOG[0] if SERVER_LOG else None
    logged_before = log.stat().st_size if log is not None and log.exists() else 0

    _save_everywhere(pg_store, monkeypatch)
    with pg_store.session() as session:  # the words are there, and readable by their owners
        _hits, total = search(session, 1, "quince lanterns")
        assert total >= len(_probes())
        entries = journal.list_entries(session, PEOPLE.me)
        assert any(e.body == MARKERS[1] for e in entries)
    with atrest.acting_as(3), pg_store.session() as session:
        assert search(session, 3, "marigold")[1] >= len(_probes())
        assert search(session, 3, "quince")[1] == 0

    dumped = subprocess.run(
        [
            _cluster_tool()._bin("pg_dump"),
            "-h",
            str(url.host),
            "-p",
            str(url.port),
            "-U",
            str(url.username),
            "--no-password",
            str(url.database),
        ],
        capture_output=True,
        check=True,
    ).stdout
    assert b"journal_entries" in dumped
    assert b"a1.1." in dumped
    assert b"a1.3." in dumped
    needles = [b"Quince", b"quince", b"lanterns", b"harbour", b"Marigold", b"marigold", b"kites"]
    for needle in needles:
        assert needle not in dumped, needle
    if log is not None and log.exists():
        with log.open("rb") as handle:
            handle.seek(logged_before)
            written = handle.read()
        assert b"journal_entries" in written  # the statements were logged ...
        for needle in needles:
            assert needle not in written, needle  # ... and held no words


# -- deleting one person's data -----------------------------------------------------------------


def test_deleting_a_persons_data_leaves_everyone_elses_and_shreds_their_key(
    pg_store: HostedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    _save_everywhere(pg_store, monkeypatch)
    owned = [t.name for t in Base.metadata.sorted_tables if "owner_id" in t.columns]
    with pg_store.engine.connect() as connection:
        before = {
            name: connection.execute(
                text(f"SELECT owner_id, count(*) FROM {name} GROUP BY owner_id")  # noqa: S608
            ).all()
            for name in owned
        }
        copied = connection.execute(
            text("SELECT body FROM journal_entries WHERE owner_id = 3 LIMIT 1")
        ).scalar_one()
    assert any(dict(rows).get(3) for rows in before.values())

    with pg_store.session() as session:
        owner_data.delete_owner_data(session, 3)

    with pg_store.engine.connect() as connection:
        for name in owned:
            after = dict(
                connection.execute(
                    text(f"SELECT owner_id, count(*) FROM {name} GROUP BY owner_id")  # noqa: S608
                ).all()
            )
            assert 3 not in after, name
            if name != "owner_keys":
                assert after.get(1) == dict(before[name]).get(1), name
        left = connection.execute(
            text("SELECT count(*) FROM search_index_documents WHERE owner_id = 3")
        ).scalar_one()
    assert left == 0
    with pytest.raises(atrest.NotSealed):  # a copy taken before no longer opens
        atrest.unseal(copied)
    with pg_store.session() as session:  # person 1 still reads and finds their words
        assert any(e.body == MARKERS[1] for e in journal.list_entries(session, PEOPLE.me))
        assert search(session, 1, "quince")[1] >= len(_probes())


# -- search: the keyed blind index --------------------------------------------------------------


def test_the_blind_index_answers_as_fts5_would(pg_store: HostedStore) -> None:
    from anchored.storage.search import index_document

    with pg_store.session() as session:
        index_document(session, 1, 1, 1, "", "Fear of the lighthouses, again")
        index_document(session, 1, 1, 2, "", "texted twice; the foo_bar joke")
        index_document(session, 1, 1, 3, "Café", "")
        index_document(session, 1, 1, 4, "", "calm 👍🏽 and ❤️ tonight")
        index_document(session, 1, 1, 5, "", "calm 👍 again")

        def found(query: str) -> set[int]:
            return {hit.ref_id for hit in search(session, 1, query)[0]}

        assert found("lighthous") == {1}  # a beginning longer than the index keeps
        assert found("lighthoux") == set()
        assert found("texting") == {2}  # stems, as in a vault
        assert found("foo_bar") == {2}  # one word to Python, two to the tokenizer
        assert found("cafe") == {3}  # accents folded
        assert found("fear again") == {1}
        assert found("fear texted") == set()
        assert found("calm ❤️") == {4}  # emoji: each character is in the index too
        assert found("❤") == {4}
        assert found("👍") == {4, 5}
        assert found("👍🏽") == {4}  # the skin tone stays with its emoji


def test_the_same_word_hashes_differently_for_each_person(pg_store: HostedStore) -> None:
    from anchored.storage.search import index_document

    with pg_store.session() as session:
        index_document(session, 1, 1, 1, "", "lighthouse")
        index_document(session, 3, 1, 2, "", "lighthouse")
    with pg_store.engine.connect() as connection:
        terms = {
            owner: set(
                connection.execute(
                    text("SELECT term FROM search_index_terms WHERE owner_id = :o"), {"o": owner}
                ).scalars()
            )
            for owner in (1, 3)
        }
        bodies = connection.execute(text("SELECT body FROM search_index_documents")).scalars()
        assert all(body.startswith(("a1.1.", "a1.3.")) for body in bodies)
    assert terms[1]
    assert not terms[1] & terms[3]
