"""What differs between personal and hosted mode in the pages themselves (cheap to import)."""

from __future__ import annotations

import re

# Personal mode's pages with no meaning in hosted mode (one vault on one machine): 404
# there, and never linked. Their hosted counterparts: /login for launch and unlock, /invite
# for onboarding, /logout for lock, /account for deleting everything; the passphrase and
# recovery key are the password; backups are the operator's. Machine-wide choices (theme,
# idle lock) would be shared by everyone on the server: they wait for per-account ones. The
# help lines' country is per account (kept in the person's own preferences).
_PERSONAL_ONLY = re.compile(
    r"/(?:launch|welcome|unlock|lock)(?:/.*)?"
    r"|/settings/(?:passphrase|strength|recovery-key|backup|delete|theme|idle-lock)"
    r"(?:/.*)?"
    r"|/help/country"
)


def personal_only(path: str) -> bool:
    """A page of personal mode's that hosted mode does not have (404 there, and not linked)."""
    return _PERSONAL_ONLY.fullmatch(path) is not None
