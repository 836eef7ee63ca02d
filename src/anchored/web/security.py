"""Request checks for a server that only ever talks to the person's own browser.

One pure ASGI middleware, outermost, so nothing reaches a route without passing it:
- Host header must be 127.0.0.1:<port> or localhost:<port> (DNS rebinding) -> 400
- no session cookie -> only public pages (Help now, About, static, the launch link) -> 403
- unsafe methods from another origin (Sec-Fetch-Site / Origin) -> 403
- security headers on every response; no-store on every page
- any unexpected error -> a calm 500 page (a damaged database says so); the log gets the
  error type and nothing else. A form that was not saved comes back on that page
  (``web.unsaved``), so nothing the person wrote is lost.
"""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from anchored.core.errors import DatabaseDamaged
from anchored.services.vault import damaged_database
from anchored.web.state import AppState, session_id_from
from anchored.web.templating import render, render_plain
from anchored.web.unsaved import KeptBody, unsaved_form

log = logging.getLogger("anchored.web")

# The shell's public pages; features add theirs in their manifests (Help now, partner guide).
PUBLIC_PREFIXES = ("/static/",)
PUBLIC_PATHS = frozenset({"/launch", "/about", "/favicon.ico"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    ),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]


def is_public(path: str, extra: frozenset[str] = frozenset()) -> bool:
    """Pages that need no session: the shell's, and those features declare public."""
    return path in PUBLIC_PATHS or path in extra or path.startswith(PUBLIC_PREFIXES)


class SecurityMiddleware:
    def __init__(self, app: ASGIApp, state: AppState, public_paths: tuple[str, ...] = ()) -> None:
        self.app = app
        self.state = state
        self.public_paths = frozenset(public_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k not in {h for h, _ in SECURITY_HEADERS} and k != b"cache-control"
                ]
                headers.extend(SECURITY_HEADERS)
                if path.startswith("/static/"):
                    headers.append((b"cache-control", b"public, max-age=3600"))
                else:
                    # Pages hold private writing: never keep them in the browser's disk cache.
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        request = Request(scope, receive)
        problem = await self._admit(request)
        if problem is not None:
            await problem(scope, receive, send_with_headers)
            return
        body = KeptBody(receive) if request.method == "POST" else None
        try:
            await self._run(scope, body.receive if body else receive, send_with_headers, body)
        except Exception as exc:
            damaged = isinstance(exc, DatabaseDamaged) or damaged_database(exc) is not None
            log.error(
                "Error %s while handling %s %s%s",
                type(exc).__name__,
                request.method,
                path,
                " (the database file looks damaged)" if damaged else "",
            )
            if not started:
                response = render(
                    request,
                    "errors/damaged.html" if damaged else "errors/500.html",
                    {"unsaved": await unsaved_form(request, body), "retry": not damaged},
                    status_code=500,
                )
                await response(scope, receive, send_with_headers)

    async def _admit(self, request: Request) -> Response | None:
        """A response that refuses the request, or None to let it through (hosted mode adds
        sign-in from its server-side session: ``web.hosted``)."""
        return self._refusal(request)

    async def _run(self, scope: Scope, receive: Receive, send: Send, body: KeptBody | None) -> None:
        await self.app(scope, receive, send)

    def _refusal(self, request: Request) -> Response | None:
        host = request.headers.get("host", "")
        if host not in self.state.allowed_hosts:
            return Response("Bad request: unknown host.", status_code=400, media_type="text/plain")
        if request.method not in SAFE_METHODS and not self._same_origin(request):
            return render_plain(request, "errors/cross_origin.html", status_code=403)
        path = request.url.path
        if is_public(path, self.public_paths):
            return None
        if not self.state.has_session(session_id_from(request.scope)):
            return render_plain(request, "errors/no_session.html", status_code=403)
        self.state.touch()
        return None

    def _same_origin(self, request: Request) -> bool:
        fetch_site = request.headers.get("sec-fetch-site")
        if fetch_site is not None:
            return fetch_site in {"same-origin", "none"}
        origin = request.headers.get("origin")
        if origin is not None:
            return origin in self.state.allowed_origins
        # Neither header: not a modern browser. Such a client has no session cookie unless
        # it was given one, so the session check still protects the vault.
        return True
