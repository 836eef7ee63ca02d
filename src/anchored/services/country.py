"""Which country's help lines to show: the saved choice, else the locale, else the default."""

from __future__ import annotations

import locale
import os

from anchored.content.crisis_lines import CountryHelp, load_crisis_lines
from anchored.settings import Settings
from anchored.storage.preferences import read_preferences, write_preference

PREFERENCE_KEY = "country"


def _from_locale() -> str | None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if "_" in value:
            return value.split("_", 1)[1][:2].upper()
    code = locale.getlocale()[0] or ""
    return code.split("_", 1)[1][:2].upper() if "_" in code else None


def chosen_country(settings: Settings) -> str:
    directory = load_crisis_lines()
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
