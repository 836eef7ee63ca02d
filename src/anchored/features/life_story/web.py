"""Life-story pages: the timeline (titles only, so it is safe to open), add an event, read
one (its note opens only here), edit, delete (with confirmation), and the pacing: after
three events in a day, "that's enough for today", which the person may set aside.

"Stop and get support" leads to the secure-base kit when that feature offers its address
(``secure_base.href``), and Help now is always beside it.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import InvalidInput
from anchored.features.life_story import rules
from anchored.features.life_story import service as life_story
from anchored.features.life_story.models import LifeEvent
from anchored.features.life_story.service import EventText
from anchored.web.deps import (
    CurrentOwner,
    Features,
    Once,
    RecordId,
    Unlocked,
    after_save,
    help_card_for,
)
from anchored.web.templating import render

router = APIRouter(prefix="/life-story")
Text = Annotated[str, Form()]
SECURE_BASE = "secure_base.href"  # offered by the secure-base kit


def _support(features: Features) -> dict[str, Any]:
    href = features.offer(SECURE_BASE)
    return {"kit_href": href() if href is not None else None}


def _form_page(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    *,
    event_id: int | None,
    values: dict[str, str],
    errors: dict[str, str],
) -> Response:
    with state.session() as session:
        pace = life_story.pace(session, owner, now=state.now())
    return render(
        request,
        "life_story/form.html",
        {
            "event_id": event_id,
            "values": values,
            "errors": errors,
            # A new event waits behind "enough for today"; an edit, or a form to fix, does not.
            "pace": pace,
            "resting": pace.enough and event_id is None and not errors,
            "this_year": life_story.today(state.now()).year,
            "note_max": life_story.NOTE_MAX,
            **_support(features),
        },
        status_code=422 if errors else 200,
    )


def _values(text: EventText) -> dict[str, str]:
    return {"title": text.title, "age": text.age, "year": text.year, "note": text.note}


@router.get("")
def timeline_page(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features
) -> Response:
    with state.session() as session:
        events = life_story.timeline(session, owner)
        pace = life_story.pace(session, owner, now=state.now())
    return render(
        request,
        "life_story/timeline.html",
        {
            "events": [(event, rules.when_label(event.age, event.year)) for event in events],
            "pace": pace,
            **_support(features),
        },
    )


@router.get("/new")
def new_form(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features
) -> Response:
    return _form_page(request, state, owner, features, event_id=None, values={}, errors={})


@router.post("/new")
def create(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    once: Once,
    title: Text = "",
    age: Text = "",
    year: Text = "",
    note: Text = "",
) -> Response:
    text = EventText(title, age, year, note)
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = life_story.add_event(session, owner, text, now=state.now())
            sending.saved(
                f"/life-story/{done.id}", record=(LifeEvent, done.id), listing="/life-story"
            )
    except InvalidInput as exc:
        return _form_page(
            request, state, owner, features, event_id=None, values=_values(text), errors=exc.errors
        )
    return after_save(f"/life-story/{done.id}?saved=1", done.needs_help)


@router.post("/go-on")
def go_on(state: Unlocked, owner: CurrentOwner) -> Response:
    """Set "that's enough for today" aside for the rest of the day."""
    with state.session() as session:
        life_story.go_on_today(session, owner, now=state.now())
    return RedirectResponse("/life-story/new", status_code=303)


def _get(state: Unlocked, owner: CurrentOwner, event_id: int) -> LifeEvent:
    with state.session() as session:
        return life_story.get_event(session, owner, event_id)


@router.get("/{event_id}")
def read(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features, event_id: RecordId
) -> Response:
    with state.session() as session:
        event = life_story.get_event(session, owner, event_id)
        pace = life_story.pace(session, owner, now=state.now())
    return render(
        request,
        "life_story/event.html",
        {
            "event": event,
            "when": rules.when_label(event.age, event.year),
            "saved": request.query_params.get("saved") == "1",
            "pace": pace,
            **_support(features),
            **help_card_for(state, event.title, event.note),
        },
    )


@router.get("/{event_id}/edit")
def edit_form(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features, event_id: RecordId
) -> Response:
    event = _get(state, owner, event_id)
    text = EventText(
        event.title,
        "" if event.age is None else str(event.age),
        "" if event.year is None else str(event.year),
        event.note,
    )
    return _form_page(
        request, state, owner, features, event_id=event_id, values=_values(text), errors={}
    )


@router.post("/{event_id}/edit")
def update(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    event_id: RecordId,
    title: Text = "",
    age: Text = "",
    year: Text = "",
    note: Text = "",
) -> Response:
    text = EventText(title, age, year, note)
    try:
        with state.session() as session:
            done = life_story.update_event(session, owner, event_id, text, now=state.now())
    except InvalidInput as exc:
        return _form_page(
            request,
            state,
            owner,
            features,
            event_id=event_id,
            values=_values(text),
            errors=exc.errors,
        )
    return after_save(f"/life-story/{event_id}?saved=1", done.needs_help)


@router.get("/{event_id}/delete")
def confirm_delete(
    request: Request, state: Unlocked, owner: CurrentOwner, event_id: RecordId
) -> Response:
    event = _get(state, owner, event_id)
    return render(
        request,
        "life_story/delete.html",
        {"event": event, "when": rules.when_label(event.age, event.year)},
    )


@router.post("/{event_id}/delete")
def delete(state: Unlocked, owner: CurrentOwner, event_id: RecordId) -> Response:
    with state.session() as session:
        life_story.delete_event(session, owner, event_id)
    return RedirectResponse("/life-story?deleted=1", status_code=303)
