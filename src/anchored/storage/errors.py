"""Errors a person can act on. Messages never include anything the person wrote."""

from __future__ import annotations


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


class VaultFileDamaged(AnchoredError):
    """vault.json is missing, unreadable, malformed or altered."""


class DatabaseDamaged(AnchoredError):
    pass


class VaultInUse(AnchoredError):
    pass


class VaultLocked(AnchoredError):
    pass
