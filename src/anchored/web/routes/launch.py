"""The one-time launch link: trade the token for a session cookie, then hide it."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.web.deps import State
from anchored.web.state import SESSION_COOKIE
from anchored.web.templating import render

router = APIRouter()


@router.get("/launch")
def launch(request: Request, state: State, token: str = "") -> Response:
    already_used = state.launch_token is None
    session_id = state.redeem_launch_token(token)
    if session_id is None:
        return render(
            request, "errors/no_session.html", {"used_link": already_used}, status_code=403
        )
    # Redirect so the token leaves the address bar and the history.
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(
        SESSION_COOKIE, session_id, httponly=True, samesite="lax", path="/", secure=False
    )
    return response
