"""How long the browser may sit unused before the vault locks itself: the person's own choice,
kept in the vault, from a few bounded choices. Without one, ``ANCHORED_IDLE_LOCK_MINUTES``."""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput
from anchored.core.owner import Owner
from anchored.services.owner_preferences import read_preference, write_preference
from anchored.storage.vault import OpenVault

log = logging.getLogger("anchored")

KEY = "idle_lock_minutes"
CHOICES = (5, 10, 15, 30, 60, 120)


def chosen_minutes(session: Session, owner: Owner) -> int | None:
    """The person's choice, or None if they never made one (or it is no longer offered)."""
    value = read_preference(session, owner, KEY)
    if value is None or not value.isdigit() or int(value) not in CHOICES:
        return None
    return int(value)


def choose_minutes(session: Session, owner: Owner, text: str) -> int:
    """Keep one of :data:`CHOICES` (given as the form sends it); InvalidInput otherwise."""
    text = text.strip()
    if not text.isdigit() or int(text) not in CHOICES:
        raise InvalidInput({"idle_minutes": "Choose one of the times in the list."})
    write_preference(session, owner, KEY, text)
    return int(text)


def read_chosen(opened: OpenVault, owner: Owner) -> int | None:
    """The choice, read right after unlocking. A part of the file that cannot be read never
    keeps the vault shut: the setting's default applies instead."""
    try:
        with opened.session() as session:
            return chosen_minutes(session, owner)
    except Exception as exc:
        log.error("Error %s while reading the idle-lock choice", type(exc).__name__)
        return None
