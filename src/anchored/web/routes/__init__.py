"""Every route module, in one list the app factory mounts."""

from anchored.web.routes import about, help_now, home, journal, launch, onboarding, unlock

ROUTERS = [
    launch.router,
    onboarding.router,
    unlock.router,
    home.router,
    journal.router,
    help_now.router,
    about.router,
]
