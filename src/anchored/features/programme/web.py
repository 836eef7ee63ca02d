"""The programme: all 13 steps with the person's own status, and one page per step."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Path
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.content.programme import load_programme
from anchored.core.errors import InvalidInput
from anchored.core.owner import Owner
from anchored.features.programme import service as programme
from anchored.features.programme.rules import STATUS_LABELS, STATUSES
from anchored.web.deps import CurrentOwner, Features, Unlocked
from anchored.web.templating import render

router = APIRouter(prefix="/programme")
StepNumber = Annotated[int, Path(ge=1, le=13)]
STATUS_FIELD = re.compile(r"status-([1-9][0-9]?)")  # the overview's field for each step


def today_panel(
    session: Session, owner: Owner, _request: Request, _now: datetime
) -> dict[str, Any]:
    """Home: the step the person pinned, else the first not yet "feels solid"."""
    todays = programme.todays_step(session, owner)
    return {"todays_step": load_programme().step(todays) if todays else None}


# The Tools page group whose tools the overview points to (self-checks, progress, ...).
PROGRESS_GROUP = "See your progress"


@router.get("")
def overview(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features
) -> Response:
    with state.session() as session:
        statuses = programme.statuses(session, owner)
        pinned = programme.pinned_step(session, owner)
    found = load_programme()
    return render(
        request,
        "programme/overview.html",
        {
            "steps": found.steps,
            "statuses": statuses,
            "counts": Counter(statuses.values()),
            "pinned": pinned,
            "pinned_step": found.step(pinned) if pinned else None,
            "labels": STATUS_LABELS,
            "saved": request.query_params.get("saved") == "1",
            "progress_tools": next(
                (found for group, found in features.shelf if group == PROGRESS_GROUP), ()
            ),
        },
    )


@router.post("")
async def save_statuses(request: Request, state: Unlocked, owner: CurrentOwner) -> Response:
    """The overview's one form: every step's status, saved together (or none of them)."""
    form = await request.form()
    chosen: dict[int, str] = {}
    for name, value in form.multi_items():
        if not name.startswith("status-"):
            continue
        match = STATUS_FIELD.fullmatch(name)
        if match is None or not isinstance(value, str):
            raise HTTPException(status_code=400)
        chosen[int(match.group(1))] = value
    try:
        with state.session() as session:
            programme.set_statuses(session, owner, chosen, now=state.now())
    except InvalidInput:
        raise HTTPException(status_code=400) from None
    return RedirectResponse("/programme?saved=1", status_code=303)


@router.get("/{number}")
def step_page(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features, number: StepNumber
) -> Response:
    step = load_programme().step(number)
    if step is None:
        raise HTTPException(status_code=404)
    with state.session() as session:
        status = programme.statuses(session, owner)[number]
        pinned = programme.pinned_step(session, owner) == number
        items = [
            item
            for _feature, found in features.hooks("step_items")
            for item in found(session, owner, number)
        ]
    items.sort(key=lambda item: item.created_at, reverse=True)
    exercises = [
        (exercise, tool.href(number, exercise.slug) if tool else None)
        for exercise in step.exercises
        for tool in (features.tools.get(exercise.tool),)
    ]
    return render(
        request,
        "programme/step.html",
        {
            "step": step,
            "status": status,
            "pinned": pinned,
            "items": items,
            "exercises": exercises,
            # A feature's own link is left out where an exercise already opens the same page.
            "step_links": [
                (label, href)
                for label, href in features.step_links(number)
                if href not in {opens for _exercise, opens in exercises}
            ],
            "statuses": STATUSES,
            "labels": STATUS_LABELS,
        },
    )


@router.post("/{number}/status")
def set_status(
    state: Unlocked,
    owner: CurrentOwner,
    number: StepNumber,
    status: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "",
) -> Response:
    try:
        with state.session() as session:
            programme.set_status(session, owner, number, status, now=state.now())
    except InvalidInput:
        raise HTTPException(status_code=400) from None
    target = "/programme" if back == "overview" else f"/programme/{number}"
    return RedirectResponse(f"{target}#step-{number}", status_code=303)


@router.post("/{number}/pin")
def pin(
    state: Unlocked, owner: CurrentOwner, number: StepNumber, unpin: Annotated[str, Form()] = ""
) -> Response:
    with state.session() as session:
        programme.set_pinned(session, owner, None if unpin else number, now=state.now())
    return RedirectResponse(f"/programme/{number}", status_code=303)
