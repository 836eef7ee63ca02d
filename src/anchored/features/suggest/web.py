"""The settings page for suggestions: /settings/suggest (on by default; off keeps them away)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.features.suggest import service
from anchored.text import model_status
from anchored.web.deps import CurrentOwner, Unlocked
from anchored.web.templating import render

router = APIRouter(prefix="/settings/suggest")


@router.get("")
def settings_page(
    request: Request, state: Unlocked, owner: CurrentOwner, saved: int = 0
) -> Response:
    with state.session() as session:
        on = service.enabled(session, owner)
    return render(
        request,
        "suggest/settings.html",
        {"on": on, "saved": bool(saved), "available": model_status() in {"ready", "loading"}},
    )


@router.post("")
def save_setting(state: Unlocked, owner: CurrentOwner, on: Annotated[str, Form()] = "") -> Response:
    with state.session() as session:
        service.set_enabled(session, owner, on == "on")
    return RedirectResponse("/settings/suggest?saved=1", status_code=303)
