"""Things to bring to my next therapy session: add, list oldest first, delete only your own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.services import session_prep
from anchored.storage.vault import OpenVault

STRANGER = Owner(id=2)


def test_add_and_list_oldest_first(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        first = session_prep.add_item(session, PERSONAL_OWNER, "  The Sunday text spiral  ")
        second = session_prep.add_item(session, PERSONAL_OWNER, "Ask about homework")
    with open_vault.session() as session:
        items = session_prep.list_items(session, PERSONAL_OWNER)
        assert [i.id for i in items] == [first.id, second.id]
        assert items[0].text == "The Sunday text spiral"


def test_list_follows_the_date_not_the_id(open_vault: OpenVault) -> None:
    now = datetime.now(UTC)
    with open_vault.session() as session:
        later = session_prep.add_item(session, PERSONAL_OWNER, "later")
        later.created_at = now
        earlier = session_prep.add_item(session, PERSONAL_OWNER, "earlier")
        earlier.created_at = now - timedelta(days=1)
    with open_vault.session() as session:
        assert [i.text for i in session_prep.list_items(session, PERSONAL_OWNER)] == [
            "earlier",
            "later",
        ]


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_is_refused(open_vault: OpenVault, text: str) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        session_prep.add_item(session, PERSONAL_OWNER, text)
    assert "text" in caught.value.errors
    with open_vault.session() as session:
        assert session_prep.list_items(session, PERSONAL_OWNER) == []


def test_over_long_is_refused_with_the_limit(open_vault: OpenVault) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        session_prep.add_item(session, PERSONAL_OWNER, "x" * 1_001)
    message = caught.value.errors["text"]
    assert "1,000" in message
    assert "1,001" in message
    assert "xxx" not in message  # never echoes the text


def test_at_the_limit_is_saved(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        item = session_prep.add_item(session, PERSONAL_OWNER, "y" * session_prep.ITEM_MAX)
        assert len(item.text) == 1_000


def test_delete(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        keep = session_prep.add_item(session, PERSONAL_OWNER, "keep").id
        gone = session_prep.add_item(session, PERSONAL_OWNER, "gone").id
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
        item = session_prep.add_item(session, PERSONAL_OWNER, "mine").id
    with open_vault.session() as session:
        assert session_prep.list_items(session, STRANGER) == []
        with pytest.raises(NotFound):
            session_prep.delete_item(session, STRANGER, item)
    with open_vault.session() as session:
        assert [i.text for i in session_prep.list_items(session, PERSONAL_OWNER)] == ["mine"]
