"""The theme: follow the system, or always light, or always dark. Kept in preferences.json (it
reveals nothing the person wrote) so the unlock page and Help now follow it while locked."""

from __future__ import annotations

from typing import Literal

from anchored.settings import Settings
from anchored.storage.preferences import read_preferences, write_preference

Theme = Literal["system", "light", "dark"]
THEMES: tuple[Theme, ...] = ("system", "light", "dark")
PREFERENCE_KEY = "theme"


def chosen_theme(settings: Settings) -> Theme:
    saved = read_preferences(settings.data_dir).get(PREFERENCE_KEY)
    for theme in THEMES:
        if saved == theme:
            return theme
    return "system"


def save_theme(settings: Settings, theme: str) -> bool:
    """Remember ``theme`` if it is one of :data:`THEMES`; returns whether it was saved."""
    if theme not in THEMES:
        return False
    write_preference(settings.data_dir, PREFERENCE_KEY, theme)
    return True
