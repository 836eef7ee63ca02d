"""Request checks for a server that only ever talks to the person's own browser.

One pure ASGI middleware, outermost, so nothing reaches a route without passing it:
- Host header must be 127.0.0.1:<port> or localhost:<port> (DNS rebinding) -> 400
- no session cookie -> only public pages (Help now, About, static, the launch link) -> 403
- unsafe methods from another origin (Sec-Fetch-Site / Origin) -> 403
- security headers on every response; no-store on every page
- any unexpected error -> a calm 500 page (a damaged database says so); the log gets the
  error type and nothing else. A form that was not saved comes back on that page, so nothing
  the person wrote is lost.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from anchored.core.errors import DatabaseDamaged
from anchored.services.records import free_text_names
from anchored.services.vault import damaged_database
from anchored.web.state import AppState, session_id_from
from anchored.web.templating import render, render_plain

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


# A form is kept (in memory, for this request only) so it can come back if saving fails.
KEEP_FORM_BYTES = 2 * 1024 * 1024
FORM_TYPE = "application/x-www-form-urlencoded"
# Forms whose fields are secrets: they never come back on a page.
SECRET_PATHS = ("/unlock", "/welcome")
SECRET_NAMES = re.compile(r"passphrase|recovery", re.IGNORECASE)
# A value like "not_sent", "lonely" or "7" is a choice, and "2026-12-01T21:30" a time, not
# writing: they are sent again with the form but not shown in a box of their own.
CHOICE = re.compile(r"[a-z0-9_-]*")


def is_writing(value: str) -> bool:
    value = value.strip()
    lower = any(c.isalpha() and not (c.isascii() and c.isupper()) for c in value)
    return lower and not CHOICE.fullmatch(value)


@dataclass(frozen=True, slots=True)
class Unsaved:
    """A form that was not saved: where it went and every field, for the error page."""

    action: str
    fields: list[tuple[str, str]]
    words: frozenset[str]  # names of fields that hold writing, whatever their value

    def _is_writing(self, name: str, value: str) -> bool:
        return bool(value.strip()) and (name in self.words or is_writing(value))

    @property
    def writing(self) -> list[tuple[str, str, str]]:
        """(name, label, value) of the fields that hold words, shown to copy or change."""
        return [
            (name, name.replace("_", " ").capitalize(), value)
            for name, value in self.fields
            if self._is_writing(name, value)
        ]

    @property
    def choices(self) -> list[tuple[str, str]]:
        """The other fields (choices, numbers, times), sent again as they were."""
        return [(n, v) for n, v in self.fields if not self._is_writing(n, v)]


def unsaved_form(request: Request, body: bytes | None) -> Unsaved | None:
    """The form ``request`` sent, if it was one holding the person's words (never secrets)."""
    if body is None or request.method != "POST" or request.url.path.startswith(SECRET_PATHS):
        return None
    if request.headers.get("content-type", "").split(";")[0].strip() != FORM_TYPE:
        return None
    fields = [
        (name, value)
        for name, value in parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        if not SECRET_NAMES.search(name)
    ]
    action = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return Unsaved(action, fields, free_text_names()) if fields else None


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

        request = Request(scope)
        problem = self._refusal(request)
        if problem is not None:
            await problem(scope, receive, send_with_headers)
            return
        kept: bytearray | None = bytearray() if request.method == "POST" else None

        async def receive_and_keep() -> Message:
            nonlocal kept
            message = await receive()
            if kept is not None and message["type"] == "http.request":
                kept += message.get("body", b"")
                if len(kept) > KEEP_FORM_BYTES:
                    kept = None
            return message

        try:
            await self.app(scope, receive_and_keep, send_with_headers)
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
                unsaved = unsaved_form(request, None if kept is None else bytes(kept))
                response = render(
                    request,
                    "errors/damaged.html" if damaged else "errors/500.html",
                    {"unsaved": unsaved, "retry": not damaged},
                    status_code=500,
                )
                await response(scope, receive, send_with_headers)

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
