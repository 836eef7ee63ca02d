"""Which country's help lines to show: the saved choice, else the locale, else the default."""

from __future__ import annotations

import contextlib
import locale
import os
from collections.abc import Iterator
from contextvars import ContextVar

from sqlalchemy.orm import Session

from anchored.content.crisis_lines import CountryHelp, load_crisis_lines
from anchored.core.owner import Owner
from anchored.services import owner_preferences
from anchored.settings import Settings
from anchored.storage.preferences import read_preferences, write_preference

PREFERENCE_KEY = "country"

# Hosted mode: the signed-in person's own choice, for the request being served (read by the
# hosted middleware with their session, ``accounts.look_up``; never the server's file, which
# would be everyone's).
_PERSONS_CHOICE: ContextVar[str | None] = ContextVar("anchored_persons_country", default=None)


@contextlib.contextmanager
def persons_choice(code: str | None) -> Iterator[None]:
    """Help lines follow ``code`` (the signed-in person's saved country) inside."""
    token = _PERSONS_CHOICE.set(code)
    try:
        yield
    finally:
        _PERSONS_CHOICE.reset(token)


def save_persons_country(session: Session, owner: Owner, code: str) -> bool:
    """Hosted mode: keep ``code`` in the person's own account if it is one we list."""
    if load_crisis_lines().for_country(code) is None:
        return False
    owner_preferences.write_preference(session, owner, PREFERENCE_KEY, code.upper())
    return True


def _from_locale() -> str | None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if "_" in value:
            return value.split("_", 1)[1][:2].upper()
    code = locale.getlocale()[0] or ""
    return code.split("_", 1)[1][:2].upper() if "_" in code else None


def chosen_country(settings: Settings) -> str:
    directory = load_crisis_lines()
    if settings.hosted:  # the server's own file would be everyone's choice
        saved = _PERSONS_CHOICE.get()
    else:
        saved = read_preferences(settings.data_dir).get(PREFERENCE_KEY)
    for candidate in (saved, _from_locale()):
        if candidate and directory.for_country(candidate) is not None:
            return candidate.upper()
    return directory.default_country


def help_lines(settings: Settings) -> CountryHelp:
    """The emergency number and crisis lines for the chosen country (always a listed one)."""
    found = load_crisis_lines().for_country(chosen_country(settings))
    assert found is not None, "chosen_country only returns listed countries"
    return found


def save_country(settings: Settings, code: str) -> bool:
    """Remember ``code`` if it is one we list; returns whether it was saved."""
    if load_crisis_lines().for_country(code) is None:
        return False
    write_preference(settings.data_dir, PREFERENCE_KEY, code.upper())
    return True
