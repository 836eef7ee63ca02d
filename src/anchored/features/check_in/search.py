"""How search shows a check-in: its feelings, by name."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from anchored.content.emotions import load_emotions
from anchored.core.owner import Owner
from anchored.services.search_results import Shown, first_words
from anchored.storage.models import CheckIn, CheckInEmotion


def search_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    query = (
        select(CheckIn.id, CheckIn.created_at, CheckInEmotion.emotion)
        .outerjoin(CheckInEmotion, CheckInEmotion.check_in_id == CheckIn.id)
        .where(CheckIn.owner_id == owner.id, CheckIn.id.in_(list(ids)))
        .order_by(CheckIn.id, CheckInEmotion.position)
    )
    emotion_names = load_emotions().names
    when: dict[int, datetime] = {}
    names: dict[int, list[str]] = {}
    for check_in_id, created_at, slug in session.execute(query):
        when[check_in_id] = created_at
        named = names.setdefault(check_in_id, [])
        if slug is not None:
            named.append(emotion_names.get(slug, slug))
    return {
        check_in_id: Shown(
            created_at,
            first_words(f"Check-in: {', '.join(names[check_in_id])}")
            if names[check_in_id]
            else "Check-in",
            f"/check-in/{check_in_id}",
        )
        for check_in_id, created_at in when.items()
    }
