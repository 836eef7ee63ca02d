"""The Backups page: download a backup now, turn automatic backups on or off, how to restore."""

from __future__ import annotations

import contextlib
from typing import Annotated

from fastapi import APIRouter, Form
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from anchored.core.errors import AnchoredError, InvalidInput
from anchored.features.backup import rules, service
from anchored.web.deps import Unlocked
from anchored.web.templating import render

router = APIRouter(prefix="/settings/backup")


def _page(
    request: Request,
    state: Unlocked,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    problem: str = "",
    status_code: int = 200,
) -> Response:
    settings = service.auto_settings(state.settings.data_dir)
    found = service.auto_backups(settings.folder) if settings.folder else []
    shown = values or {
        "folder": str(settings.folder) if settings.folder else "",
        "keep": str(settings.keep),
    }
    return render(
        request,
        "backup/page.html",
        {
            "auto": settings,
            "backups": [(item, rules.size_text(item.size)) for item in found],
            "values": shown,
            "errors": errors or {},
            "problem": problem,
            "saved": request.query_params.get("saved", ""),
            "keep_min": rules.KEEP_MIN,
            "keep_max": rules.KEEP_MAX,
        },
        status_code=status_code,
    )


@router.get("")
def backup_page(request: Request, state: Unlocked) -> Response:
    return _page(request, state)


@router.post("/download")
def download(request: Request, state: Unlocked) -> Response:
    now = state.now()
    try:
        path = service.download_copy(state.opened, now=now)
    except AnchoredError as exc:
        return _page(request, state, problem=exc.message, status_code=409)
    return FileResponse(
        path,
        filename=service.download_name(now),
        media_type="application/octet-stream",
        background=BackgroundTask(service.remove_quietly, path),
    )


@router.post("/automatic")
def automatic(
    request: Request,
    state: Unlocked,
    folder: Annotated[str, Form()] = "",
    keep: Annotated[str, Form()] = "",
    turn: Annotated[str, Form()] = "on",
) -> Response:
    data_dir = state.settings.data_dir
    if turn == "off":
        service.turn_off_auto(data_dir)
        return RedirectResponse("/settings/backup?saved=off", status_code=303)
    try:
        service.save_auto_settings(data_dir, folder, keep)
    except InvalidInput as exc:
        values = {"folder": folder, "keep": keep}
        return _page(request, state, values=values, errors=exc.errors, status_code=422)
    now = state.now()
    if service.auto_due(data_dir, now=now):
        with contextlib.suppress(AnchoredError):  # said on the page (AutoSettings.problem)
            service.rolling_backup(state.opened, now=now)
    return RedirectResponse("/settings/backup?saved=on", status_code=303)
