"""Settings kept in the vault (idle lock, the help-card note), and the vault's keys changed
while it stays open: alone with it, as `anchored passwd` is."""

from __future__ import annotations

from pathlib import Path

import pytest

from anchored.core.errors import InvalidInput, VaultInUse, WrongPassphrase, WrongRecoveryKey
from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features.settings import service
from anchored.services import idle_lock
from anchored.services.vault import OpenVault, Vault
from tests.support import PASSPHRASE

NEW = "a quiet harbour at first light"
STRANGER = Owner(id=2)


def test_idle_minutes_are_one_of_the_choices_and_the_owners_own(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        assert service.in_vault(session, PERSONAL_OWNER).idle_minutes is None
        assert service.choose_idle_minutes(session, PERSONAL_OWNER, " 30 ") == 30
        for wrong in ("7", "0", "-5", "lots", "", "99999999999999999999"):
            with pytest.raises(InvalidInput):
                service.choose_idle_minutes(session, PERSONAL_OWNER, wrong)
    with open_vault.session() as session:
        assert service.in_vault(session, PERSONAL_OWNER).idle_minutes == 30
        assert service.in_vault(session, STRANGER).idle_minutes is None
    assert idle_lock.read_chosen(open_vault, PERSONAL_OWNER) == 30


def test_the_help_card_note_turns_on_and_off(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        service.keep_help_card_note(session, PERSONAL_OWNER, True)
        assert service.in_vault(session, PERSONAL_OWNER).keeps_help_card_note
        service.keep_help_card_note(session, PERSONAL_OWNER, False)
        assert not service.in_vault(session, PERSONAL_OWNER).keeps_help_card_note


@pytest.mark.sqlcipher_only  # the vault's keys
def test_the_passphrase_changes_while_the_vault_stays_open(
    open_vault: OpenVault, data_dir: Path
) -> None:
    with pytest.raises(WrongPassphrase):
        open_vault.change_passphrase("not it at all, sorry", NEW, "fast")
    open_vault.change_passphrase(PASSPHRASE, NEW, "fast")
    with open_vault.session() as session:  # still open and usable
        service.choose_idle_minutes(session, PERSONAL_OWNER, "10")
    assert open_vault.opens_with(NEW)
    assert not open_vault.opens_with(PASSPHRASE)
    open_vault.lock()
    with pytest.raises(WrongPassphrase):
        Vault(data_dir).unlock(PASSPHRASE)
    Vault(data_dir).unlock(NEW).lock()


@pytest.mark.sqlcipher_only  # the vault's keys
def test_a_new_recovery_key_replaces_the_old_one(open_vault: OpenVault, data_dir: Path) -> None:
    with pytest.raises(WrongPassphrase):
        open_vault.new_recovery_key("not it at all, sorry")
    first = open_vault.new_recovery_key(PASSPHRASE)
    second = open_vault.new_recovery_key(PASSPHRASE)
    assert first != second
    open_vault.lock()
    with pytest.raises(WrongRecoveryKey):
        Vault(data_dir).unlock_with_recovery(first)
    Vault(data_dir).unlock_with_recovery(second).lock()


@pytest.mark.sqlcipher_only  # the vault's keys
def test_keys_are_not_changed_while_another_process_has_the_vault_open(
    open_vault: OpenVault, data_dir: Path
) -> None:
    """Another window or command holds the vault: nothing changes, and ours stays open."""
    open_vault.lock()
    mine = Vault(data_dir, lock_wait=0.1).unlock(PASSPHRASE)
    other = Vault(data_dir, lock_wait=0.1).unlock(PASSPHRASE)  # its own hold, like a process
    try:
        with pytest.raises(VaultInUse):
            mine.change_passphrase(PASSPHRASE, NEW, "fast")
        with pytest.raises(VaultInUse):
            mine.new_recovery_key(PASSPHRASE)
        with mine.session() as session:
            service.in_vault(session, PERSONAL_OWNER)
        assert mine.opens_with(PASSPHRASE)
    finally:
        other.lock()
        mine.lock()
