"""The 0-10 rating every tool uses (feelings, urges): parsing what a person typed or sent.

Messages are the caller's own words and never repeat what was typed.
"""

from __future__ import annotations

import re
from typing import Final

RATING_MIN: Final = 0
RATING_MAX: Final = 10
_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,3}")


def parse_rating(value: int | str | None, message: str) -> int | None:
    """``value`` as a whole number from 0 to 10; None when blank; ValueError(message) otherwise."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if not _WHOLE_NUMBER.fullmatch(text):
            raise ValueError(message)
        value = int(text)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(message)
    if not RATING_MIN <= value <= RATING_MAX:
        raise ValueError(message)
    return value
