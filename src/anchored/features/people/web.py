"""Support people pages: the list (with reorder), add, read, edit, delete (with confirmation),
and the reach-out helper that puts a short message together to copy."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import InvalidInput
from anchored.features.people import rules
from anchored.features.people import service as people
from anchored.features.people.choices import load_people_content
from anchored.features.people.models import SupportPerson
from anchored.features.people.service import Details
from anchored.services.country import help_lines
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

router = APIRouter(prefix="/people")
Text = Annotated[str, Form()]
Codes = Annotated[list[str] | None, Form()]
DIRECTIONS: dict[str, rules.Direction] = {"up": "up", "down": "down"}


def _values(details: Details) -> dict[str, Any]:
    return {
        "name": details.name,
        "kind": details.kind,
        "phone": details.phone,
        "email": details.email,
        "good_for": list(details.good_for),
        "note": details.note,
    }


def _form_page(
    request: Request, *, person_id: int | None, values: dict[str, Any], errors: dict[str, str]
) -> Response:
    return render(
        request,
        "people/form.html",
        {
            "person_id": person_id,
            "values": values,
            "errors": errors,
            "content": load_people_content(),
            "limits": {"name": rules.NAME_MAX, "note": rules.NOTE_MAX},
        },
        status_code=422 if errors else 200,
    )


def _shown(person: SupportPerson) -> dict[str, Any]:
    return {
        "person": person,
        "links": people.links(person),
        "good_for": people.good_for_labels(person),
    }


@router.get("")
def list_page(request: Request, state: Unlocked, owner: CurrentOwner) -> Response:
    with state.session() as session:
        shown = [_shown(p) for p in people.list_people(session, owner)]
    return render(
        request,
        "people/list.html",
        {"people": shown, "deleted": request.query_params.get("deleted") == "1"},
    )


@router.get("/new")
def new_form(request: Request, _state: Unlocked, kind: str = "") -> Response:
    values = {"kind": kind if kind in rules.KINDS else "person", "good_for": []}
    return _form_page(request, person_id=None, values=values, errors={})


def _details(
    name: str, kind: str, phone: str, email: str, good_for: list[str] | None, note: str
) -> Details:
    return Details(name, kind, phone, email, tuple(good_for or ()), note)


@router.post("/new")
def create(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    once: Once,
    name: Text = "",
    kind: Text = "person",
    phone: Text = "",
    email: Text = "",
    good_for: Codes = None,
    note: Text = "",
) -> Response:
    details = _details(name, kind, phone, email, good_for, note)
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = people.add_person(session, owner, details, now=state.now())
            sending.saved(f"/people/{done.id}", record=(SupportPerson, done.id), listing="/people")
    except InvalidInput as exc:
        return _form_page(request, person_id=None, values=_values(details), errors=exc.errors)
    return after_save(f"/people/{done.id}?saved=1", done.needs_help)


# -- the reach-out helper (before /{person_id}, which takes only numbers) ----------------------


def _reach_out_page(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    *,
    values: dict[str, str],
    errors: dict[str, str] | None = None,
    draft: people.Draft | None = None,
) -> Response:
    with state.session() as session:
        everyone = people.choices(session, owner)
    context: dict[str, Any] = {
        "everyone": everyone,
        "values": values,
        "errors": errors or {},
        "content": load_people_content(),
        "share_max": rules.SHARE_MAX,
        "draft": draft,
        "draft_links": people.links(draft.person) if draft and draft.person else (),
    }
    if draft is not None and draft.needs_help:
        context["support_card"] = help_lines(state.settings)
    return render(request, "people/reach_out.html", context, status_code=422 if errors else 200)


@router.get("/reach-out")
def reach_out_form(
    request: Request, state: Unlocked, owner: CurrentOwner, to: str = ""
) -> Response:
    chosen = record_id_from(to)
    return _reach_out_page(
        request, state, owner, values={"to": str(chosen) if chosen else "", "ask": ""}
    )


@router.post("/reach-out")
def reach_out(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    to: Text = "",
    share: Text = "",
    ask: Text = "",
) -> Response:
    values = {"to": to, "share": share, "ask": ask}
    try:
        with state.session() as session:
            draft = people.draft_message(
                session, owner, person_id=record_id_from(to), share=share, ask=ask
            )
    except InvalidInput as exc:
        return _reach_out_page(request, state, owner, values=values, errors=exc.errors)
    return _reach_out_page(request, state, owner, values=values, draft=draft)


# -- one person ---------------------------------------------------------------------------------


def _get(state: Unlocked, owner: CurrentOwner, person_id: int) -> SupportPerson:
    with state.session() as session:
        return people.get_person(session, owner, person_id)


@router.get("/{person_id}")
def read(request: Request, state: Unlocked, owner: CurrentOwner, person_id: RecordId) -> Response:
    person = _get(state, owner, person_id)
    return render(
        request,
        "people/person.html",
        {
            **_shown(person),
            "saved": request.query_params.get("saved") == "1",
            **help_card_for(state, person.name, person.note),
        },
    )


@router.get("/{person_id}/edit")
def edit_form(
    request: Request, state: Unlocked, owner: CurrentOwner, person_id: RecordId
) -> Response:
    person = _get(state, owner, person_id)
    values = _values(
        Details(
            person.name,
            person.kind,
            person.phone,
            person.email,
            tuple(person.good_for.split(",")),
            person.note,
        )
    )
    return _form_page(request, person_id=person_id, values=values, errors={})


@router.post("/{person_id}/edit")
def update(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    person_id: RecordId,
    name: Text = "",
    kind: Text = "person",
    phone: Text = "",
    email: Text = "",
    good_for: Codes = None,
    note: Text = "",
) -> Response:
    details = _details(name, kind, phone, email, good_for, note)
    try:
        with state.session() as session:
            done = people.update_person(session, owner, person_id, details, now=state.now())
    except InvalidInput as exc:
        return _form_page(request, person_id=person_id, values=_values(details), errors=exc.errors)
    return after_save(f"/people/{person_id}?saved=1", done.needs_help)


@router.get("/{person_id}/delete")
def confirm_delete(
    request: Request, state: Unlocked, owner: CurrentOwner, person_id: RecordId
) -> Response:
    return render(request, "people/delete.html", {"person": _get(state, owner, person_id)})


@router.post("/{person_id}/delete")
def delete(state: Unlocked, owner: CurrentOwner, person_id: RecordId) -> Response:
    with state.session() as session:
        people.delete_person(session, owner, person_id)
    return RedirectResponse("/people?deleted=1", status_code=303)


@router.post("/{person_id}/move")
def move(
    state: Unlocked, owner: CurrentOwner, person_id: RecordId, direction: Text = ""
) -> Response:
    with state.session() as session:
        chosen = DIRECTIONS.get(direction)
        if chosen is not None:
            people.move_person(session, owner, person_id, chosen)
        else:
            people.get_person(session, owner, person_id)  # someone else's: 404 all the same
    return RedirectResponse(f"/people#person-{person_id}", status_code=303)
