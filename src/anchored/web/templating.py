"""Jinja2 set-up and the one render function every route uses."""

from __future__ import annotations

from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from starlette.requests import Request
from starlette.responses import Response

TEMPLATE_DIR = Path(str(files("anchored.web") / "templates"))
STATIC_DIR = Path(str(files("anchored.web") / "static"))

templates = Jinja2Templates(directory=TEMPLATE_DIR)  # autoescapes .html


def localtime(value: datetime, fmt: str = "%a %-d %b %Y, %H:%M") -> str:
    """Shown in the person's own time zone: the server runs on their machine."""
    return value.astimezone().strftime(fmt)


def isotime(value: datetime) -> str:
    return value.astimezone().isoformat(timespec="minutes")


templates.env.filters["localtime"] = localtime
templates.env.filters["isotime"] = isotime


def _page_context(request: Request) -> dict[str, Any]:
    from anchored.services.country import help_lines
    from anchored.web.security import session_id_from

    state = getattr(getattr(request.scope.get("app"), "state", None), "anchored", None)
    if state is None:
        return {"has_session": False, "unlocked": False}
    has_session = state.has_session(session_id_from(request.scope))
    unlocked = has_session and state.is_unlocked
    support_card = None
    if unlocked and request.query_params.get("support") == "1":
        support_card = help_lines(state.settings)
    return {
        "support_card": support_card,
        "has_session": has_session,
        "unlocked": unlocked,
        # Until the recovery key is confirmed, the only way on is through that step.
        "show_nav": unlocked and state.pending_recovery_key is None,
        "current_path": request.url.path,
    }


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> Response:
    full = {**_page_context(request), **(context or {})}
    return templates.TemplateResponse(request, name, full, status_code=status_code)


def render_plain(request: Request, name: str, status_code: int) -> Response:
    """For pages the middleware returns before any route runs."""
    return render(request, name, status_code=status_code)
