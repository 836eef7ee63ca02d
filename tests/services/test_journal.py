import pytest

from anchored.domain.owner import PERSONAL_OWNER, Owner
from anchored.services import journal
from anchored.services.errors import InvalidInput, NotFound
from anchored.services.records import count_records
from anchored.storage.vault import OpenVault


def test_entries_are_listed_newest_first(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        for body in ["one", "two", "three"]:
            journal.add_entry(session, PERSONAL_OWNER, body)
    with open_vault.session() as session:
        assert [e.body for e in journal.list_entries(session, PERSONAL_OWNER)] == [
            "three",
            "two",
            "one",
        ]


def test_entry_time_is_stored_as_aware_utc(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        entry = journal.add_entry(session, PERSONAL_OWNER, "when?")
        entry_id = entry.id
    with open_vault.session() as session:
        stored = journal.get_entry(session, PERSONAL_OWNER, entry_id)
        assert stored.created_at.utcoffset() is not None
        assert stored.created_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


@pytest.mark.parametrize("body", ["", "   \n\t "])
def test_empty_entry_is_refused_and_nothing_saved(open_vault: OpenVault, body: str) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        journal.add_entry(session, PERSONAL_OWNER, body)
    assert "empty" in caught.value.errors["body"]
    with open_vault.session() as session:
        assert journal.list_entries(session, PERSONAL_OWNER) == []


def test_over_long_entry_names_the_limit_without_echoing_text(open_vault: OpenVault) -> None:
    body = "x" * (journal.BODY_MAX + 1)
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        journal.add_entry(session, PERSONAL_OWNER, body)
    message = caught.value.errors["body"]
    assert f"{journal.BODY_MAX:,}" in message
    assert "xxxx" not in message


def test_another_owner_sees_nothing(open_vault: OpenVault) -> None:
    stranger = Owner(id=2)
    with open_vault.session() as session:
        entry = journal.add_entry(session, PERSONAL_OWNER, "mine")
        entry_id = entry.id
    with open_vault.session() as session:
        assert journal.list_entries(session, stranger) == []
        with pytest.raises(NotFound):
            journal.get_entry(session, stranger, entry_id)
        assert count_records(session, stranger) == {"journal entries": 0}
        assert count_records(session, PERSONAL_OWNER) == {"journal entries": 1}
