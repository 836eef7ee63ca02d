"""The person's path through the steps: statuses, one pinned step, and entries per step."""

from __future__ import annotations

import pytest

from anchored.core.errors import InvalidInput
from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.services import programme
from anchored.storage.vault import OpenVault

STRANGER = Owner(id=2)


def test_every_step_starts_not_started(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        assert programme.statuses(session, PERSONAL_OWNER) == dict.fromkeys(
            range(1, 14), "not_started"
        )
        assert programme.pinned_step(session, PERSONAL_OWNER) is None


def test_set_then_get_status(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        programme.set_status(session, PERSONAL_OWNER, 3, "exploring")
    with open_vault.session() as session:
        programme.set_status(session, PERSONAL_OWNER, 3, "practising")
        programme.set_status(session, PERSONAL_OWNER, 13, "solid")
    with open_vault.session() as session:
        found = programme.statuses(session, PERSONAL_OWNER)
        assert found[3] == "practising"
        assert found[13] == "solid"
        assert found[1] == "not_started"
        assert programme.statuses(session, STRANGER)[3] == "not_started"


@pytest.mark.parametrize("status", ["", "done", "SOLID", "failed", "not started"])
def test_unknown_status_is_refused(open_vault: OpenVault, status: str) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        programme.set_status(session, PERSONAL_OWNER, 1, status)
    assert "status" in caught.value.errors
    with open_vault.session() as session:
        assert programme.statuses(session, PERSONAL_OWNER)[1] == "not_started"


@pytest.mark.parametrize("step", [0, 14, -1, 99])
def test_unknown_step_is_refused(open_vault: OpenVault, step: int) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        programme.set_status(session, PERSONAL_OWNER, step, "exploring")
    assert "step" in caught.value.errors
    with open_vault.session() as session, pytest.raises(InvalidInput):
        programme.set_pinned(session, PERSONAL_OWNER, step)


def test_only_one_step_is_pinned(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        programme.set_status(session, PERSONAL_OWNER, 4, "practising")
        programme.set_pinned(session, PERSONAL_OWNER, 4)
    with open_vault.session() as session:
        programme.set_pinned(session, PERSONAL_OWNER, 8)
    with open_vault.session() as session:
        assert programme.pinned_step(session, PERSONAL_OWNER) == 8
        # Pinning never changes a status.
        assert programme.statuses(session, PERSONAL_OWNER)[4] == "practising"
        assert programme.pinned_step(session, STRANGER) is None


def test_unpin(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        programme.set_pinned(session, PERSONAL_OWNER, 6)
    with open_vault.session() as session:
        programme.set_pinned(session, PERSONAL_OWNER, None)
    with open_vault.session() as session:
        assert programme.pinned_step(session, PERSONAL_OWNER) is None


def test_todays_step(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        assert programme.todays_step(session, PERSONAL_OWNER) == 1
        programme.set_status(session, PERSONAL_OWNER, 1, "solid")
        programme.set_status(session, PERSONAL_OWNER, 2, "solid")
        assert programme.todays_step(session, PERSONAL_OWNER) == 3
        programme.set_pinned(session, PERSONAL_OWNER, 2)
        assert programme.todays_step(session, PERSONAL_OWNER) == 2
        programme.set_pinned(session, PERSONAL_OWNER, None)
        for step in range(1, 14):
            programme.set_status(session, PERSONAL_OWNER, step, "solid")
        assert programme.todays_step(session, PERSONAL_OWNER) is None
        assert programme.todays_step(session, STRANGER) == 1
