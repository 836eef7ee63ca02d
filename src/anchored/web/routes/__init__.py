"""Every route module, in one list the app factory mounts."""

from anchored.web.routes import (
    about,
    help_now,
    home,
    journal,
    launch,
    learn,
    onboarding,
    partner_guide,
    programme,
    safety_plan,
    therapy,
    unlock,
)

ROUTERS = [
    launch.router,
    onboarding.router,
    unlock.router,
    home.router,
    journal.router,
    safety_plan.router,
    programme.router,
    learn.router,
    partner_guide.router,
    therapy.router,
    help_now.router,
    about.router,
]
