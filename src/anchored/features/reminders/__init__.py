"""Reminders: check-in, small-step and self-check reminders as a calendar file (.ics) the
person imports into their own calendar app, with neutral titles and nothing they wrote.
Anchored itself never runs in the background or sends anything."""

from anchored.manifest import CliCommand, Feature, ShelfEntry

FEATURE = Feature(
    name="reminders",
    title="Reminders",
    package=__name__,
    router=f"{__name__}.web:router",
    stylesheets=("reminders.css",),
    cli=(
        CliCommand(
            "reminders",
            "Your reminders as a calendar file (.ics) to import into your calendar app.",
            f"{__name__}.cli:reminders",
        ),
    ),
    shelf=(
        ShelfEntry(
            "Settings and your data",
            "Calendar reminders",
            "/settings/reminders",
            "Gentle reminders in your own calendar, with titles that say nothing private.",
            20,
        ),
    ),
)
