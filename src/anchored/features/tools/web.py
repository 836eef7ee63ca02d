"""The Tools page: every feature's shelf entries, grouped."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from anchored.web.deps import Features, Unlocked
from anchored.web.templating import render

router = APIRouter()


@router.get("/tools")
def tools_page(request: Request, state: Unlocked, features: Features) -> Response:
    return render(request, "tools/page.html", {"groups": features.shelf})
