"""The partner guide: no personal data, so it is readable without a session or unlocking."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from anchored.features.partner_guide.guide import load_guide
from anchored.web.templating import render

router = APIRouter()


@router.get("/partner-guide")
def partner_guide(request: Request) -> Response:
    return render(request, "partner_guide/guide.html", {"guide": load_guide()})
