"""Settings: the country for Help now, the theme, when the vault locks itself, the private note
of help cards, the passphrase and a new recovery key; and links to every other part of
"Settings and your data" (each part puts itself on that shelf group)."""

from anchored.manifest import Feature, NavEntry, ShelfEntry

GROUP = "Settings and your data"

FEATURE = Feature(
    name="settings",
    title="Settings",
    package=__name__,
    router=f"{__name__}.web:router",
    nav=NavEntry("Settings", "/settings", order=95),
    shelf=(
        ShelfEntry(
            GROUP,
            "Settings",
            "/settings",
            "Help lines' country, light or dark, when Anchored locks, your passphrase.",
            5,
        ),
    ),
)
