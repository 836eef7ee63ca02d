"""The shell's own pages: launch, onboarding, unlock and lock, home, about. Every feature's
routes come from its manifest (see ``anchored.features``)."""

from anchored.web.routes import about, home, launch, onboarding, unlock

SHELL_ROUTERS = (launch.router, onboarding.router, unlock.router, home.router, about.router)
