"""Learn: short pages on abandonment fears, and the private signs reflection."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.content.programme import load_programme
from anchored.services import reflections
from anchored.web.deps import CurrentOwner, Unlocked
from anchored.web.templating import render

router = APIRouter(prefix="/learn")


@router.get("")
def index(request: Request, _state: Unlocked) -> Response:
    return render(request, "learn/index.html", {"pages": load_programme().learn})


@router.get("/signs")
def signs_form(request: Request, state: Unlocked, owner: CurrentOwner) -> Response:
    content = load_programme().signs
    with state.session() as session:
        history = reflections.list_signs(session, owner)
    texts = {sign.slug: sign.text for sign in content.signs}
    past = [(entry.created_at, entry.recognised.split()) for entry in history]
    return render(
        request,
        "learn/signs.html",
        {
            "content": content,
            "texts": texts,
            "past": past,
            "saved": request.query_params.get("saved") == "1",
        },
    )


@router.post("/signs")
def save_signs(
    state: Unlocked, owner: CurrentOwner, sign: Annotated[list[str] | None, Form()] = None
) -> Response:
    known = [s.slug for s in load_programme().signs.signs]
    chosen = [s for s in (sign or []) if s in known]
    with state.session() as session:
        reflections.save_signs(session, owner, chosen, known)
    return RedirectResponse("/learn/signs?saved=1", status_code=303)


@router.get("/{slug}")
def page(request: Request, _state: Unlocked, slug: str) -> Response:
    programme = load_programme()
    found = programme.learn_page(slug)
    if found is None:
        raise HTTPException(status_code=404)
    index = programme.learn.index(found)
    return render(
        request,
        "learn/page.html",
        {
            "page": found,
            "previous": programme.learn[index - 1] if index > 0 else None,
            "next": programme.learn[index + 1] if index + 1 < len(programme.learn) else None,
        },
    )
