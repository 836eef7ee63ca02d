"""Trigger log pages: list, write (also from a finished pause), read, edit, delete.

A pause is another feature: what it offers (``pause.trigger_prefill``) comes from the
registry, and without it the pages simply have nothing to fill in from a pause.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import InvalidInput
from anchored.features.trigger_log import service as trigger_log
from anchored.features.trigger_log.models import TriggerLogEntry
from anchored.features.trigger_log.service import TriggerText
from anchored.web.deps import (
    CurrentOwner,
    Features,
    Once,
    Paging,
    RecordId,
    Unlocked,
    after_save,
    help_card_for,
    record_id_from,
)
from anchored.web.templating import render

router = APIRouter(prefix="/trigger-log")
PAGE_SIZE = 20
Text = Annotated[str, Form()]
PAUSE_PREFILL = "pause.trigger_prefill"  # offered by the pause
KIT_HREF = "secure_base.href"  # offered by the secure-base kit: () -> its address


def _form_page(
    request: Request,
    *,
    entry_id: int | None,
    values: dict[str, str],
    errors: dict[str, str],
    earlier_entry_id: int | None = None,
) -> Response:
    return render(
        request,
        "trigger_log/form.html",
        {
            "entry_id": entry_id,
            "values": values,
            "errors": errors,
            "text_max": trigger_log.TEXT_MAX,
            "earlier_entry_id": earlier_entry_id,
        },
        status_code=422 if errors else 200,
    )


@router.get("")
def list_page(request: Request, state: Unlocked, owner: CurrentOwner, asked: Paging) -> Response:
    with state.session() as session:
        total = trigger_log.count_entries(session, owner)
        page = asked.fit(total, PAGE_SIZE)
        entries = trigger_log.list_entries(
            session, owner, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
        )
    return render(
        request,
        "trigger_log/list.html",
        {"entries": entries, "page": page, "has_next": page * PAGE_SIZE < total},
    )


@router.get("/new")
def new_form(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    from_pause: str = "",
) -> Response:
    values: dict[str, str] = {}
    earlier = None
    episode_id = record_id_from(from_pause)
    pause_prefill = features.offer(PAUSE_PREFILL)
    if episode_id is not None and pause_prefill is not None:
        with state.session() as session:
            prefill = trigger_log.from_pause(session, owner, episode_id, pause_prefill)
            if prefill is not None:
                values = {
                    "trigger": prefill.trigger,
                    "usual_response": prefill.usual_response,
                    "episode_id": str(episode_id),
                }
                found = trigger_log.entry_for_episode(session, owner, episode_id)
                earlier = found.id if found is not None else None
    return _form_page(request, entry_id=None, values=values, errors={}, earlier_entry_id=earlier)


@router.post("/new")
def create(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    once: Once,
    trigger: Text = "",
    origin: Text = "",
    usual_response: Text = "",
    new_response: Text = "",
    episode_id: Text = "",
) -> Response:
    text = TriggerText(trigger, origin, usual_response, new_response)
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = trigger_log.add_entry(
                session,
                owner,
                text,
                now=state.now(),
                episode_id=record_id_from(episode_id),
                pause_prefill=features.offer(PAUSE_PREFILL),
            )
            sending.saved(
                f"/trigger-log/{done.id}", record=(TriggerLogEntry, done.id), listing="/trigger-log"
            )
    except InvalidInput as exc:
        values = {**_values(text), "episode_id": episode_id}
        return _form_page(request, entry_id=None, values=values, errors=exc.errors)
    return after_save(f"/trigger-log/{done.id}?saved=1", done.needs_help)


def _values(text: TriggerText) -> dict[str, str]:
    return dict(zip(trigger_log.FIELDS, text.texts(), strict=True))


def _get(state: Unlocked, owner: CurrentOwner, entry_id: int) -> trigger_log.TriggerLogEntry:
    with state.session() as session:
        return trigger_log.get_entry(session, owner, entry_id)


@router.get("/{entry_id}")
def read(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    entry_id: RecordId,
) -> Response:
    entry = _get(state, owner, entry_id)
    saved = request.query_params.get("saved") == "1"
    kit_href = features.offer(KIT_HREF) if saved else None
    return render(
        request,
        "trigger_log/entry.html",
        {
            "entry": entry,
            "saved": saved,
            # Right after saving, the secure-base kit (when there is one) is offered.
            "kit_href": kit_href() if kit_href is not None else None,
            # The pause it was made from opens only while there is a pause feature.
            "pause_link": features.offer(PAUSE_PREFILL) is not None,
            **help_card_for(
                state, entry.trigger, entry.origin, entry.usual_response, entry.new_response
            ),
        },
    )


@router.get("/{entry_id}/edit")
def edit_form(
    request: Request, state: Unlocked, owner: CurrentOwner, entry_id: RecordId
) -> Response:
    entry = _get(state, owner, entry_id)
    text = TriggerText(entry.trigger, entry.origin, entry.usual_response, entry.new_response)
    return _form_page(request, entry_id=entry_id, values=_values(text), errors={})


@router.post("/{entry_id}/edit")
def update(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    entry_id: RecordId,
    trigger: Text = "",
    origin: Text = "",
    usual_response: Text = "",
    new_response: Text = "",
) -> Response:
    text = TriggerText(trigger, origin, usual_response, new_response)
    try:
        with state.session() as session:
            done = trigger_log.update_entry(session, owner, entry_id, text)
    except InvalidInput as exc:
        return _form_page(request, entry_id=entry_id, values=_values(text), errors=exc.errors)
    return after_save(f"/trigger-log/{entry_id}?saved=1", done.needs_help)


@router.get("/{entry_id}/delete")
def confirm_delete(
    request: Request, state: Unlocked, owner: CurrentOwner, entry_id: RecordId
) -> Response:
    entry = _get(state, owner, entry_id)
    return render(request, "trigger_log/delete.html", {"entry": entry})


@router.post("/{entry_id}/delete")
def delete(state: Unlocked, owner: CurrentOwner, entry_id: RecordId) -> Response:
    with state.session() as session:
        trigger_log.delete_entry(session, owner, entry_id)
    return RedirectResponse("/trigger-log?deleted=1", status_code=303)
