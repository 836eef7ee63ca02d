"""Input a person can fix. Messages name the field and the limit, never echo the text."""

from __future__ import annotations


class InvalidInput(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = errors


class NotFound(Exception):
    """The record does not exist or belongs to someone else (both look the same)."""
