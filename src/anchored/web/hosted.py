"""Hosted mode in the web app: the state routes use (the same ``session()``/``now()``/
``settings`` surface as personal mode's), and the security middleware that signs each request
in from its server-side session, checks CSRF, believes proxy headers only from the trusted
proxy, and sets ``acting_as`` for the request's work.

Imported only in hosted mode (``web.app.create_app`` with ``ANCHORED_DATABASE_URL`` set).
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from http.cookies import SimpleCookie
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlencode, urlsplit

import anyio.to_thread
from markupsafe import escape
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from anchored.core.errors import UsageError
from anchored.core.owner import Owner
from anchored.services import accounts
from anchored.services.accounts import SignedIn
from anchored.services.country import PREFERENCE_KEY as COUNTRY_PREFERENCE
from anchored.services.country import persons_choice
from anchored.services.hosted import HostedDatabase, acting_as
from anchored.settings import Settings
from anchored.web.deps import resume_form
from anchored.web.modes import personal_only
from anchored.web.security import SecurityMiddleware, is_public
from anchored.web.state import AppState
from anchored.web.templating import render, render_plain
from anchored.web.unsaved import KeptBody

# Nobody: the owner of a request that is not signed in (no account has id 0).
NOBODY = Owner(id=0)
OWNER_KEY = "anchored.owner"  # read by web.deps.CurrentOwner
SIGNED_IN_KEY = "anchored.signed_in"
SECURE_KEY = "anchored.secure"
CLIENT_KEY = "anchored.client"
COUNTRY_KEY = "anchored.country"  # the signed-in person's help-line country

COOKIE = "anchored_session"
SECURE_COOKIE = "__Host-anchored_session"  # only over TLS: Secure, Path=/, no Domain
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"

# /logout too: a session that already ended still signs out calmly.
HOSTED_PUBLIC_PATHS = frozenset({"/login", "/logout"})
HOSTED_PUBLIC_PREFIXES = ("/invite/",)

_SIGNED_IN: contextvars.ContextVar[SignedIn | None] = contextvars.ContextVar(
    "anchored_signed_in", default=None
)


def signed_in_now() -> SignedIn | None:
    """Who this request is signed in as (set by the middleware for the request's context)."""
    return _SIGNED_IN.get()


class _HostedData:
    """What personal-mode code asks of the vault's files: here the data always exists."""

    def exists(self) -> bool:
        return True


@dataclass
class HostedState(AppState):
    """Hosted mode's state: no vault in memory; each request is signed in or not."""

    database: HostedDatabase | None = None
    launch_token: str | None = None
    _data: _HostedData = field(default_factory=_HostedData)

    hosted: ClassVar[bool] = True

    @property
    def db(self) -> HostedDatabase:
        assert self.database is not None
        return self.database

    @property
    def vault(self) -> Any:
        return self._data

    @property
    def public_origin(self) -> str:
        parts = urlsplit(self.settings.public_url or "")
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def allowed_hosts(self) -> frozenset[str]:
        return frozenset({urlsplit(self.settings.public_url or "").netloc})

    @property
    def allowed_origins(self) -> frozenset[str]:
        return frozenset({self.public_origin})

    @property
    def idle(self) -> timedelta:
        return timedelta(minutes=self.settings.idle_lock_minutes)

    def has_session(self, session_id: str | None) -> bool:
        return _SIGNED_IN.get() is not None

    @property
    def is_unlocked(self) -> bool:
        return _SIGNED_IN.get() is not None

    @property
    def signed_in(self) -> SignedIn | None:
        return _SIGNED_IN.get()

    def lock(self) -> None:
        """Nothing to lock: each person's session ends on its own (idle, absolute, sign-out)."""

    def lock_if_idle(self) -> bool:
        return False

    def touch(self) -> None:
        pass

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        with self.db.session() as session:
            yield session


def _client(scope: Scope, trusted_proxy: str | None) -> tuple[str | None, bool]:
    """The client's address and whether it came over TLS: the proxy's headers are believed
    only when the connection comes from ``trusted_proxy``."""
    peer = (scope.get("client") or (None, None))[0]
    secure = scope.get("scheme") == "https"
    if trusted_proxy is not None and peer == trusted_proxy:
        headers = dict(scope.get("headers", []))
        forwarded = headers.get(b"x-forwarded-for", b"").decode("latin-1")
        if forwarded.strip():
            # The proxy appends the address it saw: the last one is the one it vouches for.
            peer = forwarded.split(",")[-1].strip() or peer
        proto = headers.get(b"x-forwarded-proto", b"").decode("latin-1").strip().lower()
        secure = proto == "https" if proto else secure
    return peer, secure


def _cookie(scope: Scope, name: str) -> str | None:
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:
                return None
            if (morsel := jar.get(name)) is not None:
                return morsel.value
    return None


def session_token(request: Request) -> str | None:
    return _cookie(request.scope, cookie_name(request))


def cookie_name(request: Request) -> str:
    return SECURE_COOKIE if request.scope.get(SECURE_KEY) else COOKIE


def client_address(request: Request) -> str | None:
    address: str | None = request.scope.get(CLIENT_KEY)
    return address


def set_session_cookie(response: Response, request: Request, token: str) -> None:
    response.set_cookie(
        cookie_name(request),
        token,
        path="/",
        httponly=True,
        secure=bool(request.scope.get(SECURE_KEY)),
        samesite="lax",
    )


def clear_session_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(
        cookie_name(request),
        path="/",
        httponly=True,
        secure=bool(request.scope.get(SECURE_KEY)),
        samesite="lax",
    )


def login_address(request: Request) -> str:
    from anchored.web.deps import local_path

    asked = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    current = request.headers.get("HX-Current-URL")
    if request.headers.get("HX-Request") and current:
        parts = urlsplit(current)
        asked = parts.path + (f"?{parts.query}" if parts.query else "")
    target = local_path(asked) if request.method == "GET" or current else None
    return "/login" if target in (None, "/") else "/login?" + urlencode({"next": target})


_FORM_OPEN = re.compile(rb"<form\b[^>]*\bmethod=\"post\"[^>]*>", re.IGNORECASE)
_HEAD_END = b"</head>"


def with_csrf(html: bytes, token: str) -> bytes:
    """Every POST form gets the session's CSRF token as a hidden field, and the page a meta
    tag and script for htmx requests (web/static/js/csrf.js): one place, not every template."""
    value = str(escape(token)).encode()
    field_html = b'<input type="hidden" name="csrf_token" value="' + value + b'">'
    html = _FORM_OPEN.sub(lambda m: m.group(0) + field_html, html)
    head = (
        b'<meta name="csrf-token" content="' + value + b'">'
        b'<script src="/static/js/csrf.js" defer></script>'
    )
    return html.replace(_HEAD_END, head + _HEAD_END, 1)


class HostedSecurityMiddleware(SecurityMiddleware):
    """Personal mode's checks (host, origin, headers, the calm 500 page) plus sign-in from
    the server-side session, a CSRF token on every unsafe request, and ``acting_as``."""

    state: HostedState

    def __init__(
        self, app: ASGIApp, state: HostedState, public_paths: tuple[str, ...] = ()
    ) -> None:
        super().__init__(app, state, public_paths)

    async def _admit(self, request: Request) -> Response | None:
        scope = request.scope
        address, secure = _client(scope, self.state.settings.trusted_proxy)
        scope[CLIENT_KEY] = address
        scope[SECURE_KEY] = secure
        scope[OWNER_KEY] = NOBODY
        host = request.headers.get("host", "")
        if host not in self.state.allowed_hosts:
            return Response("Bad request: unknown host.", status_code=400, media_type="text/plain")
        path = request.url.path
        if personal_only(path):
            return render(request, "errors/404.html", status_code=404)
        if request.method not in {"GET", "HEAD", "OPTIONS"} and not self._same_origin(request):
            return render_plain(request, "errors/cross_origin.html", status_code=403)
        if path.startswith("/static/"):
            return None
        token = session_token(request)
        signed: SignedIn | None = None
        if token:
            signed, scope[COUNTRY_KEY] = await anyio.to_thread.run_sync(self._look_up, token)
        if signed is not None:
            scope[SIGNED_IN_KEY] = signed
            scope[OWNER_KEY] = signed.owner
        if self._public(path):
            return None
        if signed is None:
            address_ = login_address(request)
            if request.headers.get("HX-Request"):
                return Response(status_code=200, headers={"HX-Redirect": address_})
            if request.method == "POST":
                # The session ended while the person was writing: what they wrote comes
                # back inside the sign-in page (nothing is kept on the server).
                form = await request.form()
                fields = [
                    (k, v) for k, v in form.multi_items() if isinstance(v, str) and k != CSRF_FIELD
                ]
                context = {"resume": resume_form(path, fields)}
                return render(request, "accounts/login.html", context, status_code=401)
            return RedirectResponse(address_, status_code=303)
        return None

    def _public(self, path: str) -> bool:
        return (
            is_public(path, self.public_paths)
            or path in HOSTED_PUBLIC_PATHS
            or path.startswith(HOSTED_PUBLIC_PREFIXES)
        )

    def _look_up(self, token: str) -> tuple[SignedIn | None, str | None]:
        """Who the session belongs to, and the country of their help lines: one statement,
        no transaction around it. Connections are not pinged before each use
        (storage.hosted), so if this finds its connection lost (the database restarted) it
        asks once more, on a new one: a restart costs no one an error page."""
        for attempt in (1, 2):
            try:
                with self.state.db.autocommit() as connection:
                    return accounts.look_up(
                        connection,
                        token,
                        now=self.state.now(),
                        idle=self.state.idle,
                        preference=COUNTRY_PREFERENCE,
                    )
            except DBAPIError as exc:
                if attempt == 2 or not exc.connection_invalidated:
                    raise
        raise AssertionError("unreachable")

    def _same_origin(self, request: Request) -> bool:
        fetch_site = request.headers.get("sec-fetch-site")
        if fetch_site is not None and fetch_site not in {"same-origin", "none"}:
            return False
        origin = request.headers.get("origin")
        # "null": a same-site form under Referrer-Policy: no-referrer sends no origin.
        return origin in (None, "null") or origin in self.state.allowed_origins

    async def _run(self, scope: Scope, receive: Receive, send: Send, body: KeptBody | None) -> None:
        signed: SignedIn | None = scope.get(SIGNED_IN_KEY)
        if signed is not None and scope["method"] not in {"GET", "HEAD", "OPTIONS"}:
            whole = await body.whole() if body is not None else b""
            if whole is None or not await _csrf_ok(scope, whole, signed.csrf_token):
                response = render_plain(Request(scope), "errors/cross_origin.html", status_code=403)
                await response(scope, receive, send)
                return
            receive = _replay(whole, receive)
        if signed is not None and scope["method"] != "HEAD":
            send = _adding_csrf(send, signed.csrf_token)
        token = _SIGNED_IN.set(signed)
        try:
            with (
                acting_as(signed.account_id if signed else NOBODY.id),
                persons_choice(scope.get(COUNTRY_KEY)),
            ):
                await self.app(scope, receive, send)
        finally:
            _SIGNED_IN.reset(token)


async def _csrf_ok(scope: Scope, body: bytes, expected: str) -> bool:
    headers = dict(scope.get("headers", []))
    sent = headers.get(CSRF_HEADER.encode(), b"").decode("latin-1")
    if not sent:
        kind = headers.get(b"content-type", b"").decode("latin-1")
        if kind.startswith("application/x-www-form-urlencoded"):
            fields = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
            sent = next((v for k, v in fields if k == CSRF_FIELD), "")
        elif kind.startswith("multipart/form-data"):
            form = await Request(scope, _replay(body, _never)).form()
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else ""
    return bool(sent) and secrets.compare_digest(sent.encode(), expected.encode())


async def _never() -> Message:
    return {"type": "http.disconnect"}


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _adding_csrf(send: Send, token: str) -> Send:
    """Rewrites HTML pages (see :func:`with_csrf`); anything else passes as it is."""
    start: Message | None = None
    chunks: list[bytes] = []

    async def sending(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            kind = dict(message.get("headers", [])).get(b"content-type", b"")
            if kind.startswith(b"text/html"):
                start = message
                return
            await send(message)
            return
        if start is None or message["type"] != "http.response.body":
            await send(message)
            return
        chunks.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        html = with_csrf(b"".join(chunks), token)
        headers = [(k, v) for k, v in start.get("headers", []) if k != b"content-length"]
        headers.append((b"content-length", str(len(html)).encode()))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": html, "more_body": False})

    return sending


def hosted_state(settings: Settings, port: int) -> HostedState:
    """The state of a hosted app; refuses settings that are unsafe whatever the address it
    listens on (``anchored hosted serve`` checks the address too)."""
    if problems := settings.hosted_problems(bind="127.0.0.1"):
        raise UsageError("Hosted Anchored will not start:\n- " + "\n- ".join(problems))
    return HostedState(settings=settings, port=port, database=HostedDatabase(settings))
