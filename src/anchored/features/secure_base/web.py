"""The secure-base kit's page, its home panel, and its address for other features."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response

from anchored.core.owner import Owner
from anchored.features.secure_base import PATH, rules
from anchored.features.secure_base import service as kit
from anchored.web.deps import CurrentOwner, Features, Unlocked, get_registry
from anchored.web.templating import render

router = APIRouter(prefix=PATH)


def href() -> str:
    """The kit's address (offered as ``secure_base.href``)."""
    return PATH


@router.get("")
def page(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features, another: str = ""
) -> Response:
    turn = rules.turn_from(another)
    with state.session() as session:
        parts = kit.gather(session, owner, features, now=state.now(), turn=turn)
    return render(
        request,
        "secure_base/page.html",
        {
            "parts": parts,
            "turn": turn,
            "next_turn": turn + 1 if turn + 1 in rules.TURNS else 0,
            "has_items": any(part.item for part in parts),
        },
    )


def home_panel(session: Session, owner: Owner, request: Request, now: datetime) -> dict[str, Any]:
    """Home: one item from the kit, the same all day (or what to add first)."""
    parts = kit.gather(session, owner, get_registry(request), now=now)
    missing = next((part for part in parts if part.item is None and part.add), None)
    return {"kit_part": kit.todays_part(parts, owner, now=now), "kit_missing": missing}
