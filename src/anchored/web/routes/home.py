"""Home: a calm start page built from the features' home panels and quick actions."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from anchored.manifest import resolve
from anchored.web.deps import CurrentOwner, Features, Unlocked
from anchored.web.templating import render, render_fragment

router = APIRouter()
ACTIONS_ORDER = 50  # the quick actions sit between panels ordered below and above this


@router.get("/")
def home(request: Request, state: Unlocked, owner: CurrentOwner, features: Features) -> Response:
    now = state.now()
    sections = [
        (
            ACTIONS_ORDER,
            render_fragment(request, "home/_actions.html", {"actions": features.actions}),
        )
    ]
    with state.session() as session:
        for panel in features.home_panels:
            context = resolve(panel.context)(session, owner, request, now)
            sections.append((panel.order, render_fragment(request, panel.template, context)))
    sections.sort(key=lambda section: section[0])
    return render(
        request,
        "home/home.html",
        {
            "sections": [html for _order, html in sections],
            "welcome": request.query_params.get("welcome") == "1",
        },
    )
