"""Sentence splitting for the text heads (pure; no model)."""

from __future__ import annotations

import re
from typing import Final

_END: Final = re.compile(r"(?<=[.!?…])\s+|[\r\n]+|\s*;\s*")
_MAX_CHARS: Final = 400
_MAX_SENTENCES: Final = 40


def split(text: str) -> list[str]:
    """The sentences of ``text`` (at most 40, each at most 400 characters), without blanks."""
    parts = (part.strip() for part in _END.split(text or ""))
    found = [part[:_MAX_CHARS] for part in parts if any(c.isalpha() for c in part)]
    return found[:_MAX_SENTENCES]
