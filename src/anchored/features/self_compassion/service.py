"""Self-compassion: the person's kind phrases (add, edit, move up or down, delete) and the
self-compassion break (start with how hard it feels, finish with how it feels now); what the
programme, search and the secure-base kit show; and the letter from a kind friend, saved
through the journal's offer.

Every save of a phrase runs the crisis check and keeps the phrase in the vault's search index
in the same transaction. A break holds only two numbers, so there is nothing in it to check.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput
from anchored.core.limits import check_length
from anchored.core.owner import Owner
from anchored.features.self_compassion import SEARCH, rules
from anchored.features.self_compassion.models import CompassionBreak, KindPhrase
from anchored.manifest import KitItem, StepItem
from anchored.services.owned import get_owned
from anchored.services.search_results import Shown, first_words
from anchored.services.support import Saved, saved
from anchored.storage.search import index_document, remove_document

__all__ = ["CompassionBreak", "KindPhrase"]

PHRASES = "/self-compassion/phrases"
SOURCE = "self_compassion"  # names the tool in the private record of when the card appeared


class BreakFinished(Exception):
    """The break has already been finished; it can be read, not changed."""


# -- kind phrases -----------------------------------------------------------------------------


def _clean_phrase(text: str) -> str:
    errors: dict[str, str] = {}
    text = text.strip()
    if not text:
        errors["text"] = "Write a few kind words first; an empty phrase is not saved."
    check_length(errors, "text", text, rules.PHRASE_MAX, "A phrase")
    if errors:
        raise InvalidInput(errors)
    return text


def _index(session: Session, phrase: KindPhrase) -> None:
    index_document(session, phrase.owner_id, SEARCH.code, phrase.id, phrase.text, "")


# Built once: home's secure-base kit asks on every visit (see journal.service's note).
_PHRASES = (
    select(KindPhrase)
    .where(KindPhrase.owner_id == bindparam("owner"))
    .order_by(KindPhrase.position, KindPhrase.id)
)


def list_phrases(session: Session, owner: Owner) -> Sequence[KindPhrase]:
    """The owner's phrases in their chosen order."""
    return session.scalars(_PHRASES, {"owner": owner.id}).all()


def add_phrase(session: Session, owner: Owner, text: str, *, now: datetime) -> Saved:
    """Keep a kind phrase, last in the owner's order."""
    text = _clean_phrase(text)
    last = session.scalar(
        select(func.max(KindPhrase.position)).where(KindPhrase.owner_id == owner.id)
    )
    phrase = KindPhrase(
        owner_id=owner.id,
        text=text,
        position=(last + 1) if last is not None else 0,
        created_at=now,
        updated_at=now,
    )
    session.add(phrase)
    session.flush()
    _index(session, phrase)
    return saved(session, owner, SOURCE, phrase.id, phrase.text)


def update_phrase(
    session: Session, owner: Owner, phrase_id: int, text: str, *, now: datetime
) -> Saved:
    phrase = get_phrase(session, owner, phrase_id)
    phrase.text, phrase.updated_at = _clean_phrase(text), now
    session.flush()
    _index(session, phrase)
    return saved(session, owner, SOURCE, phrase.id, phrase.text)


def move_phrase(session: Session, owner: Owner, phrase_id: int, direction: str) -> None:
    """Move a phrase one place up or down in the owner's order (nothing at either end)."""
    phrase = get_phrase(session, owner, phrase_id)
    try:
        chosen = rules.check_direction(direction)
    except ValueError as exc:
        raise InvalidInput({"direction": str(exc)}) from None
    order = rules.moved([p.id for p in list_phrases(session, owner)], phrase.id, chosen)
    by_id = {p.id: p for p in list_phrases(session, owner)}
    for position, item_id in enumerate(order):
        by_id[item_id].position = position
    session.flush()


def delete_phrase(session: Session, owner: Owner, phrase_id: int) -> None:
    session.delete(get_phrase(session, owner, phrase_id))
    remove_document(session, SEARCH.code, phrase_id)
    session.flush()


def get_phrase(session: Session, owner: Owner, phrase_id: int) -> KindPhrase:
    """One phrase; :class:`NotFound` if it is missing or someone else's."""
    return get_owned(session, KindPhrase, owner, phrase_id)


# -- the break --------------------------------------------------------------------------------


def _feeling(value: str | int | None, field: str) -> int | None:
    try:
        return rules.parse_feeling(value)
    except ValueError as exc:
        raise InvalidInput({field: str(exc)}) from None


def start_break(
    session: Session, owner: Owner, feeling_before: str | int | None, *, now: datetime
) -> CompassionBreak:
    """Start a break, with how hard the moment feels (0-10, or None)."""
    before = _feeling(feeling_before, "feeling_before")
    found = CompassionBreak(owner_id=owner.id, started_at=now, feeling_before=before)
    session.add(found)
    session.flush()
    return found


def finish_break(
    session: Session, owner: Owner, break_id: int, feeling_after: str | int | None, *, now: datetime
) -> CompassionBreak:
    """Finish a break with how it feels now. :class:`BreakFinished` if it was finished."""
    found = get_break(session, owner, break_id)
    if found.finished_at is not None:
        raise BreakFinished
    found.feeling_after = _feeling(feeling_after, "feeling_after")
    found.finished_at = now
    session.flush()
    return found


def get_break(session: Session, owner: Owner, break_id: int) -> CompassionBreak:
    return get_owned(session, CompassionBreak, owner, break_id)


def list_breaks(session: Session, owner: Owner, *, limit: int = 20) -> Sequence[CompassionBreak]:
    """The owner's breaks, newest first."""
    query = (
        select(CompassionBreak)
        .where(CompassionBreak.owner_id == owner.id)
        .order_by(CompassionBreak.started_at.desc(), CompassionBreak.id.desc())
        .limit(limit)
    )
    return session.scalars(query).all()


def break_phrase(session: Session, owner: Owner, found: CompassionBreak) -> str | None:
    """The person's own phrase the break's last screen offers (the same on a reload), or None
    when they have none yet."""
    phrases = [p.text for p in list_phrases(session, owner)]
    return rules.pick(phrases, found.id)


# -- the letter from a kind friend ------------------------------------------------------------

AddEntry = Callable[..., Saved]


def save_letter(
    session: Session, owner: Owner, add_entry: AddEntry, body: str, *, now: datetime
) -> Saved:
    """Save the letter as a journal entry tagged to step 6, through the journal's offer
    (``journal.add_entry``, passed in); it runs the crisis check and keeps the entry in search.
    """
    errors: dict[str, str] = {}
    body = body.strip()
    if not body:
        errors["body"] = "Write a few lines first; an empty letter is not saved."
    check_length(errors, "body", body, rules.LETTER_MAX, "A letter")
    if errors:
        raise InvalidInput(errors)
    done: Saved = add_entry(
        session, owner, title=rules.LETTER_TITLE, body=body, step=rules.LETTER_STEP, now=now
    )
    return done


# -- what other parts of the app show (named in the manifest) --------------------------------


def kit_item(
    session: Session, owner: Owner, rng: random.Random, *, now: datetime | None = None
) -> KitItem | None:
    """One of the person's kind phrases, chosen by ``rng``; None while they have none."""
    phrases = list_phrases(session, owner)
    if not phrases:
        return None
    phrase = rng.choice(list(phrases))
    return KitItem(heading="A kind phrase", text=phrase.text, path="/self-compassion/phrases")


def step_items(session: Session, owner: Owner, step: int) -> list[StepItem]:
    """Step 6's page lists the person's kind phrases and their finished breaks."""
    if step != rules.LETTER_STEP:
        return []
    items = [
        StepItem(
            title=phrase.text,
            path="/self-compassion/phrases",
            created_at=phrase.created_at,
            detail="A kind phrase",
        )
        for phrase in list_phrases(session, owner)
    ]
    for found in list_breaks(session, owner, limit=10):
        if found.finished_at is None:
            continue
        items.append(
            StepItem(
                title="A self-compassion break",
                path=f"/self-compassion/break/{found.id}",
                created_at=found.started_at,
                detail=_ratings(found),
            )
        )
    return sorted(items, key=lambda i: i.created_at, reverse=True)


def _ratings(found: CompassionBreak) -> str:
    before = "not rated" if found.feeling_before is None else str(found.feeling_before)
    after = "not rated" if found.feeling_after is None else str(found.feeling_after)
    return f"How hard it felt: {before} → {after}"


def search_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    query = select(KindPhrase.id, KindPhrase.created_at, KindPhrase.text).where(
        KindPhrase.owner_id == owner.id, KindPhrase.id.in_(list(ids))
    )
    return {
        phrase_id: Shown(
            created_at, first_words(text), f"/self-compassion/phrases#phrase-{phrase_id}"
        )
        for phrase_id, created_at, text in session.execute(query)
    }


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each free-text field, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card)."""
    yield "kind_phrases.text", add_phrase(session, owner, text, now=now).needs_help


def ratings(found: CompassionBreak) -> dict[str, Any]:
    """What a page shows of a break's two ratings."""
    return {
        "before": found.feeling_before,
        "after": found.feeling_after,
        "change": rules.change_text(found.feeling_before, found.feeling_after),
    }


def reindex(session: Session, owner: Owner) -> None:
    """Write the search text of ``owner``'s kind phrases again (after an import)."""
    rows = session.scalars(select(KindPhrase).where(KindPhrase.owner_id == owner.id)).all()
    for row in rows:
        _index(session, row)
