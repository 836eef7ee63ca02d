"""Things to bring to my next therapy session: add (with the crisis check), list oldest first,
delete only your own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features.therapy import service as session_prep
from anchored.services.support import Saved
from anchored.storage.vault import OpenVault
from tests.support import NOW

STRANGER = Owner(id=2)


def test_add_and_list_oldest_first(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        first = session_prep.add_item(
            session, PERSONAL_OWNER, "  The Sunday text spiral  ", now=NOW
        )
        second = session_prep.add_item(session, PERSONAL_OWNER, "Ask about homework", now=NOW)
    with open_vault.session() as session:
        items = session_prep.list_items(session, PERSONAL_OWNER)
        assert [i.id for i in items] == [first.id, second.id]
        assert items[0].text == "The Sunday text spiral"


def test_list_follows_the_date_not_the_id(open_vault: OpenVault) -> None:
    now = datetime.now(UTC)
    with open_vault.session() as session:
        session_prep.add_item(session, PERSONAL_OWNER, "later", now=now)
        session_prep.add_item(session, PERSONAL_OWNER, "earlier", now=now - timedelta(days=1))
    with open_vault.session() as session:
        assert [i.text for i in session_prep.list_items(session, PERSONAL_OWNER)] == [
            "earlier",
            "later",
        ]


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_is_refused(open_vault: OpenVault, text: str) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        session_prep.add_item(session, PERSONAL_OWNER, text, now=NOW)
    assert "text" in caught.value.errors
    with open_vault.session() as session:
        assert session_prep.list_items(session, PERSONAL_OWNER) == []


def test_over_long_is_refused_with_the_limit(open_vault: OpenVault) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        session_prep.add_item(session, PERSONAL_OWNER, "x" * 1_001, now=NOW)
    message = caught.value.errors["text"]
    assert "1,000" in message
    assert "1,001" in message
    assert "xxx" not in message  # never echoes the text


def test_at_the_limit_is_saved(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        done = session_prep.add_item(session, PERSONAL_OWNER, "y" * session_prep.ITEM_MAX, now=NOW)
        item = session_prep.get_item(session, PERSONAL_OWNER, done.id)
        assert len(item.text) == 1_000


def test_delete(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        keep = session_prep.add_item(session, PERSONAL_OWNER, "keep", now=NOW).id
        gone = session_prep.add_item(session, PERSONAL_OWNER, "gone", now=NOW).id
    with open_vault.session() as session:
        session_prep.delete_item(session, PERSONAL_OWNER, gone)
    with open_vault.session() as session:
        assert [i.id for i in session_prep.list_items(session, PERSONAL_OWNER)] == [keep]
        with pytest.raises(NotFound):
            session_prep.delete_item(session, PERSONAL_OWNER, gone)


def test_missing_item_is_not_found(open_vault: OpenVault) -> None:
    with open_vault.session() as session, pytest.raises(NotFound):
        session_prep.delete_item(session, PERSONAL_OWNER, 12345)


def test_stranger_sees_nothing_and_cannot_delete(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        item = session_prep.add_item(session, PERSONAL_OWNER, "mine", now=NOW).id
    with open_vault.session() as session:
        assert session_prep.list_items(session, STRANGER) == []
        with pytest.raises(NotFound):
            session_prep.delete_item(session, STRANGER, item)
    with open_vault.session() as session:
        assert [i.text for i in session_prep.list_items(session, PERSONAL_OWNER)] == ["mine"]


def test_the_item_is_dated_now(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        done = session_prep.add_item(session, PERSONAL_OWNER, "Ask about sleep", now=NOW)
        assert session_prep.get_item(session, PERSONAL_OWNER, done.id).created_at == NOW


@pytest.mark.parametrize(
    ("text", "needs_help"),
    [("I want to end my life tonight.", True), ("Talk about the Sunday spiral.", False)],
)
def test_saving_runs_the_crisis_check(open_vault: OpenVault, text: str, needs_help: bool) -> None:
    with open_vault.session() as session:
        done = session_prep.add_item(session, PERSONAL_OWNER, text, now=NOW)
    assert done == Saved(done.id, needs_help)
    with open_vault.session() as session:
        assert [i.text for i in session_prep.list_items(session, PERSONAL_OWNER)] == [text]


def test_stranger_cannot_read_an_item(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        item = session_prep.add_item(session, PERSONAL_OWNER, "mine", now=NOW).id
    with open_vault.session() as session, pytest.raises(NotFound):
        session_prep.get_item(session, STRANGER, item)
