"""Resilience memories pages: list, write (with gentle prompts to help remember), read, edit,
delete with confirmation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import InvalidInput
from anchored.features.resilience import service as resilience
from anchored.features.resilience.models import ResilienceMemory
from anchored.features.resilience.prompts import load_prompts
from anchored.features.resilience.rules import MemoryText
from anchored.web.deps import (
    CurrentOwner,
    Once,
    Paging,
    RecordId,
    Unlocked,
    after_save,
    help_card_for,
)
from anchored.web.templating import render

router = APIRouter(prefix="/resilience")
PAGE_SIZE = 20
Text = Annotated[str, Form()]


def _form_page(
    request: Request, *, memory_id: int | None, values: dict[str, str], errors: dict[str, str]
) -> Response:
    return render(
        request,
        "resilience/form.html",
        {
            "memory_id": memory_id,
            "values": values,
            "errors": errors,
            "text_max": resilience.TEXT_MAX,
            "prompts": load_prompts(),
        },
        status_code=422 if errors else 200,
    )


@router.get("")
def list_page(request: Request, state: Unlocked, owner: CurrentOwner, asked: Paging) -> Response:
    with state.session() as session:
        total = resilience.count_memories(session, owner)
        page = asked.fit(total, PAGE_SIZE)
        memories = resilience.list_memories(
            session, owner, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
        )
    return render(
        request,
        "resilience/list.html",
        {
            "memories": memories,
            "page": page,
            "has_next": page * PAGE_SIZE < total,
            "total": total,
            "prompts": load_prompts(),
            **help_card_for(state, *(text for m in memories for text in (m.happened, m.shows))),
        },
    )


@router.get("/new")
def new_form(request: Request, _state: Unlocked) -> Response:
    return _form_page(request, memory_id=None, values={}, errors={})


@router.post("/new")
def create(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    once: Once,
    happened: Text = "",
    did: Text = "",
    shows: Text = "",
) -> Response:
    values = {"happened": happened, "did": did, "shows": shows}
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = resilience.add_memory(
                session, owner, MemoryText(happened, did, shows), now=state.now()
            )
            url = f"/resilience/{done.id}"
            sending.saved(url, record=(ResilienceMemory, done.id), listing="/resilience")
    except InvalidInput as exc:
        return _form_page(request, memory_id=None, values=values, errors=exc.errors)
    return after_save(f"/resilience/{done.id}?saved=1", done.needs_help)


@router.get("/{memory_id}")
def read(request: Request, state: Unlocked, owner: CurrentOwner, memory_id: RecordId) -> Response:
    with state.session() as session:
        memory = resilience.get_memory(session, owner, memory_id)
    return render(
        request,
        "resilience/memory.html",
        {
            "memory": memory,
            "saved": request.query_params.get("saved") == "1",
            **help_card_for(state, memory.happened, memory.did, memory.shows),
        },
    )


@router.get("/{memory_id}/edit")
def edit_form(
    request: Request, state: Unlocked, owner: CurrentOwner, memory_id: RecordId
) -> Response:
    with state.session() as session:
        memory = resilience.get_memory(session, owner, memory_id)
    values = {"happened": memory.happened, "did": memory.did, "shows": memory.shows}
    return _form_page(request, memory_id=memory_id, values=values, errors={})


@router.post("/{memory_id}/edit")
def update(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    memory_id: RecordId,
    happened: Text = "",
    did: Text = "",
    shows: Text = "",
) -> Response:
    values = {"happened": happened, "did": did, "shows": shows}
    try:
        with state.session() as session:
            done = resilience.update_memory(
                session, owner, memory_id, MemoryText(happened, did, shows), now=state.now()
            )
    except InvalidInput as exc:
        return _form_page(request, memory_id=memory_id, values=values, errors=exc.errors)
    return after_save(f"/resilience/{memory_id}?saved=1", done.needs_help)


@router.get("/{memory_id}/delete")
def confirm_delete(
    request: Request, state: Unlocked, owner: CurrentOwner, memory_id: RecordId
) -> Response:
    with state.session() as session:
        memory = resilience.get_memory(session, owner, memory_id)
    return render(request, "resilience/delete.html", {"memory": memory})


@router.post("/{memory_id}/delete")
def delete(state: Unlocked, owner: CurrentOwner, memory_id: RecordId) -> Response:
    with state.session() as session:
        resilience.delete_memory(session, owner, memory_id)
    return RedirectResponse("/resilience?deleted=1", status_code=303)
