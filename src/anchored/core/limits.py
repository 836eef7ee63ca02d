"""One wording for every length limit, so each box says the same thing the same way."""

from __future__ import annotations


def too_long(text: str, limit: int, what: str) -> str | None:
    """Why ``text`` is too long for a box holding ``limit`` characters, or None if it fits.

    ``what`` names the box as a person would: "An entry", "A title", "A note", "This box".
    The message gives both numbers and never repeats the text.
    """
    if len(text) <= limit:
        return None
    return f"{what} can be up to {limit:,} characters; this one has {len(text):,}."


def check_length(errors: dict[str, str], field: str, text: str, limit: int, what: str) -> None:
    """Add ``field``'s too-long message to ``errors`` (a form's errors by field), if any."""
    problem = too_long(text, limit, what)
    if problem is not None:
        errors[field] = problem
