"""Pure rules of the journal."""

from __future__ import annotations

from collections.abc import Sequence

FEELINGS_LEAD = "Feelings: "


def with_feelings(body: str, names: Sequence[str]) -> str:
    """The entry with the feeling words the person ticked under it added as its last line
    ("Feelings: sad, lonely."), so they show when reading it again and search finds them.
    Nothing ticked, or no words written: the entry as it was."""
    words = [name.strip().lower() for name in dict.fromkeys(names) if name.strip()]
    if not words or not body.strip():
        return body
    line = f"{FEELINGS_LEAD}{', '.join(words)}."
    if body.rstrip().endswith(line):
        return body  # sent twice (Back, then save again): added once
    return f"{body.rstrip()}\n\n{line}"
