"""Reassurance and checking tracker: one-tap urges and acts, today, the week, a gentle goal."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.content.checking_behaviours import NAME_MAX
from anchored.core.errors import InvalidInput, NotFound
from anchored.core.owner import Owner
from anchored.domain import checking as rules
from anchored.domain.checking import Kind
from anchored.services import checking
from anchored.web.deps import CurrentOwner, RecordId, Unlocked, record_id_from
from anchored.web.templating import render

router = APIRouter(prefix="/checking")
Back = Literal["home", "tracker"]
EARLIEST_WEEK = date(1900, 1, 1)


def _back(back: str) -> Back:
    return "tracker" if back == "tracker" else "home"


def _back_url(back: Back, query: str) -> str:
    if back == "tracker":
        return f"/checking?{query}#today"
    return f"/?{query}#checking-taps"


def taps_context(
    session: Session,
    owner: Owner,
    request: Request,
    now: datetime,
    *,
    back: Back,
    noted: int | None = None,
    undone: bool = False,
) -> dict[str, Any]:
    """What the tap panel needs (home and the tracker page share it)."""
    if noted is None:
        noted = record_id_from(request.query_params.get("noted"))
    noted_event = noted_name = None
    if noted is not None:
        try:
            noted_event = checking.get_event(session, owner, noted)
            noted_name = checking.get_behaviour(session, owner, noted_event.behaviour_id).name
        except NotFound:
            noted_event = None
    return {
        "tracker": checking.today(session, owner, now),
        "back": back,
        "noted": noted_event,
        "noted_name": noted_name,
        "undone": undone or request.query_params.get("undone") == "1",
    }


def home_panel(session: Session, owner: Owner, request: Request, now: datetime) -> dict[str, Any]:
    """Home: today's taps."""
    return taps_context(session, owner, request, now, back="home")


def _tracker_page(
    request: Request,
    state: Unlocked,
    owner: Owner,
    *,
    week_start: date | None = None,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> Response:
    now = state.now()
    with state.session() as session:
        context = taps_context(session, owner, request, now, back="tracker")
        shown = checking.week(session, owner, now, week_start)
        behaviours = [
            (b, checking.description(b)) for b in checking.list_behaviours(session, owner)
        ]
        suggestion = checking.suggested_goal(session, owner, now)
    goal = context["tracker"].goal
    values = values or {}
    if "max_acts" not in values:
        chosen = goal if goal is not None else (suggestion.value if suggestion else None)
        values["max_acts"] = "" if chosen is None else str(chosen)
    context.update(
        week=shown,
        chart=rules.week_chart(shown.days),
        behaviours=behaviours,
        suggestion=suggestion,
        values=values,
        errors=errors or {},
        goal_min=rules.GOAL_MIN,
        goal_max=rules.GOAL_MAX,
        name_max=NAME_MAX,
        own_max=checking.OWN_MAX,
    )
    return render(request, "checking/tracker.html", context, status_code=422 if errors else 200)


@router.get("")
def tracker(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    week: Annotated[date | None, Query()] = None,
) -> Response:
    if week is not None:
        week = max(week, EARLIEST_WEEK)
    return _tracker_page(request, state, owner, week_start=week)


# -- taps ------------------------------------------------------------------------------------


def _tap(
    request: Request, state: Unlocked, owner: Owner, behaviour_id: int, kind: Kind, back: str
) -> Response:
    where = _back(back)
    with state.session() as session:
        event_id = checking.record(session, owner, behaviour_id, kind, state.now()).id
    return _after_tap(request, state, owner, where, f"noted={event_id}", noted=event_id)


def _after_tap(
    request: Request,
    state: Unlocked,
    owner: Owner,
    where: Back,
    query: str,
    *,
    noted: int | None = None,
    undone: bool = False,
) -> Response:
    if request.headers.get("HX-Request") == "true" and where == "home":
        # htmx on home: only the counts and the status line change.
        with state.session() as session:
            context = taps_context(
                session, owner, request, state.now(), back=where, noted=noted, undone=undone
            )
        return render(request, "checking/_tap_update.html", context)
    return RedirectResponse(_back_url(where, query), status_code=303)


@router.post("/behaviours/{behaviour_id}/urge")
def felt_urge(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    behaviour_id: RecordId,
    back: Annotated[str, Form()] = "home",
) -> Response:
    return _tap(request, state, owner, behaviour_id, "urge", back)


@router.post("/behaviours/{behaviour_id}/act")
def did_it(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    behaviour_id: RecordId,
    back: Annotated[str, Form()] = "home",
) -> Response:
    return _tap(request, state, owner, behaviour_id, "act", back)


@router.post("/events/{event_id}/undo")
def undo(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    event_id: RecordId,
    back: Annotated[str, Form()] = "home",
) -> Response:
    with state.session() as session:
        checking.undo(session, owner, event_id)
    return _after_tap(request, state, owner, _back(back), "undone=1", undone=True)


# -- the goal --------------------------------------------------------------------------------


@router.post("/goal")
def set_goal(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    max_acts: Annotated[str, Form()] = "",
) -> Response:
    try:
        with state.session() as session:
            checking.set_goal(session, owner, checking.parse_goal(max_acts), state.now())
    except InvalidInput as exc:
        return _tracker_page(
            request, state, owner, values={"max_acts": max_acts}, errors=exc.errors
        )
    return RedirectResponse("/checking?goal=saved#goal", status_code=303)


@router.post("/goal/clear")
def clear_goal(state: Unlocked, owner: CurrentOwner) -> Response:
    with state.session() as session:
        checking.clear_goal(session, owner, state.now())
    return RedirectResponse("/checking?goal=cleared#goal", status_code=303)


# -- the person's own behaviours -------------------------------------------------------------


@router.post("/behaviours")
def add_behaviour(
    request: Request, state: Unlocked, owner: CurrentOwner, name: Annotated[str, Form()] = ""
) -> Response:
    try:
        with state.session() as session:
            checking.add_behaviour(session, owner, name)
    except InvalidInput as exc:
        return _tracker_page(request, state, owner, values={"name": name}, errors=exc.errors)
    return RedirectResponse("/checking?added=1#behaviours", status_code=303)


@router.get("/behaviours/{behaviour_id}/remove")
def confirm_remove(
    request: Request, state: Unlocked, owner: CurrentOwner, behaviour_id: RecordId
) -> Response:
    with state.session() as session:
        behaviour = checking.get_own_behaviour(session, owner, behaviour_id)
        taps = checking.count_taps(session, owner, behaviour_id)
    return render(request, "checking/remove.html", {"behaviour": behaviour, "taps": taps})


@router.post("/behaviours/{behaviour_id}/remove")
def remove(state: Unlocked, owner: CurrentOwner, behaviour_id: RecordId) -> Response:
    with state.session() as session:
        checking.remove_behaviour(session, owner, behaviour_id)
    return RedirectResponse("/checking?removed=1#behaviours", status_code=303)
