"""Jinja2 set-up and the one render function every route uses.

Shared pages (base, errors, onboarding, unlock, home) live in ``web/templates``; each
feature's own pages live in its package's ``templates/`` folder and are named
``<feature>/<page>.html``. The environment is built once per app from the registry.
"""

from __future__ import annotations

from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    pass_context,
    select_autoescape,
)
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response

from anchored.manifest import Registry
from anchored.services.appearance import chosen_theme
from anchored.services.country import help_lines
from anchored.services.sent_forms import new_token
from anchored.web.modes import personal_only
from anchored.web.state import session_id_from

TEMPLATE_DIR = Path(str(files("anchored.web") / "templates"))
STATIC_DIR = Path(str(files("anchored.web") / "static"))


def localtime(value: datetime, fmt: str = "%a %-d %b %Y, %H:%M") -> str:
    """Shown in the person's own time zone: the server runs on their machine."""
    return value.astimezone().strftime(fmt)


def isotime(value: datetime) -> str:
    return value.astimezone().isoformat(timespec="minutes")


@pass_context
def form_token(context: Context, action: str) -> Markup:
    """The hidden token of a form that creates something (sent to ``action``): new for each
    rendering, so the same form sent twice saves once (``web.deps.SentOnce``). A form shown
    again with a note to fix, or with suggestions, keeps the token it was sent with."""
    request = context.get("request")
    token = None
    if isinstance(request, Request) and request.method == "POST":
        # ... or a form shown again by another action, e.g. its "Suggest feelings" button
        # (web.feelings.keep_form_token)
        kept_for = getattr(request.state, "form_token_action", request.url.path)
        if action in {request.url.path, kept_for}:
            token = getattr(request.state, "form_token", None)
    return Markup('<input type="hidden" name="form_token" value="{}">').format(token or new_token())


HEADER_TEMPLATE = "_site_header.html"


@pass_context
def site_header(context: Context) -> Markup:
    """The site header: the same for every page that marks the same menu entry, and it holds
    nothing a person wrote (the brand, the menu, the header buttons), so each way it can look
    is rendered once per app and kept."""
    env = context.environment
    nav = env.globals["chrome"]["nav"]
    path = context.get("current_path")
    path = path if isinstance(path, str) else ""
    show_nav = bool(context.get("show_nav"))
    key = (
        bool(context.get("has_session")),
        bool(context.get("unlocked")),
        show_nav,
        show_nav and path == "/",
        tuple(
            i
            for i, entry in enumerate(nav)
            if show_nav and (path == entry.path or path.startswith(entry.path + "/"))
        ),
    )
    kept: dict[tuple[object, ...], Markup] = env.globals["_headers"]
    header = kept.get(key)
    if header is None:
        has_session, unlocked, show_nav, home_current, nav_current = key
        header = Markup(  # noqa: S704 (autoescaped)
            env.get_template(HEADER_TEMPLATE).render(
                has_session=has_session,
                unlocked=unlocked,
                show_nav=show_nav,
                home_current=home_current,
                nav_current=nav_current,
            )
        )
        if len(kept) < 512:  # a handful in practice: one per menu entry and state
            kept[key] = header
    return header


class _CompiledTemplates(BytecodeCache):
    """Templates compiled once per process, for every environment built in it: each app's
    environment reads a template's source and uses the code compiled for that same source
    (Jinja checks it) instead of parsing and compiling it again. Tests build an app per test;
    `compile_all` lets a process that forks servers compile them once beforehand."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def compile_all(registry: Registry, *, hosted: bool = False) -> int:
    """Compile every page template of ``registry`` into the process's compiled templates;
    returns how many."""
    env = build_templates(registry, hosted=hosted).env
    names = env.list_templates(filter_func=lambda name: name.endswith(".html"))
    for name in names:
        env.get_template(name)
    return len(names)


def build_templates(registry: Registry, *, hosted: bool = False) -> Jinja2Templates:
    """One environment: ``<feature>/…`` from each feature's folder, the rest from the web's."""
    by_feature = {
        feature.name: FileSystemLoader(folder)
        for feature in registry.features
        if (folder := feature.folder("templates")) is not None
    }
    env = Environment(
        loader=ChoiceLoader([PrefixLoader(by_feature), FileSystemLoader(TEMPLATE_DIR)]),
        autoescape=select_autoescape(["html"]),
        # Templates ship with the package and never change while the server runs: no stat
        # of every template file on every page to see whether it did.
        auto_reload=False,
        bytecode_cache=_COMPILED,
    )
    env.filters["localtime"] = localtime
    env.filters["isotime"] = isotime
    env.globals["form_token"] = form_token
    env.globals["site_header"] = site_header
    env.globals["_headers"] = {}
    env.globals["hosted"] = hosted  # hosted mode: sign out instead of lock
    # A page hosted mode does not have (passphrase, backups…): its links and forms are left out.
    not_here = personal_only if hosted else (lambda _path: False)
    env.globals["not_here"] = not_here
    env.tests["not_here"] = not_here
    env.globals["chrome"] = {
        "nav": registry.nav,
        "header_buttons": registry.header_buttons,
        "stylesheets": registry.stylesheets,
        "help_now": registry.help_now,
        "help_links": registry.help_links,
        # Hosted mode: a web app manifest, so a phone can add Anchored to its home screen
        # (never in personal mode, whose address changes with each start).
        "web_app": hosted,
    }
    return Jinja2Templates(env=env)


def _page_context(request: Request) -> dict[str, Any]:
    state = getattr(getattr(request.scope.get("app"), "state", None), "anchored", None)
    if state is None:
        return {"has_session": False, "unlocked": False, "theme": "system"}
    has_session = state.has_session(session_id_from(request.scope))
    unlocked = has_session and state.is_unlocked
    support_card = None
    if unlocked and request.query_params.get("support") == "1":
        support_card = help_lines(state.settings)
    # A form that creates something was sent again and led here (see web.deps.SentOnce).
    already_saved = unlocked and request.query_params.get("already") == "1"
    return {
        "support_card": support_card,
        "already_saved": already_saved,
        "has_session": has_session,
        "unlocked": unlocked,
        # Until the recovery key is confirmed, the only way on is through that step.
        "show_nav": unlocked and state.pending_recovery_key is None,
        "current_path": request.url.path,
        # Light, dark or the system's: chosen in the settings, followed while locked too.
        "theme": chosen_theme(state.settings),
    }


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> Response:
    templates: Jinja2Templates = request.scope["app"].state.templates
    full = {**_page_context(request), **(context or {})}
    return templates.TemplateResponse(request, name, full, status_code=status_code)


_FRAGMENT_CONTEXT = "anchored.fragment_context"


def render_fragment(request: Request, name: str, context: dict[str, Any]) -> Markup:
    """A part of a page (e.g. a home panel), rendered with the page's own context (worked out
    once for all the parts of one page)."""
    templates: Jinja2Templates = request.scope["app"].state.templates
    page = request.scope.get(_FRAGMENT_CONTEXT)
    if page is None:
        page = request.scope[_FRAGMENT_CONTEXT] = _page_context(request)
    full = {**page, "request": request, **context}
    return Markup(templates.get_template(name).render(full))  # noqa: S704 (autoescaped)


def render_plain(request: Request, name: str, status_code: int) -> Response:
    """For pages the middleware returns before any route runs."""
    return render(request, name, status_code=status_code)
