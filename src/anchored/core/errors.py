"""Errors a person can act on. Messages never include anything the person wrote.

``InvalidInput``, ``NotFound`` and ``AlreadySaved`` come from services (a form to fix, a
record that is not there, a form that was already saved); ``AnchoredError`` and its kinds
from the vault (the command line shows the message and exits with ``exit_code``).
"""

from __future__ import annotations


class InvalidInput(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = errors


class NotFound(Exception):
    """The record does not exist or belongs to someone else (both look the same)."""


class AlreadySaved(Exception):
    """A form that creates something was sent again: what it saved the first time is at
    ``url``; ``needs_help`` if what was sent calls for the help card."""

    def __init__(self, url: str, *, needs_help: bool = False) -> None:
        super().__init__("this form was already saved")
        self.url = url
        self.needs_help = needs_help


class AnchoredError(Exception):
    """Base for expected failures; ``str(exc)`` is safe to show, ``exit_code`` for the CLI."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NoVault(AnchoredError):
    pass


class VaultExists(AnchoredError):
    pass


class WrongPassphrase(AnchoredError):
    pass


class WrongRecoveryKey(AnchoredError):
    pass


class UsageError(AnchoredError):
    """The command was given something it cannot use (a missing file, no input at all)."""


class VaultDamaged(AnchoredError):
    """A file of the vault is missing, empty, malformed, altered or not this vault's: only a
    backup helps. Nothing is written to a damaged vault."""


class VaultFileDamaged(VaultDamaged):
    """vault.json is missing, unreadable, malformed or altered."""


class DatabaseDamaged(VaultDamaged):
    """anchored.db is missing, empty, from another vault, or has pages that fail their check."""


class VaultInUse(AnchoredError):
    """Another Anchored window or command holds the vault in a way this one has to wait for."""


class VaultBusy(AnchoredError):
    """Another Anchored window or command kept the database busy for too long."""


class VaultLocked(AnchoredError):
    pass
