"""Sharing (hosted mode): a person lets a therapist see chosen categories of their work.

Nothing is shared by default. A grant names one therapist, the categories (each feature's
``sharing`` entries in its manifest), the first day the therapist may see, and how long it
lasts; the person can revoke it at once. A therapist reads a client's category only through
:func:`open_category`, which checks the grant *on every call* (so a revoked or ended grant
stops the next request) and writes the person's audit log. Categories shared one record at a
time (thought records, journal entries) show only the records the person picked.

Nothing here notifies anyone: no crisis sign, no self-check answer, nothing the person writes
reaches a therapist unless it is in a category the person granted.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.limits import check_length
from anchored.core.owner import Owner
from anchored.features.sharing import rules
from anchored.features.sharing.models import (
    SharedRecord,
    SharingAccess,
    SharingGrant,
    TherapistNote,
)
from anchored.manifest import Pickable, Registry, SharedPart, Sharing, resolve
from anchored.services import accounts
from anchored.services.owned import get_owned
from anchored.services.support import Saved, saved
from anchored.storage import atrest

UNKNOWN_THERAPIST = "a therapist whose account was closed"


@dataclass(frozen=True, slots=True)
class Grant:
    id: int
    therapist_id: int
    therapist: str  # their username, or UNKNOWN_THERAPIST
    categories: tuple[Sharing, ...]
    since: date
    created_at: datetime
    ends_at: datetime
    revoked_at: datetime | None
    active: bool
    picked: dict[str, frozenset[int]]  # category code -> record ids chosen one by one

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(c.code for c in self.categories)


@dataclass(frozen=True, slots=True)
class Client:
    """A person who shares with the therapist asking: what they granted."""

    owner: Owner
    username: str
    grant: Grant


@dataclass(frozen=True, slots=True)
class Look:
    """One line of the person's log: a therapist opened a category."""

    therapist: str
    category: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Note:
    id: int
    therapist: str
    body: str
    created_at: datetime


def _by_code(registry: Registry) -> dict[str, Sharing]:
    return {c.code: c for c in registry.sharing}


def _grant(
    row: SharingGrant,
    registry: Registry,
    names: dict[int, accounts.Named],
    picks: Sequence[SharedRecord],
    now: datetime,
) -> Grant:
    known = _by_code(registry)
    therapist = names.get(row.therapist_id)
    picked: dict[str, set[int]] = {}
    for pick in picks:
        if pick.grant_id == row.id:
            picked.setdefault(pick.category, set()).add(pick.record_id)
    return Grant(
        id=row.id,
        therapist_id=row.therapist_id,
        therapist=therapist.username if therapist else UNKNOWN_THERAPIST,
        categories=tuple(known[c] for c in rules.codes(row.categories) if c in known),
        since=row.since,
        created_at=row.created_at,
        ends_at=row.ends_at,
        revoked_at=row.revoked_at,
        active=therapist is not None
        and not therapist.disabled
        and rules.in_force(row.revoked_at, row.ends_at, now),
        picked={code: frozenset(ids) for code, ids in picked.items()},
    )


def _grants(
    session: Session, rows: Sequence[SharingGrant], registry: Registry, now: datetime
) -> list[Grant]:
    names = accounts.named(session, {r.therapist_id for r in rows})
    picks = (
        session.scalars(
            select(SharedRecord).where(SharedRecord.grant_id.in_([r.id for r in rows]))
        ).all()
        if rows
        else []
    )
    return [_grant(row, registry, names, picks, now) for row in rows]


# -- the person --------------------------------------------------------------------------------


def list_grants(
    session: Session, owner: Owner, registry: Registry, *, now: datetime
) -> list[Grant]:
    """The person's grants, newest first (those in force, then those that ended)."""
    rows = session.scalars(
        select(SharingGrant)
        .where(SharingGrant.owner_id == owner.id)
        .order_by(SharingGrant.created_at.desc(), SharingGrant.id.desc())
    ).all()
    found = _grants(session, rows, registry, now)
    return sorted(found, key=lambda g: not g.active)


def get_grant(
    session: Session, owner: Owner, grant_id: int, registry: Registry, *, now: datetime
) -> Grant:
    row = get_owned(session, SharingGrant, owner, grant_id)
    return _grants(session, [row], registry, now)[0]


def therapists(session: Session) -> list[accounts.Named]:
    return accounts.therapists(session)


def share(
    session: Session,
    owner: Owner,
    registry: Registry,
    *,
    therapist_id: int | None,
    categories: Iterable[str],
    since: date | None,
    months: int,
    now: datetime,
) -> int:
    """Let a therapist see ``categories`` from ``since`` for ``months``. A grant already in
    force for the same therapist is replaced (ended now, its picked records carried over for
    the categories still shared), so there is one grant per therapist at a time."""
    errors: dict[str, str] = {}
    chosen = [c for c in categories if c]
    known = [c.code for c in registry.sharing]
    therapist = next((t for t in accounts.therapists(session) if t.id == therapist_id), None)
    if therapist is None or therapist.id == owner.id:
        errors["therapist"] = "Choose the therapist to share with."
    if not chosen:
        errors["categories"] = "Tick at least one thing to share."
    elif any(c not in known for c in chosen):
        errors["categories"] = "Choose from the list."
    if months not in rules.DURATIONS:
        errors["months"] = "Choose how long sharing lasts."
    if since is None:
        errors["since"] = "Choose the first day your therapist may see, like 2026-09-01."
    if errors:
        raise InvalidInput(errors)
    assert therapist is not None
    assert since is not None
    codes = rules.stored(chosen, known)
    grant = SharingGrant(
        owner_id=owner.id,
        therapist_id=therapist.id,
        categories=codes,
        since=since,
        created_at=now,
        ends_at=rules.ends_at(now, months),
        revoked_at=None,
    )
    session.add(grant)
    session.flush()
    for old in session.scalars(
        select(SharingGrant).where(
            SharingGrant.owner_id == owner.id,
            SharingGrant.therapist_id == therapist.id,
            SharingGrant.id != grant.id,
            SharingGrant.revoked_at.is_(None),
            SharingGrant.ends_at > now,
        )
    ).all():
        old.revoked_at = now
        for pick in session.scalars(
            select(SharedRecord).where(SharedRecord.grant_id == old.id)
        ).all():
            if pick.category in codes.split():
                session.add(
                    SharedRecord(
                        owner_id=owner.id,
                        grant_id=grant.id,
                        category=pick.category,
                        record_id=pick.record_id,
                    )
                )
    session.flush()
    return grant.id


def revoke(session: Session, owner: Owner, grant_id: int, *, now: datetime) -> None:
    """End a grant at once: the therapist's next request finds nothing."""
    row = get_owned(session, SharingGrant, owner, grant_id)
    if row.revoked_at is None and row.ends_at > now:
        row.revoked_at = now
    session.flush()


def pickable(
    session: Session, owner: Owner, grant: Grant, *, now: datetime
) -> list[tuple[Sharing, list[Pickable]]]:
    """For each category of the grant shared one record at a time: what the person can pick."""
    found = []
    for category in grant.categories:
        if category.pick:
            found.append(
                (category, list(resolve(category.pick)(session, owner, since=grant.since, now=now)))
            )
    return found


def set_picked(
    session: Session,
    owner: Owner,
    grant_id: int,
    registry: Registry,
    picked: Mapping[str, Iterable[int]],
    *,
    now: datetime,
) -> None:
    """The records shared one by one: exactly ``picked`` (by category code), among what the
    person can pick; anything else in the request is ignored."""
    grant = get_grant(session, owner, grant_id, registry, now=now)
    if not grant.active:
        raise NotFound
    session.execute(delete(SharedRecord).where(SharedRecord.grant_id == grant.id))
    for category, choices in pickable(session, owner, grant, now=now):
        allowed = {c.id for c in choices}
        for record_id in sorted(set(picked.get(category.code, ())) & allowed):
            session.add(
                SharedRecord(
                    owner_id=owner.id,
                    grant_id=grant.id,
                    category=category.code,
                    record_id=record_id,
                )
            )
    session.flush()


def looks(session: Session, owner: Owner, registry: Registry, *, limit: int = 200) -> list[Look]:
    """The person's log: every time a therapist opened a shared category, newest first."""
    rows = session.scalars(
        select(SharingAccess)
        .where(SharingAccess.owner_id == owner.id)
        .order_by(SharingAccess.at.desc(), SharingAccess.id.desc())
        .limit(limit)
    ).all()
    names = accounts.named(session, {r.therapist_id for r in rows})
    labels = {c.code: c.label for c in registry.sharing}
    return [
        Look(
            names[r.therapist_id].username if r.therapist_id in names else UNKNOWN_THERAPIST,
            labels.get(r.category, r.category),
            r.at,
        )
        for r in rows
    ]


def notes(session: Session, owner: Owner) -> list[Note]:
    """Notes therapists left for the person, not yet put away, newest first."""
    rows = session.scalars(
        select(TherapistNote)
        .where(TherapistNote.owner_id == owner.id, TherapistNote.dismissed_at.is_(None))
        .order_by(TherapistNote.created_at.desc(), TherapistNote.id.desc())
    ).all()
    names = accounts.named(session, {r.therapist_id for r in rows})
    return [
        Note(
            r.id,
            names[r.therapist_id].username if r.therapist_id in names else UNKNOWN_THERAPIST,
            r.body,
            r.created_at,
        )
        for r in rows
    ]


def dismiss_note(session: Session, owner: Owner, note_id: int, *, now: datetime) -> None:
    note = get_owned(session, TherapistNote, owner, note_id)
    note.dismissed_at = note.dismissed_at or now
    session.flush()


# -- the therapist -----------------------------------------------------------------------------


def clients(
    session: Session, therapist: Owner, registry: Registry, *, now: datetime
) -> list[Client]:
    """The people whose grant to ``therapist`` is in force now, by name."""
    rows = session.scalars(
        select(SharingGrant).where(
            SharingGrant.therapist_id == therapist.id,
            SharingGrant.revoked_at.is_(None),
            SharingGrant.ends_at > now,
        )
    ).all()
    people = accounts.named(session, {r.owner_id for r in rows})
    found = []
    for grant in _grants(session, rows, registry, now):
        row = next(r for r in rows if r.id == grant.id)
        person = people.get(row.owner_id)
        if grant.active and person is not None and not person.disabled:
            found.append(Client(Owner(row.owner_id), person.username, grant))
    return sorted(found, key=lambda c: c.username)


def client(
    session: Session, therapist: Owner, client_id: int, registry: Registry, *, now: datetime
) -> Client:
    """One client of ``therapist``'s, checked now: :class:`NotFound` unless that person has a
    grant to this therapist in force (no grant, revoked, ended, or someone else's)."""
    for found in clients(session, therapist, registry, now=now):
        if found.owner.id == client_id:
            return found
    raise NotFound


def open_category(
    session: Session,
    therapist: Owner,
    client_id: int,
    code: str,
    registry: Registry,
    *,
    now: datetime,
) -> tuple[Client, Sharing, SharedPart]:
    """A category the client shared with this therapist, as the therapist sees it, and a line
    in the client's log. :class:`NotFound` for anything not granted to them now."""
    found = client(session, therapist, client_id, registry, now=now)
    category = next((c for c in found.grant.categories if c.code == code), None)
    if category is None:
        raise NotFound
    picked = found.grant.picked.get(code, frozenset()) if category.pick else None
    view = resolve(category.view)
    # A view gathering what every feature contributes (the progress charts) asks for the
    # registry by naming it: features never import the list of features.
    more = {"registry": registry} if "registry" in inspect.signature(view).parameters else {}
    with atrest.acting_as(found.owner.id):
        part: SharedPart = view(
            session, found.owner, since=found.grant.since, now=now, picked=picked, **more
        )
    session.add(SharingAccess(owner_id=client_id, therapist_id=therapist.id, category=code, at=now))
    session.flush()
    return found, category, part


def leave_note(
    session: Session,
    therapist: Owner,
    client_id: int,
    body: str,
    registry: Registry,
    *,
    now: datetime,
) -> Saved:
    """A short note for the client's home. Kept as the client's (under their key): theirs
    to read, put away, export or delete."""
    found = client(session, therapist, client_id, registry, now=now)
    text = rules.clean_note(body)
    errors: dict[str, str] = {}
    if not text:
        errors["body"] = "Write the note first."
    check_length(errors, "body", text, rules.NOTE_LIMIT, "The note")
    if errors:
        raise InvalidInput(errors)
    with atrest.acting_as(found.owner.id):
        note = TherapistNote(
            owner_id=found.owner.id,
            therapist_id=therapist.id,
            body=text,
            created_at=now,
            dismissed_at=None,
        )
        session.add(note)
        session.flush()
    return saved(session, therapist, "therapist_note", note.id, text)


def notes_left(session: Session, therapist: Owner, client_id: int) -> list[Note]:
    """What this therapist left for the client (theirs to see again), newest first."""
    rows = session.scalars(
        select(TherapistNote)
        .where(TherapistNote.owner_id == client_id, TherapistNote.therapist_id == therapist.id)
        .order_by(TherapistNote.created_at.desc(), TherapistNote.id.desc())
        .limit(20)
    ).all()
    return [Note(r.id, "you", r.body, r.created_at) for r in rows]


# -- the crisis-check probe --------------------------------------------------------------------


def free_text(session: Session, owner: Owner, text: str, now: datetime):  # type: ignore[no-untyped-def]
    """Saves ``text`` as a therapist's note to ``owner`` (as the manifest's probe does for
    every feature): the one free-text field here."""
    note = TherapistNote(
        owner_id=owner.id, therapist_id=owner.id, body=text, created_at=now, dismissed_at=None
    )
    session.add(note)
    session.flush()
    yield "therapist_notes.body", saved(session, owner, "therapist_note", note.id, text).needs_help
