"""Help now: the emergency number and crisis lines. Works locked, offline, without a session."""

from anchored.manifest import Action, Feature, HeaderButton, HelpLink, ShelfEntry, ToolLink

FEATURE = Feature(
    name="help_now",
    title="Help now",
    package=__name__,
    router=f"{__name__}.web:router",
    header=HeaderButton("Help now", "/help", order=10, style="button-help", when_locked=True),
    actions=(
        Action("Help now", "Crisis lines and your emergency number.", "/help", 90, style="help"),
    ),
    public_paths=("/help",),
    help_links=(HelpLink("More help lines", "/help", order=20, crisis=True),),
    tools=(ToolLink("help", "/help"),),
    shelf=(
        ShelfEntry(
            "In a hard moment",
            "Help now",
            "/help",
            "Crisis lines and your emergency number, any time.",
            10,
        ),
    ),
)
