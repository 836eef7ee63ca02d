"""Learn: short pages on abandonment fears, and the private signs reflection."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import InvalidInput
from anchored.core.owner import Owner
from anchored.features.learn import service as reflections
from anchored.features.learn.pages import load_pages
from anchored.features.learn.signs import load_signs
from anchored.web.deps import CurrentOwner, Once, Unlocked
from anchored.web.state import AppState
from anchored.web.templating import render

router = APIRouter(prefix="/learn")


@router.get("")
def index(request: Request, _state: Unlocked) -> Response:
    return render(request, "learn/index.html", {"pages": load_pages().pages})


def _signs_page(
    request: Request, state: AppState, owner: Owner, errors: dict[str, str] | None = None
) -> Response:
    content = load_signs()
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
            "errors": errors or {},
            "saved": not errors and request.query_params.get("saved") == "1",
        },
        status_code=422 if errors else 200,
    )


@router.get("/signs")
def signs_form(request: Request, state: Unlocked, owner: CurrentOwner) -> Response:
    return _signs_page(request, state, owner)


@router.post("/signs")
def save_signs(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    once: Once,
    sign: Annotated[list[str] | None, Form()] = None,
) -> Response:
    known = load_signs().slugs
    chosen = [s for s in (sign or []) if s in known]
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            reflections.save_signs(session, owner, chosen, known, now=state.now())
            sending.saved("/learn/signs")
    except InvalidInput as exc:
        return _signs_page(request, state, owner, exc.errors)
    return RedirectResponse("/learn/signs?saved=1", status_code=303)


@router.get("/{slug}")
def page(request: Request, _state: Unlocked, slug: str) -> Response:
    pages = load_pages()
    found = pages.page(slug)
    if found is None:
        raise HTTPException(status_code=404)
    previous, following = pages.neighbours(found)
    return render(
        request,
        "learn/page.html",
        {"page": found, "previous": previous, "next": following},
    )
