"""The app factory: settings and state in, a FastAPI app out."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.services.errors import NotFound
from anchored.settings import Settings
from anchored.web.deps import LockedWhileWriting
from anchored.web.routes import ROUTERS
from anchored.web.security import SecurityMiddleware
from anchored.web.state import AppState
from anchored.web.templating import STATIC_DIR, render

log = logging.getLogger("anchored.web")


def create_app(settings: Settings, port: int, state: AppState | None = None) -> FastAPI:
    state = state or AppState(settings=settings, port=port)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        watcher = asyncio.create_task(_lock_when_idle(state))
        try:
            yield
        finally:
            watcher.cancel()
            state.lock()

    app = FastAPI(
        title="Anchored",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    app.state.anchored = state
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for router in ROUTERS:
        app.include_router(router)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        if 300 <= exc.status_code < 400 and exc.headers and "Location" in exc.headers:
            return RedirectResponse(exc.headers["Location"], status_code=exc.status_code)
        template = "errors/404.html" if exc.status_code == 404 else "errors/generic.html"
        return render(request, template, {"status": exc.status_code}, status_code=exc.status_code)

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, _exc: NotFound) -> Response:
        # A missing record (or someone else's) looks exactly like any other 404.
        return await _http_error(request, HTTPException(status_code=404))

    @app.exception_handler(LockedWhileWriting)
    async def _locked_while_writing(request: Request, exc: LockedWhileWriting) -> Response:
        return render(
            request, "unlock/unlock.html", {"resume": exc.resume, "locked_while_writing": True}
        )

    @app.exception_handler(RequestValidationError)
    async def _bad_request(request: Request, exc: RequestValidationError) -> Response:
        # FastAPI's default echoes the input back; ours never shows what was sent.
        if any(error.get("loc", ("",))[0] == "path" for error in exc.errors()):
            return render(request, "errors/404.html", status_code=404)  # no such record
        return render(request, "errors/generic.html", {"status": 400}, status_code=400)

    app.add_middleware(SecurityMiddleware, state=state)
    return app


async def _lock_when_idle(state: AppState) -> None:
    """Lock after the idle limit even if no request ever comes."""
    while True:
        await asyncio.sleep(15)
        if state.lock_if_idle():
            log.info("Locked after %s idle minutes.", state.settings.idle_lock_minutes)
