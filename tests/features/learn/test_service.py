"""'Which of these do you recognise?': dated, in the listed order, never scored, private."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from anchored.core.errors import InvalidInput
from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features.learn import service as reflections
from anchored.features.learn.signs import load_signs
from anchored.storage.vault import OpenVault
from tests.support import NOW

KNOWN = [s.slug for s in load_signs().signs]
STRANGER = Owner(id=2)


def test_saved_in_the_listed_order(open_vault: OpenVault) -> None:
    chosen = [KNOWN[5], KNOWN[0], KNOWN[12]]
    with open_vault.session() as session:
        entry = reflections.save_signs(session, PERSONAL_OWNER, chosen, KNOWN, now=NOW)
        assert entry.recognised.split() == [KNOWN[0], KNOWN[5], KNOWN[12]]
        assert entry.created_at is not None
        assert entry.created_at == NOW


def test_duplicates_are_saved_once(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        entry = reflections.save_signs(
            session, PERSONAL_OWNER, [KNOWN[1], KNOWN[1]], KNOWN, now=NOW
        )
        assert entry.recognised.split() == [KNOWN[1]]


def test_nothing_chosen_is_refused_and_nothing_saved(open_vault: OpenVault) -> None:
    """An empty reflection would only read "0 of 13 felt familiar", so it is not kept."""
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        reflections.save_signs(session, PERSONAL_OWNER, [], KNOWN, now=NOW)
    assert "signs" in caught.value.errors
    with open_vault.session() as session:
        assert reflections.list_signs(session, PERSONAL_OWNER) == []


@pytest.mark.parametrize("unknown", ["not-a-sign", "", "FEAR-OF-REJECTION"])
def test_unknown_slug_is_refused_and_nothing_saved(open_vault: OpenVault, unknown: str) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        reflections.save_signs(session, PERSONAL_OWNER, [KNOWN[0], unknown], KNOWN, now=NOW)
    assert "signs" in caught.value.errors
    with open_vault.session() as session:
        assert reflections.list_signs(session, PERSONAL_OWNER) == []


def test_list_newest_first(open_vault: OpenVault) -> None:
    now = datetime.now(UTC)
    with open_vault.session() as session:
        older = reflections.save_signs(session, PERSONAL_OWNER, [KNOWN[0]], KNOWN, now=NOW)
        older.created_at = now - timedelta(days=7)
        newer = reflections.save_signs(session, PERSONAL_OWNER, [KNOWN[1]], KNOWN, now=NOW)
        newer.created_at = now
        oldest = reflections.save_signs(session, PERSONAL_OWNER, [KNOWN[2]], KNOWN, now=NOW)
        oldest.created_at = now - timedelta(days=30)
        ids = [newer.id, older.id, oldest.id]
    with open_vault.session() as session:
        listed = reflections.list_signs(session, PERSONAL_OWNER)
        assert [e.id for e in listed] == ids


def test_same_moment_ties_list_newest_first(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        ids = [
            reflections.save_signs(session, PERSONAL_OWNER, KNOWN[:1], KNOWN, now=NOW).id
            for _ in range(3)
        ]
    with open_vault.session() as session:
        listed = reflections.list_signs(session, PERSONAL_OWNER)
        assert [e.id for e in listed] == sorted(ids, reverse=True)


def test_stranger_sees_nothing(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        reflections.save_signs(session, PERSONAL_OWNER, KNOWN[:3], KNOWN, now=NOW)
    with open_vault.session() as session:
        assert reflections.list_signs(session, STRANGER) == []
        assert len(reflections.list_signs(session, PERSONAL_OWNER)) == 1
