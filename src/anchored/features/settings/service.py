"""The settings kept in the vault: when it locks itself and the private note of help cards.
The country and the theme (needed while locked) are kept beside the vault by the shared
services; the passphrase and recovery key belong to the vault itself."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.services import idle_lock, support

IDLE_CHOICES = idle_lock.CHOICES


@dataclass(frozen=True, slots=True)
class InVault:
    idle_minutes: int | None  # None: the default from the app's setting
    keeps_help_card_note: bool


def in_vault(session: Session, owner: Owner) -> InVault:
    return InVault(idle_lock.chosen_minutes(session, owner), support.keeps_record(session, owner))


def choose_idle_minutes(session: Session, owner: Owner, text: str) -> int:
    """Keep the idle-lock minutes (one of :data:`IDLE_CHOICES`); InvalidInput otherwise."""
    return idle_lock.choose_minutes(session, owner, text)


def keep_help_card_note(session: Session, owner: Owner, keep: bool) -> None:
    """Turn the private note of help cards on or off (off deletes what was noted)."""
    support.set_keep_record(session, owner, keep)
