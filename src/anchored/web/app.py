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

from anchored.core.errors import AlreadySaved, DatabaseDamaged, NotFound, VaultDamaged
from anchored.features import FEATURES
from anchored.manifest import Feature, Registry, RegistryError
from anchored.settings import Settings
from anchored.web.deps import LockedWhileWriting, after_save, with_query
from anchored.web.routes import SHELL_ROUTERS
from anchored.web.routes.unlock import damaged_page
from anchored.web.routing import gate_by_first_segment
from anchored.web.security import SecurityMiddleware
from anchored.web.state import AppState
from anchored.web.templating import STATIC_DIR, build_templates, render

log = logging.getLogger("anchored.web")


def create_app(
    settings: Settings,
    port: int,
    state: AppState | None = None,
    features: tuple[Feature, ...] = FEATURES,
) -> FastAPI:
    """The whole web app: the shell (launch, onboarding, unlock, home, about) and every
    feature in ``features``, with its routes, pages, static files and navigation."""
    registry = Registry(features)
    if problems := registry.problems():
        raise RegistryError("; ".join(problems))
    registry.load_models()
    if state is None and settings.hosted:
        from anchored.web.hosted import hosted_state  # brings psycopg: hosted mode only

        state = hosted_state(settings, port)
    state = state or AppState(settings=settings, port=port)
    # Personal mode has no accounts: the hosted-only features (sharing) are left out.
    registry = registry.in_mode(hosted=state.hosted)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if state.hosted:  # sessions end on their own; nothing to lock
            yield
            return
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
        # No telemetry: FastAPI traces, measures and logs requests through OpenTelemetry when
        # a provider is set up anywhere in the process, and sends them out when the
        # environment asks (FASTAPI_OTEL_AUTO_CONFIGURE). Nothing about a person's use of
        # Anchored leaves it, whatever the environment says.
        telemetry={
            "tracing": False,
            "metrics": False,
            "logs": False,
            "operation_spans": False,
            "auto_configure": False,
        },
    )
    app.state.anchored = state
    app.state.registry = registry
    app.state.templates = build_templates(registry, hosted=state.hosted)
    for feature in registry.features:
        # Before the shared /static mount, which would otherwise answer for these paths.
        if (folder := feature.folder("static")) is not None:
            app.mount(f"/static/{feature.name}", StaticFiles(directory=folder))
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    routers = [*SHELL_ROUTERS, *registry.routers()]
    if state.hosted:
        from anchored.web.routes.accounts import router as accounts_router

        routers.append(accounts_router)
    for router in routers:
        app.include_router(router)
    # Each request tries only the routes under its own first segment (web/routing.py).
    gate_by_first_segment(app.router.routes)

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

    @app.exception_handler(VaultDamaged)
    async def _damaged(request: Request, exc: VaultDamaged) -> Response:
        if isinstance(exc, DatabaseDamaged) and state.is_unlocked:
            # A page failed its check while the vault is open: the security middleware shows
            # the calm page and hands back whatever was being saved (web/unsaved.py).
            raise exc
        # The vault's files cannot be opened at all: what happened and how to restore.
        return damaged_page(request, state, exc)

    @app.exception_handler(AlreadySaved)
    async def _already_saved(_request: Request, exc: AlreadySaved) -> Response:
        # The same form sent again: show what it saved, with a calm notice, not a copy.
        return after_save(with_query(exc.url, "already=1"), exc.needs_help)

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
        errors = exc.errors()
        if (
            request.method == "GET"
            and errors
            and all(e.get("loc", ("",))[0] == "query" for e in errors)
        ):
            # A mistyped or old link (`?week=abc`): name the part, offer the page without it.
            fields = sorted({str(e["loc"][-1]) for e in errors})
            context = {"status": 400, "fields": fields, "plain": request.url.path}
            return render(request, "errors/generic.html", context, status_code=400)
        return render(request, "errors/generic.html", {"status": 400}, status_code=400)

    if state.hosted:
        from anchored.web.hosted import HostedSecurityMiddleware

        app.add_middleware(
            HostedSecurityMiddleware, state=state, public_paths=registry.public_paths
        )
    else:
        app.add_middleware(SecurityMiddleware, state=state, public_paths=registry.public_paths)
    return app


async def _lock_when_idle(state: AppState) -> None:
    """Lock after the idle limit even if no request ever comes."""
    while True:
        await asyncio.sleep(15)
        if state.lock_if_idle():
            log.info("Locked after %s idle minutes.", state.idle_lock_minutes)
