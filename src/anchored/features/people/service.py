"""Support people: add, edit, delete, reorder and list them; put a reach-out message together.

Every save runs the crisis check on the name and the note (the person's own words) and keeps
them in the search index in the same transaction. Phone numbers and email addresses are
checked plainly, with messages that never repeat what was typed.

What other features use (named in the manifest): ``choices`` (the safety plan's people to
pick from), ``contact`` (one person with call/text links) and ``kit_item`` (the secure-base
kit's support person, chosen with the kit's random generator so it stays the same all day).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.limits import check_length
from anchored.core.owner import Owner
from anchored.features.people import SEARCH, rules
from anchored.features.people.choices import load_people_content
from anchored.features.people.models import SupportPerson
from anchored.manifest import KitItem, StepItem
from anchored.services import support
from anchored.services.owned import get_owned
from anchored.services.search_results import Shown
from anchored.services.support import Saved, saved
from anchored.storage.search import index_document, remove_document

__all__ = ["Details", "Draft", "SupportPerson"]

SOURCE = "support people"  # names the tool in the private record of when the help card appeared
KIT_HEADING = "Someone in your corner"


@dataclass(frozen=True, slots=True)
class Details:
    """What the form (or `people add`) gives for one person or group."""

    name: str
    kind: str = "person"
    phone: str = ""
    email: str = ""
    good_for: tuple[str, ...] = ()
    note: str = ""


def _clean(details: Details) -> Details:
    errors: dict[str, str] = {}
    name, note = details.name.strip(), details.note.strip()
    phone, email = details.phone.strip(), details.email.strip()
    if not name:
        errors["name"] = "Write a name first (a first name or a nickname is enough)."
    check_length(errors, "name", name, rules.NAME_MAX, "A name")
    check_length(errors, "note", note, rules.NOTE_MAX, "A note")
    if details.kind not in rules.KINDS:
        errors["kind"] = "Choose a person or a group."
    if (problem := rules.phone_problem(phone)) is not None:
        errors["phone"] = problem
    if (problem := rules.email_problem(email)) is not None:
        errors["email"] = problem
    good_for, unknown = rules.good_for_codes(
        details.good_for, load_people_content().good_for_codes()
    )
    if unknown:
        errors["good_for"] = "Choose from the list of what they are good for."
    if errors:
        raise InvalidInput(errors)
    return Details(name, details.kind, phone, email, good_for, note)


def _index(session: Session, person: SupportPerson) -> None:
    index_document(session, person.owner_id, SEARCH.code, person.id, person.name, person.note)


def _saved(session: Session, owner: Owner, person: SupportPerson) -> Saved:
    return saved(session, owner, SOURCE, person.id, person.name, person.note)


def _apply(person: SupportPerson, details: Details) -> None:
    person.name, person.kind, person.note = details.name, details.kind, details.note
    person.phone, person.email = details.phone, details.email
    person.good_for = ",".join(details.good_for)


def add_person(session: Session, owner: Owner, details: Details, *, now: datetime) -> Saved:
    """Add a person or group at the end of the list."""
    cleaned = _clean(details)
    last = session.scalar(
        select(func.max(SupportPerson.position)).where(SupportPerson.owner_id == owner.id)
    )
    person = SupportPerson(
        owner_id=owner.id, created_at=now, updated_at=now, position=(last or 0) + 1
    )
    _apply(person, cleaned)
    session.add(person)
    session.flush()
    _index(session, person)
    return _saved(session, owner, person)


def update_person(
    session: Session, owner: Owner, person_id: int, details: Details, *, now: datetime
) -> Saved:
    """Change a person's details (their place in the list stays)."""
    person = get_person(session, owner, person_id)
    _apply(person, _clean(details))
    person.updated_at = now
    session.flush()
    _index(session, person)
    return _saved(session, owner, person)


def delete_person(session: Session, owner: Owner, person_id: int) -> None:
    """Delete a person and their searchable text."""
    session.delete(get_person(session, owner, person_id))
    remove_document(session, SEARCH.code, person_id)
    session.flush()


def get_person(session: Session, owner: Owner, person_id: int) -> SupportPerson:
    """One person; :class:`NotFound` if missing or someone else's."""
    return get_owned(session, SupportPerson, owner, person_id)


# Built once: home's secure-base kit asks on every visit (see journal.service's note).
_PEOPLE = (
    select(SupportPerson)
    .where(SupportPerson.owner_id == bindparam("owner"))
    .order_by(SupportPerson.position, SupportPerson.id)
)


def list_people(session: Session, owner: Owner) -> Sequence[SupportPerson]:
    """The owner's people and groups, in their order."""
    return session.scalars(_PEOPLE, {"owner": owner.id}).all()


def count_people(session: Session, owner: Owner) -> int:
    query = (
        select(func.count()).select_from(SupportPerson).where(SupportPerson.owner_id == owner.id)
    )
    return session.scalar(query) or 0


def move_person(session: Session, owner: Owner, person_id: int, direction: rules.Direction) -> None:
    """Move a person one place up or down the list."""
    get_person(session, owner, person_id)
    people = list(list_people(session, owner))
    order = rules.moved([p.id for p in people], person_id, direction)
    by_id = {p.id: p for p in people}
    for position, found in enumerate(order, start=1):
        by_id[found].position = position
    session.flush()


def good_for_phrases(person: SupportPerson) -> list[str]:
    """What the person is good for, in words ("listening", "practical help")."""
    codes = set(person.good_for.split(","))
    return [g.phrase for g in load_people_content().good_for if g.code in codes]


def good_for_labels(person: SupportPerson) -> list[str]:
    codes = set(person.good_for.split(","))
    return [g.label for g in load_people_content().good_for if g.code in codes]


def links(person: SupportPerson) -> tuple[tuple[str, str], ...]:
    """(label, href): call, text and email links (``tel:``, ``sms:``, ``mailto:``)."""
    return rules.contact_links(person.phone, person.email)


def _kit_item(person: SupportPerson) -> KitItem:
    phrases = good_for_phrases(person)
    return KitItem(
        heading=KIT_HEADING,
        text=person.name,
        path=f"/people/{person.id}",
        detail=f"Good for {'; '.join(phrases)}." if phrases else "",
        links=links(person),
    )


# -- the reach-out helper ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Draft:
    """A message put together, for the person to copy. Not kept, never sent."""

    text: str
    needs_help: bool
    person: SupportPerson | None


def draft_message(
    session: Session, owner: Owner, *, person_id: int | None, share: str, ask: str
) -> Draft:
    """Put a short message together from what the person wants to share and what they would
    like from someone (an ask from the content, or "" for none). Nothing is kept; what they
    wrote still goes through the crisis check, as every piece of their writing does."""
    share = share.strip()
    errors: dict[str, str] = {}
    if not share:
        errors["share"] = "Write what you'd like to share first; one sentence is enough."
    check_length(errors, "share", share, rules.SHARE_MAX, "What you share")
    chosen = load_people_content().ask(ask) if ask else None
    if ask and chosen is None:
        errors["ask"] = "Choose one of the options, or none."
    person = None
    if person_id is not None:
        try:
            person = get_person(session, owner, person_id)
        except NotFound:
            errors["to"] = "That person is not on your list any more. Choose someone else."
    if errors:
        raise InvalidInput(errors)
    text = rules.compose_message(
        person.name if person else None,
        person.kind if person else "person",
        share,
        chosen.text if chosen else "",
    )
    needs_help = support.after_save(session, owner, "reach out", share)
    return Draft(text, needs_help, person)


# -- what other parts of the app use (named in the manifest) ---------------------------------


def choices(session: Session, owner: Owner) -> list[tuple[int, str]]:
    """The owner's support people as (id, name), in their order (offered as
    ``people.choices``)."""
    return [(p.id, p.name) for p in list_people(session, owner)]


def contact(session: Session, owner: Owner, person_id: int) -> KitItem | None:
    """One of the owner's people with call/text/email links, or None if it is not theirs
    (offered as ``people.contact``)."""
    try:
        return _kit_item(get_person(session, owner, person_id))
    except NotFound:
        return None


def kit_item(
    session: Session, owner: Owner, rng: random.Random, *, now: datetime | None = None
) -> KitItem | None:
    """One support person for the secure-base kit, picked with ``rng`` (the kit seeds it with
    the day, so it stays the same all day); someone with a way to reach them if there is one."""
    people = list(list_people(session, owner))
    reachable = [p for p in people if p.phone or p.email]
    pool = reachable or people
    return _kit_item(rng.choice(pool)) if pool else None


def step_items(session: Session, owner: Owner, step: int) -> list[StepItem]:
    """Step 12's page lists the owner's support people."""
    if step != 12:
        return []
    return [
        StepItem(
            title=p.name,
            path=f"/people/{p.id}",
            created_at=p.created_at,
            detail="A group" if p.kind == "group" else "",
        )
        for p in list_people(session, owner)
    ]


def search_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    """How search shows a person: their name."""
    query = select(SupportPerson.id, SupportPerson.created_at, SupportPerson.name).where(
        SupportPerson.owner_id == owner.id, SupportPerson.id.in_(list(ids))
    )
    return {
        person_id: Shown(created_at, name, f"/people/{person_id}")
        for person_id, created_at, name in session.execute(query)
    }


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each free-text field, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card)."""
    name = text[: rules.NAME_MAX]
    yield "support_people.name", add_person(session, owner, Details(name), now=now).needs_help
    done = add_person(session, owner, Details("Sam", note=text), now=now)
    yield "support_people.note", done.needs_help


def reindex(session: Session, owner: Owner) -> None:
    """Write the search text of ``owner``'s support people again (after an import)."""
    rows = session.scalars(select(SupportPerson).where(SupportPerson.owner_id == owner.id)).all()
    for row in rows:
        _index(session, row)
