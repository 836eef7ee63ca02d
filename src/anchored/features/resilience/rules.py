"""Resilience memories' pure rules: the three parts of a memory, and reading them from one
piece of writing (a command's standard input or editor) marked with short headings."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The headings a piece of writing may use, each on a line of its own (words may follow the
# colon on the same line). Text before any heading is what happened.
HEADINGS = {
    "happened": ("what happened", "happened"),
    "did": ("what i did", "did"),
    "shows": ("what it shows about me", "what it shows", "shows"),
}
_HEADING = re.compile(
    r"^\s*(?P<label>"
    + "|".join(re.escape(label) for labels in HEADINGS.values() for label in labels)
    + r")\s*:(?P<rest>.*)$",
    re.IGNORECASE,
)
PARTS = ("happened", "did", "shows")


@dataclass(frozen=True, slots=True)
class MemoryText:
    """What happened, what I did, what it shows about me."""

    happened: str
    did: str = ""
    shows: str = ""

    def texts(self) -> tuple[str, str, str]:
        return (self.happened, self.did, self.shows)

    def stripped(self) -> MemoryText:
        return MemoryText(*(text.strip() for text in self.texts()))


def _part(label: str) -> str:
    label = label.lower()
    return next(part for part, labels in HEADINGS.items() if label in labels)


def split_memory(text: str) -> MemoryText:
    """The three parts of ``text``: each starts after its heading ("What happened:",
    "What I did:", "What it shows about me:", or just "Did:", "Shows:"); a part named twice
    gathers both. Without headings it is all what happened."""
    parts: dict[str, list[str]] = {part: [] for part in PARTS}
    current = "happened"
    for line in text.splitlines():
        found = _HEADING.match(line)
        if found:
            current = _part(found.group("label"))
            line = found.group("rest")
        parts[current].append(line)
    return MemoryText(*("\n".join(parts[part]).strip() for part in PARTS))


def join_memory(memory: MemoryText) -> str:
    """``memory`` as one piece of writing with headings, as :func:`split_memory` reads it."""
    return (
        f"What happened:\n{memory.happened}\n\n"
        f"What I did:\n{memory.did}\n\n"
        f"What it shows about me:\n{memory.shows}\n"
    )
