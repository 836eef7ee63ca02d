"""Home: a calm start page with the tools that exist and recent entries."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from anchored.content.programme import load_programme
from anchored.services import journal, programme
from anchored.web.deps import CurrentOwner, Unlocked
from anchored.web.routes.checking import taps_context
from anchored.web.templating import render

router = APIRouter()


@router.get("/")
def home(request: Request, state: Unlocked, owner: CurrentOwner) -> Response:
    with state.session() as session:
        recent = journal.list_entries(session, owner, limit=5)
        todays = programme.todays_step(session, owner)
        taps = taps_context(session, owner, request, state.now(), back="home")
    return render(
        request,
        "home/home.html",
        {
            "recent": recent,
            "welcome": request.query_params.get("welcome") == "1",
            "todays_step": load_programme().step(todays) if todays else None,
            **taps,
        },
    )
