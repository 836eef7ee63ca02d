"""Joy list pages: the list (add, "did it today", move up and down, "pick one for me"), edit,
and delete with confirmation. Every form works without JavaScript; htmx only swaps the picked
item and a row marked done in place."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import InvalidInput
from anchored.core.owner import Owner
from anchored.features.joy import rules
from anchored.features.joy import service as joy
from anchored.features.joy.ideas import load_ideas
from anchored.features.joy.models import JoyItem
from anchored.web.deps import (
    CurrentOwner,
    Once,
    RecordId,
    Unlocked,
    after_save,
    help_card_for,
    record_id_from,
)
from anchored.web.templating import render

router = APIRouter(prefix="/joy")


def _rng() -> random.Random:
    return random.Random()  # noqa: S311 (a suggestion for today, not a secret)


def _rows(items: Sequence[JoyItem], today: Any) -> list[dict[str, Any]]:
    last = len(items) - 1
    return [
        {
            "item": item,
            "last_done": rules.last_done_text(item.last_done, today),
            "done_today": item.last_done is not None and item.last_done >= today,
            "first": index == 0,
            "last": index == last,
        }
        for index, item in enumerate(items)
    ]


def _list_page(
    request: Request,
    state: Unlocked,
    owner: Owner,
    *,
    picked: JoyItem | None = None,
    picking: bool = False,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> Response:
    now = state.now()
    today = joy.local_day(now)
    with state.session() as session:
        items = joy.list_joys(session, owner)
    context = {
        "rows": _rows(items, today),
        "picked": picked,
        "picked_last_done": rules.last_done_text(picked.last_done, today) if picked else "",
        "picking": picking,
        "ideas": load_ideas(),
        "values": values or {},
        "errors": errors or {},
        "what_max": joy.WHAT_MAX,
        "today": today.isoformat(),
        "lately_days": rules.LATELY_DAYS,
        "done": record_id_from(request.query_params.get("done")),
        **help_card_for(state, *(item.what for item in items)),
    }
    if picking and request.headers.get("HX-Request") == "true":
        return render(request, "joy/_pick.html", context)
    return render(request, "joy/list.html", context, status_code=422 if errors else 200)


@router.get("")
def list_page(request: Request, state: Unlocked, owner: CurrentOwner) -> Response:
    return _list_page(request, state, owner)


@router.get("/pick")
def pick(request: Request, state: Unlocked, owner: CurrentOwner) -> Response:
    """Pick one for me: one not done lately (``?not=ID``: another than the last pick)."""
    avoid = record_id_from(request.query_params.get("not"))
    with state.session() as session:
        picked = joy.pick_joy(session, owner, now=state.now(), rng=_rng(), avoid=avoid)
    return _list_page(request, state, owner, picked=picked, picking=True)


@router.post("/new")
def create(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    once: Once,
    what: Annotated[str, Form()] = "",
    last_done: Annotated[str, Form()] = "",
) -> Response:
    values = {"what": what, "last_done": last_done}
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = joy.add_joy(session, owner, what, joy.parse_day(last_done), now=state.now())
            sending.saved(f"/joy#joy-{done.id}", record=(JoyItem, done.id), listing="/joy")
    except InvalidInput as exc:
        return _list_page(request, state, owner, values=values, errors=exc.errors)
    return after_save(f"/joy?added={done.id}#add-joy", done.needs_help)


@router.post("/{joy_id}/done")
def did_today(request: Request, state: Unlocked, owner: CurrentOwner, joy_id: RecordId) -> Response:
    """Did it today, in one tap: sets when it was last done."""
    now = state.now()
    with state.session() as session:
        item = joy.did_today(session, owner, joy_id, now=now)
        shown = {
            "item": item,
            "last_done": rules.last_done_text(item.last_done, joy.local_day(now)),
        }
    if request.headers.get("HX-Request") == "true":
        return render(request, "joy/_done.html", shown)
    return RedirectResponse(f"/joy?done={joy_id}#joy-{joy_id}", status_code=303)


@router.post("/{joy_id}/move")
def move(
    state: Unlocked,
    owner: CurrentOwner,
    joy_id: RecordId,
    direction: Annotated[str, Form()] = "",
) -> Response:
    if direction in {"up", "down"}:
        with state.session() as session:
            joy.move_joy(session, owner, joy_id, "up" if direction == "up" else "down")
    return RedirectResponse(f"/joy#joy-{joy_id}", status_code=303)


def _form_page(
    request: Request, joy_id: int, values: dict[str, str], errors: dict[str, str], today: str
) -> Response:
    return render(
        request,
        "joy/edit.html",
        {
            "joy_id": joy_id,
            "values": values,
            "errors": errors,
            "what_max": joy.WHAT_MAX,
            "today": today,
        },
        status_code=422 if errors else 200,
    )


@router.get("/{joy_id}/edit")
def edit_form(request: Request, state: Unlocked, owner: CurrentOwner, joy_id: RecordId) -> Response:
    with state.session() as session:
        item = joy.get_joy(session, owner, joy_id)
    values = {
        "what": item.what,
        "last_done": item.last_done.isoformat() if item.last_done else "",
    }
    return _form_page(request, joy_id, values, {}, joy.local_day(state.now()).isoformat())


@router.post("/{joy_id}/edit")
def update(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    joy_id: RecordId,
    what: Annotated[str, Form()] = "",
    last_done: Annotated[str, Form()] = "",
) -> Response:
    values = {"what": what, "last_done": last_done}
    try:
        with state.session() as session:
            done = joy.update_joy(
                session, owner, joy_id, what, joy.parse_day(last_done), now=state.now()
            )
    except InvalidInput as exc:
        today = joy.local_day(state.now()).isoformat()
        return _form_page(request, joy_id, values, exc.errors, today)
    return after_save(f"/joy?saved={joy_id}#joy-{joy_id}", done.needs_help)


@router.get("/{joy_id}/delete")
def confirm_delete(
    request: Request, state: Unlocked, owner: CurrentOwner, joy_id: RecordId
) -> Response:
    with state.session() as session:
        item = joy.get_joy(session, owner, joy_id)
    return render(request, "joy/delete.html", {"item": item})


@router.post("/{joy_id}/delete")
def delete(state: Unlocked, owner: CurrentOwner, joy_id: RecordId) -> Response:
    with state.session() as session:
        joy.delete_joy(session, owner, joy_id)
    return RedirectResponse("/joy?deleted=1", status_code=303)
