"""Reassurance tracker pages: one-tap urges and acts, today, the week, a gentle goal, the
person's own behaviours. The tracker used to live at ``/checking``; old addresses redirect."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Form, Query
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.owner import Owner
from anchored.features.reassurance import rules
from anchored.features.reassurance import service as reassurance
from anchored.features.reassurance.behaviours import NAME_MAX
from anchored.features.reassurance.rules import Kind
from anchored.web.deps import (
    CurrentOwner,
    Once,
    RecordId,
    Unlocked,
    after_save,
    record_id_from,
)
from anchored.web.templating import render

PREFIX = "/reassurance"
OLD_PREFIX = "/checking"  # the tracker's address before it had one name everywhere
pages = APIRouter(prefix=PREFIX)
Back = Literal["home", "tracker"]
EARLIEST_WEEK = date(1900, 1, 1)


def _back(back: str) -> Back:
    return "tracker" if back == "tracker" else "home"


def _back_url(back: Back, query: str) -> str:
    if back == "tracker":
        return f"{PREFIX}?{query}#today"
    return f"/?{query}#reassurance-taps"


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
            noted_event = reassurance.get_event(session, owner, noted)
            noted_name = reassurance.get_behaviour(session, owner, noted_event.behaviour_id).name
        except NotFound:
            noted_event = None
    return {
        "tracker": reassurance.today(session, owner, now=now),
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
        shown = reassurance.week(session, owner, week_start, now=now)
        behaviours = [
            (b, reassurance.description(b)) for b in reassurance.list_behaviours(session, owner)
        ]
        suggestion = reassurance.suggested_goal(session, owner, now=now)
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
        own_max=reassurance.OWN_MAX,
    )
    return render(request, "reassurance/tracker.html", context, status_code=422 if errors else 200)


@pages.get("")
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
        event_id = reassurance.record(session, owner, behaviour_id, kind, now=state.now()).id
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
        return render(request, "reassurance/_tap_update.html", context)
    return RedirectResponse(_back_url(where, query), status_code=303)


@pages.post("/behaviours/{behaviour_id}/urge")
def felt_urge(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    behaviour_id: RecordId,
    back: Annotated[str, Form()] = "home",
) -> Response:
    return _tap(request, state, owner, behaviour_id, "urge", back)


@pages.post("/behaviours/{behaviour_id}/act")
def did_it(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    behaviour_id: RecordId,
    back: Annotated[str, Form()] = "home",
) -> Response:
    return _tap(request, state, owner, behaviour_id, "act", back)


@pages.post("/events/{event_id}/undo")
def undo(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    event_id: RecordId,
    back: Annotated[str, Form()] = "home",
) -> Response:
    with state.session() as session:
        reassurance.undo(session, owner, event_id)
    return _after_tap(request, state, owner, _back(back), "undone=1", undone=True)


# -- the goal --------------------------------------------------------------------------------


@pages.post("/goal")
def set_goal(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    max_acts: Annotated[str, Form()] = "",
) -> Response:
    try:
        with state.session() as session:
            reassurance.set_goal(session, owner, reassurance.parse_goal(max_acts), now=state.now())
    except InvalidInput as exc:
        return _tracker_page(
            request, state, owner, values={"max_acts": max_acts}, errors=exc.errors
        )
    return RedirectResponse(f"{PREFIX}?goal=saved#goal", status_code=303)


@pages.post("/goal/clear")
def clear_goal(state: Unlocked, owner: CurrentOwner) -> Response:
    with state.session() as session:
        reassurance.clear_goal(session, owner, now=state.now())
    return RedirectResponse(f"{PREFIX}?goal=cleared#goal", status_code=303)


# -- the person's own behaviours -------------------------------------------------------------


@pages.post("/behaviours")
def add_behaviour(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    once: Once,
    name: Annotated[str, Form()] = "",
) -> Response:
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = reassurance.add_behaviour(session, owner, name)
            sending.saved(f"{PREFIX}#behaviours")
    except InvalidInput as exc:
        return _tracker_page(request, state, owner, values={"name": name}, errors=exc.errors)
    return after_save(f"{PREFIX}?added=1#behaviours", done.needs_help)


@pages.get("/behaviours/{behaviour_id}/remove")
def confirm_remove(
    request: Request, state: Unlocked, owner: CurrentOwner, behaviour_id: RecordId
) -> Response:
    with state.session() as session:
        behaviour = reassurance.get_own_behaviour(session, owner, behaviour_id)
        taps = reassurance.count_taps(session, owner, behaviour_id)
    return render(request, "reassurance/remove.html", {"behaviour": behaviour, "taps": taps})


@pages.post("/behaviours/{behaviour_id}/remove")
def remove(state: Unlocked, owner: CurrentOwner, behaviour_id: RecordId) -> Response:
    with state.session() as session:
        reassurance.remove_behaviour(session, owner, behaviour_id)
    return RedirectResponse(f"{PREFIX}?removed=1#behaviours", status_code=303)


# -- old addresses ---------------------------------------------------------------------------

moved = APIRouter(prefix=OLD_PREFIX)


@moved.get("")
@moved.get("/{rest:path}")
def old_address(request: Request, rest: str = "") -> Response:
    """A bookmark from when the tracker lived at /checking: the same page under its name."""
    url = PREFIX + (f"/{quote(rest)}" if rest else "")
    if request.url.query:
        url += f"?{request.url.query}"
    return RedirectResponse(url, status_code=301)


# What the manifest mounts: the pages, and the old addresses that lead to them.
router = APIRouter()
router.include_router(pages)
router.include_router(moved)
