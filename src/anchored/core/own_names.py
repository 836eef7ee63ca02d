"""The person's own items beside the built-in ones (own check-in tags, own thinking traps,
own checking behaviours): one rule for their names, with one wording."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from anchored.core.limits import too_long

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class OwnKind:
    """What a feature calls its own items, and how many and how long they may be."""

    noun: str  # "tag"
    plural: str  # "tags"
    max_length: int
    max_count: int


def clean_name(text: str) -> str:
    """A name as stored: trimmed, inner runs of spaces made single."""
    return _SPACES.sub(" ", text).strip()


def name_problem(
    kind: OwnKind, name: str, *, builtin: Iterable[str] = (), own: Iterable[str] = ()
) -> str | None:
    """Why ``name`` (already cleaned) can't become a new own item; None if it can.

    ``builtin`` are the names (or slugs) of the built-in items, ``own`` the names the
    person already has; both are compared ignoring case.
    """
    if not name:
        return f"Give your {kind.noun} a short name."
    problem = too_long(name, kind.max_length, f"A {kind.noun}'s name")
    if problem is not None:
        return problem
    folded = name.casefold()
    if any(folded == b.casefold() for b in builtin):
        return "That name is already in the list; choose it there."
    own = list(own)
    if any(folded == o.casefold() for o in own):
        return f"You already have a {kind.noun} with this name."
    if len(own) >= kind.max_count:
        return (
            f"You can keep up to {kind.max_count} {kind.plural} of your own; "
            "remove one to add another."
        )
    return None
