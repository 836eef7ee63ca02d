"""Every route module, in one list the app factory mounts."""

from anchored.web.routes import (
    about,
    checking,
    help_now,
    home,
    journal,
    launch,
    learn,
    onboarding,
    partner_guide,
    pause,
    programme,
    safety_plan,
    therapy,
    trigger_log,
    unlock,
)

ROUTERS = [
    launch.router,
    onboarding.router,
    unlock.router,
    home.router,
    pause.router,
    trigger_log.router,
    checking.router,
    journal.router,
    safety_plan.router,
    programme.router,
    learn.router,
    partner_guide.router,
    therapy.router,
    help_now.router,
    about.router,
]
