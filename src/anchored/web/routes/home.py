"""Home: a calm start page built from the features' home panels and quick actions."""

from __future__ import annotations

import logging

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from anchored.manifest import resolve
from anchored.services.vault import damaged_database
from anchored.web.deps import CurrentOwner, Features, Unlocked
from anchored.web.templating import render, render_fragment

log = logging.getLogger("anchored.web")
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
    if state.hosted:
        # PostgreSQL: no part of the database can be damaged on its own, so every panel reads
        # in one transaction (an error still fails the page, as it would panel by panel).
        with state.session() as session:
            for panel in features.home_panels:
                context = resolve(panel.context)(session, owner, request, now)
                sections.append((panel.order, render_fragment(request, panel.template, context)))
    else:
        # One session for the panels, but a damaged part of the vault costs its own panel,
        # not home: the session it failed in is dropped and the panels after it get a new one.
        waiting = list(features.home_panels)
        while waiting:
            try:
                with state.session() as session:
                    while waiting:
                        panel = waiting[0]
                        context = resolve(panel.context)(session, owner, request, now)
                        html = render_fragment(request, panel.template, context)
                        sections.append((waiting.pop(0).order, html))
            except Exception as exc:
                if damaged_database(exc) is None:
                    raise
                log.error(
                    "Error %s on the home page (the database file looks damaged)",
                    type(exc).__name__,
                )
                if waiting:  # (else it was the end of the session, after every panel)
                    order = waiting.pop(0).order
                    html = render_fragment(request, "home/_unreadable.html", {"order": order})
                    sections.append((order, html))
    sections.sort(key=lambda section: section[0])
    return render(
        request,
        "home/home.html",
        {
            "sections": [html for _order, html in sections],
            "welcome": request.query_params.get("welcome") == "1",
        },
    )
