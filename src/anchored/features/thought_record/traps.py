"""Thinking traps: the built-in twelve (never hidden) and the ones a person names themselves.

Deleting an own trap changes the records that named it, so that use case lives with the
records (``service.delete_own_trap``); this module knows nothing of them beyond their links.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput
from anchored.core.limits import check_length
from anchored.core.own_names import OwnKind, clean_name, name_problem
from anchored.core.owner import Owner
from anchored.features.thought_record import SOURCE
from anchored.features.thought_record.models import OwnTrap, ThoughtRecordTrap
from anchored.features.thought_record.trap_content import TRAP_NAME_MAX, load_traps
from anchored.services.owned import get_owned
from anchored.services.support import Saved, saved

__all__ = ["OWN_TRAPS", "TRAP_NAME_MAX", "OwnTrap", "TrapChoice"]

OWN_TEXT_MAX = 1_000
# The traps step lists every trap as a checkbox: keep that list short enough to read.
OWN_TRAPS = OwnKind("trap", "traps", max_length=TRAP_NAME_MAX, max_count=40)
OWN_PREFIX = "own:"


@dataclass(frozen=True, slots=True)
class TrapChoice:
    """One trap as offered on screen. ``key`` is a built-in slug or ``own:<id>``."""

    key: str
    name: str
    definition: str
    question: str
    example: str = ""
    own_id: int | None = None

    @property
    def own(self) -> bool:
        return self.own_id is not None


def own_key(own_id: int) -> str:
    return f"{OWN_PREFIX}{own_id}"


def own_id_of(key: str) -> int | None:
    """The own trap id in ``own:<id>``; None for anything else."""
    if not key.startswith(OWN_PREFIX):
        return None
    number = key[len(OWN_PREFIX) :]
    if not (number.isascii() and number.isdigit()) or len(number) > 18:
        return None
    return int(number)


def built_in() -> list[TrapChoice]:
    return [
        TrapChoice(t.slug, t.name, t.definition, t.question, t.example) for t in load_traps().traps
    ]


def _own_choice(trap: OwnTrap) -> TrapChoice:
    return TrapChoice(own_key(trap.id), trap.name, trap.definition, trap.question, own_id=trap.id)


def list_own_traps(session: Session, owner: Owner) -> Sequence[OwnTrap]:
    """The owner's own traps, in the order they were added."""
    query = select(OwnTrap).where(OwnTrap.owner_id == owner.id).order_by(OwnTrap.id)
    return session.scalars(query).all()


def list_traps(session: Session, owner: Owner) -> list[TrapChoice]:
    """Every trap to offer: the built-in ones first, then the owner's own."""
    return built_in() + [_own_choice(t) for t in list_own_traps(session, owner)]


def _own_by_id(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, OwnTrap]:
    wanted = set(ids)
    if not wanted:
        return {}
    query = select(OwnTrap).where(OwnTrap.owner_id == owner.id, OwnTrap.id.in_(wanted))
    return {t.id: t for t in session.scalars(query)}


def resolve(session: Session, owner: Owner, keys: Iterable[str]) -> list[TrapChoice]:
    """The traps ``keys`` name, in order, duplicates dropped. InvalidInput if one is unknown
    (or someone else's)."""
    unique = list(dict.fromkeys(k.strip() for k in keys))
    own = _own_by_id(session, owner, (i for k in unique if (i := own_id_of(k)) is not None))
    traps = load_traps()
    chosen: list[TrapChoice] = []
    for key in unique:
        found = traps.get(key)
        own_id = own_id_of(key)
        if found is not None:
            chosen.append(
                TrapChoice(found.slug, found.name, found.definition, found.question, found.example)
            )
        elif own_id is not None and own_id in own:
            chosen.append(_own_choice(own[own_id]))
        else:
            raise InvalidInput(
                {
                    "traps": "One of the thinking traps picked isn't in the list (it may have "
                    "been deleted). Please look at the list and pick again."
                }
            )
    return chosen


def for_record(
    session: Session, owner: Owner, links: Iterable[ThoughtRecordTrap]
) -> list[TrapChoice]:
    """The traps a record links to, in its order (one query for own traps)."""
    links = list(links)
    own = _own_by_id(session, owner, (link.own_trap_id for link in links if link.own_trap_id))
    traps = load_traps()
    chosen: list[TrapChoice] = []
    for link in links:
        if link.trap is not None and (found := traps.get(link.trap)) is not None:
            chosen.append(
                TrapChoice(found.slug, found.name, found.definition, found.question, found.example)
            )
        elif link.own_trap_id is not None and link.own_trap_id in own:
            chosen.append(_own_choice(own[link.own_trap_id]))
    return chosen


def use_count(session: Session, owner: Owner, trap_id: int) -> int:
    """How many of the owner's records name this own trap."""
    trap = get_own_trap(session, owner, trap_id)
    query = select(func.count(func.distinct(ThoughtRecordTrap.record_id))).where(
        ThoughtRecordTrap.own_trap_id == trap.id
    )
    return session.scalar(query) or 0


def add_own_trap(
    session: Session, owner: Owner, name: str, definition: str = "", question: str = ""
) -> Saved:
    """Add a trap of the owner's own. Its name must differ from every trap already listed."""
    name, definition, question = clean_name(name), definition.strip(), question.strip()
    errors: dict[str, str] = {}
    problem = name_problem(
        OWN_TRAPS,
        name,
        builtin=(t.name for t in load_traps().traps),
        own=(t.name for t in list_own_traps(session, owner)),
    )
    if problem is not None:
        errors["trap_name"] = problem
    check_length(errors, "trap_definition", definition, OWN_TEXT_MAX, "This box")
    check_length(errors, "trap_question", question, OWN_TEXT_MAX, "This box")
    if errors:
        raise InvalidInput(errors)
    trap = OwnTrap(owner_id=owner.id, name=name, definition=definition, question=question)
    session.add(trap)
    session.flush()
    return saved(session, owner, SOURCE, trap.id, name, definition, question)


def get_own_trap(session: Session, owner: Owner, trap_id: int) -> OwnTrap:
    """One of the owner's own traps; :class:`NotFound` if missing or someone else's."""
    return get_owned(session, OwnTrap, owner, trap_id)
