"""Secure-base kit: one calm page gathering things of the person's own to lean on when the
fear flares (a joy, a resilience memory, a kind phrase, a recent win, a support person), each
from a feature's ``kit`` hook. The choice stays the same all day, with "show me another".

Offers ``secure_base.href``: () -> the kit's path, so a pause's end, a saved trigger-log entry
and the help card can point to it without naming this feature. Home shows one item a day.
"""

from anchored.manifest import Feature, HelpLink, HomePanel, ShelfEntry

PATH = "/secure-base"

FEATURE = Feature(
    name="secure_base",
    title="Secure-base kit",
    package=__name__,
    router=f"{__name__}.web:router",
    home=(HomePanel("secure_base/_home.html", f"{__name__}.web:home_panel", 55),),
    # In the help card (while unlocked only: the kit holds names and numbers) and on Help now.
    help_links=(HelpLink("Your secure-base kit", PATH, order=30, when_locked=False),),
    stylesheets=("secure_base.css",),
    offers=(("secure_base.href", f"{__name__}.web:href"),),
    shelf=(
        ShelfEntry(
            "Your secure base",
            "Secure-base kit",
            PATH,
            "Things of your own to lean on when the fear flares, gathered on one calm page.",
            10,
        ),
    ),
)
