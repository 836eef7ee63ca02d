"""Sharing's pages (hosted mode only).

The person: ``/sharing`` (what they share, with whom, a form to share), a grant's page
(records picked one by one, stop sharing), ``/sharing/log`` (who looked at what, when).
The therapist: ``/sharing/clients`` and each client's granted categories, read only, and a
short note for the client's home. Every therapist page checks the grant on that request.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.owner import Owner
from anchored.core.weeks import local_date
from anchored.features.sharing import rules
from anchored.features.sharing import service as sharing
from anchored.web.deps import (
    AccountRole,
    CurrentOwner,
    Features,
    RecordId,
    Unlocked,
    after_save,
)
from anchored.web.templating import render

router = APIRouter(prefix="/sharing")
THERAPIST = "therapist"  # core.accounts.THERAPIST
CATEGORY = r"^[a-z_]{1,40}$"


def _therapist(role: AccountRole) -> None:
    """Therapist pages: anyone else gets the same 404 as for a page that does not exist."""
    if role != THERAPIST:
        raise NotFound


AsTherapist = Depends(_therapist)


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


# -- the person --------------------------------------------------------------------------------


def _index(
    request: Request,
    state: Unlocked,
    owner: Owner,
    features: Features,
    *,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    now = state.now()
    with state.session() as session:
        grants = sharing.list_grants(session, owner, features, now=now)
        therapists = [t for t in sharing.therapists(session) if t.id != owner.id]
    today = local_date(now)
    chosen = values or {
        "therapist": "",
        "categories": [],
        "since": rules.since_default(today).isoformat(),
        "months": str(rules.DEFAULT_MONTHS),
    }
    context = {
        "active": [g for g in grants if g.active],
        "ended": [g for g in grants if not g.active],
        "therapists": therapists,
        "categories": features.sharing,
        "durations": rules.DURATIONS,
        "values": chosen,
        "errors": errors or {},
        "shared": request.query_params.get("shared") == "1",
        "stopped": request.query_params.get("stopped") == "1",
    }
    return render(request, "sharing/index.html", context, status_code=status_code)


@router.get("")
def index(request: Request, state: Unlocked, owner: CurrentOwner, features: Features) -> Response:
    return _index(request, state, owner, features)


@router.post("")
def share(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    therapist: Annotated[str, Form(max_length=20)] = "",
    categories: Annotated[list[str] | None, Form(max_length=40)] = None,
    since: Annotated[str, Form(max_length=20)] = "",
    months: Annotated[str, Form(max_length=4)] = str(rules.DEFAULT_MONTHS),
) -> Response:
    chosen = categories or []
    values = {"therapist": therapist, "categories": chosen, "since": since, "months": months}
    try:
        with state.session() as session:
            grant_id = sharing.share(
                session,
                owner,
                features,
                therapist_id=int(therapist) if therapist.isdigit() else None,
                categories=chosen,
                since=_day(since),
                months=int(months) if months.isdigit() else 0,
                now=state.now(),
            )
            grant = sharing.get_grant(session, owner, grant_id, features, now=state.now())
    except InvalidInput as exc:
        return _index(
            request, state, owner, features, values=values, errors=exc.errors, status_code=422
        )
    if any(c.pick for c in grant.categories):
        return RedirectResponse(f"/sharing/{grant_id}?shared=1", status_code=303)
    return RedirectResponse("/sharing?shared=1", status_code=303)


@router.get("/log")
def log(request: Request, state: Unlocked, owner: CurrentOwner, features: Features) -> Response:
    with state.session() as session:
        looks = sharing.looks(session, owner, features)
    return render(request, "sharing/log.html", {"looks": looks})


def notes_panel(session: Session, owner: Owner, request: Request, now: datetime) -> dict[str, Any]:
    """Home: notes a therapist left for the person; for a therapist, who shares with them."""
    if _role_of(request) == THERAPIST:
        return {"sharing_clients": sharing.clients(session, owner, _registry(request), now=now)}
    return {"therapist_notes": sharing.notes(session, owner)}


def _role_of(request: Request) -> str:
    return str(getattr(request.scope.get("anchored.signed_in"), "role", "") or "")


def _registry(request: Request) -> Any:
    return request.scope["app"].state.registry


# -- the therapist -----------------------------------------------------------------------------


@router.get("/clients", dependencies=[AsTherapist])
def clients(request: Request, state: Unlocked, owner: CurrentOwner, features: Features) -> Response:
    with state.session() as session:
        found = sharing.clients(session, owner, features, now=state.now())
    return render(request, "sharing/clients.html", {"clients": found})


def _client_page(
    request: Request,
    state: Unlocked,
    owner: Owner,
    features: Features,
    client_id: int,
    *,
    note: str = "",
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    with state.session() as session:
        found = sharing.client(session, owner, client_id, features, now=state.now())
        left = sharing.notes_left(session, owner, client_id)
    context = {
        "client": found,
        "notes": left,
        "note": note,
        "errors": errors or {},
        "note_limit": rules.NOTE_LIMIT,
        "note_left": request.query_params.get("noted") == "1",
    }
    return render(request, "sharing/client.html", context, status_code=status_code)


@router.get("/clients/{client_id}", dependencies=[AsTherapist])
def client(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features, client_id: RecordId
) -> Response:
    return _client_page(request, state, owner, features, client_id)


@router.post("/clients/{client_id}/note", dependencies=[AsTherapist])
def leave_note(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    client_id: RecordId,
    body: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    try:
        with state.session() as session:
            done = sharing.leave_note(session, owner, client_id, body, features, now=state.now())
    except InvalidInput as exc:
        return _client_page(
            request,
            state,
            owner,
            features,
            client_id,
            note=body,
            errors=exc.errors,
            status_code=422,
        )
    return after_save(f"/sharing/clients/{client_id}?noted=1", done.needs_help)


@router.get("/clients/{client_id}/{category}", dependencies=[AsTherapist])
def category(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    client_id: RecordId,
    category: str,
) -> Response:
    with state.session() as session:
        found, shared, part = sharing.open_category(
            session, owner, client_id, category, features, now=state.now()
        )
    context = {"client": found, "category": shared, "part": part}
    return render(request, "sharing/category.html", context)


# -- a grant (after the fixed paths above: its id is the first part) ------------------------


@router.get("/{grant_id}")
def grant_page(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features, grant_id: RecordId
) -> Response:
    now = state.now()
    with state.session() as session:
        grant = sharing.get_grant(session, owner, grant_id, features, now=now)
        choices = sharing.pickable(session, owner, grant, now=now) if grant.active else []
    context = {
        "grant": grant,
        "choices": choices,
        "shared": request.query_params.get("shared") == "1",
        "picked_saved": request.query_params.get("picked") == "1",
    }
    return render(request, "sharing/grant.html", context)


@router.post("/{grant_id}/records")
async def pick_records(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features, grant_id: RecordId
) -> Response:
    form = await request.form()
    picked: dict[str, list[int]] = {}
    for key, value in form.multi_items():
        if key.startswith("pick-") and isinstance(value, str) and value.isdigit():
            picked.setdefault(key.removeprefix("pick-"), []).append(int(value))
    with state.session() as session:
        sharing.set_picked(session, owner, grant_id, features, picked, now=state.now())
    return RedirectResponse(f"/sharing/{grant_id}?picked=1", status_code=303)


@router.get("/{grant_id}/stop")
def stop_page(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features, grant_id: RecordId
) -> Response:
    with state.session() as session:
        grant = sharing.get_grant(session, owner, grant_id, features, now=state.now())
    return render(request, "sharing/stop.html", {"grant": grant})


@router.post("/{grant_id}/stop")
def stop(state: Unlocked, owner: CurrentOwner, grant_id: RecordId) -> Response:
    with state.session() as session:
        sharing.revoke(session, owner, grant_id, now=state.now())
    return RedirectResponse("/sharing?stopped=1", status_code=303)


@router.post("/notes/{note_id}/dismiss")
def dismiss_note(state: Unlocked, owner: CurrentOwner, note_id: RecordId) -> Response:
    with state.session() as session:
        sharing.dismiss_note(session, owner, note_id, now=state.now())
    return RedirectResponse("/", status_code=303)
