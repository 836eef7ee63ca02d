"""Route dependencies: the app state, the acting owner, 'unlocked or go elsewhere', forms
that create something (saved once), and the page of a list."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from fastapi import Depends, HTTPException, Path
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse

from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.manifest import Registry
from anchored.services import sent_forms
from anchored.services.country import help_lines
from anchored.services.support import calls_for_help
from anchored.web.state import AppState


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.anchored
    return state


def get_registry(request: Request) -> Registry:
    """Every feature's manifest, for the few routes that gather from all (search, steps)."""
    registry: Registry = request.app.state.registry
    return registry


def redirect(location: str) -> HTTPException:
    """Raised from a dependency to send the browser elsewhere (303 See Other)."""
    return HTTPException(status_code=303, headers={"Location": location})


MAX_ID = 2**63 - 1
MAX_PAGE = 1_000_000

# Bounded so an absurd number in the address is a 404, never a database error.
RecordId = Annotated[int, Path(ge=1, le=MAX_ID)]


@dataclass(frozen=True, slots=True)
class PageAsked:
    """The page of a list the address asks for (``?page=``). Call :meth:`fit` once the list's
    length is known: a page that does not exist leads to the nearest one that does."""

    number: int  # what was asked, made sense of: 1 for nothing, junk, 0 or less
    exact: bool  # the address says nothing, or says exactly ``number``
    path: str
    query: tuple[tuple[str, str], ...]  # the address's other query parameters

    def fit(self, total: int, per_page: int) -> int:
        """This page's number if a list of ``total`` items has it; else a redirect (raised) to
        the nearest page: the first, or the last."""
        last = max(1, -(-total // per_page))
        nearest = min(self.number, last)
        if nearest != self.number or not self.exact:
            params = [*self.query, *([("page", str(nearest))] if nearest > 1 else [])]
            raise redirect(self.path + (f"?{urlencode(params)}" if params else ""))
        return nearest


def page_asked(request: Request, page: str | None = None) -> PageAsked:
    """Never a 400: whatever ``?page=`` holds becomes a page number (see :class:`PageAsked`)."""
    text = (page or "").strip()
    if text.isascii() and text.isdigit():
        number = max(int(text), 1) if len(text) <= len(str(MAX_PAGE)) else MAX_PAGE
        number = min(number, MAX_PAGE)
    else:
        number = 1
    others = tuple((k, v) for k, v in request.query_params.multi_items() if k != "page")
    return PageAsked(number, page is None or page == str(number), request.url.path, others)


def record_id_from(text: str | None) -> int | None:
    """A record id from a query string or hidden field; anything else is no id at all."""
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


LOCAL_PATH = re.compile(r"/(?:[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*)?")


def local_path(value: str | None) -> str | None:
    """``value`` as a plain path on this site with its query (``/journal?page=2``), or None:
    never ``//host``, ``/\\host``, a full address or a fragment. Safe to redirect to."""
    if not value or len(value) > 2000:
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.fragment or not LOCAL_PATH.fullmatch(parts.path):
        return None
    query = urlencode(parse_qsl(parts.query, keep_blank_values=True))
    return parts.path + (f"?{query}" if query else "")


def unlock_address(request: Request) -> str:
    """The unlock page, asked to come back to the page the person was after (``next``)."""
    asked = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    current = request.headers.get("HX-Current-URL")
    if request.headers.get("HX-Request") and current:
        # htmx wanted a part of a page: after unlocking, go back to the page itself.
        parts = urlsplit(current)
        asked = parts.path + (f"?{parts.query}" if parts.query else "")
    target = local_path(asked)
    return "/unlock" if target in (None, "/") else "/unlock?" + urlencode({"next": target})


def resume_form(action: str, fields: list[tuple[str, str]]) -> str:
    """A form to send again once the vault is unlocked: the unlock page carries it in its
    ``resume`` field (nothing is kept on the server), and ``/unlock`` reads it back with
    :func:`parse_resume`."""
    return json.dumps({"action": action, "fields": fields})


class LockedWhileWriting(Exception):
    """A form arrived after the vault locked itself; its text goes back to the browser."""

    def __init__(self, action: str, fields: list[tuple[str, str]]) -> None:
        super().__init__("vault locked before a form was saved")
        self.resume = resume_form(action, fields)


# The dependencies below only read what is already in memory, so they run on the event loop:
# FastAPI runs a plain ``def`` dependency in the thread pool, a round trip between threads
# for each one on every request. (Keep them free of I/O; the functions above stay plain
# ``def`` for code that calls them directly.)


async def _state(request: Request) -> AppState:
    return get_state(request)


async def _registry(request: Request) -> Registry:
    return get_registry(request)


async def _paging(request: Request, page: str | None = None) -> PageAsked:
    return page_asked(request, page)


async def unlocked(request: Request, state: Annotated[AppState, Depends(_state)]) -> AppState:
    """The state of an open vault; otherwise onboarding, the recovery key step, or unlock."""
    # An open vault exists: its files are looked at (a listing of the data folder) only
    # while it is locked.
    is_unlocked = state.is_unlocked
    if not is_unlocked and not state.vault.exists():
        raise redirect("/welcome")
    if state.pending_recovery_key is not None and is_unlocked:
        raise redirect("/welcome/recovery-key")
    if not is_unlocked:
        if request.method == "POST":
            # Auto-lock must never cost someone what they were writing: hand it back to the
            # browser inside the unlock page (nothing is kept on the server).
            form = await request.form()
            fields = [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
            raise LockedWhileWriting(request.url.path, fields)
        raise redirect(unlock_address(request))
    return state


def parse_resume(resume: str) -> tuple[str, list[tuple[str, str]]] | None:
    """The form to re-send after unlocking, if ``resume`` is a well-formed local one."""
    try:
        data = json.loads(resume)
        action = data["action"]
        fields = [(str(k), str(v)) for k, v in data["fields"]]
    except (ValueError, KeyError, TypeError):
        return None
    # Only plain local paths such as /some/page/12/edit: never //host or /\host.
    if not isinstance(action, str) or not LOCAL_PATH.fullmatch(action):
        return None
    return action, fields


def with_query(url: str, query: str) -> str:
    """``url`` with ``query`` (``name=value``) added, before any ``#section``."""
    path, hash_, section = url.partition("#")
    return path + ("&" if "?" in path else "?") + query + hash_ + section


def after_save(url: str, needs_help: bool) -> RedirectResponse:
    """303 to ``url`` after saving text; with the help card, add ``support=1`` and drop any
    ``#section`` so the card (shown first by base.html) is what the person sees."""
    if needs_help:
        url = with_query(url.partition("#")[0], "support=1")
    return RedirectResponse(url, status_code=303)


# -- forms that create something: saved once ---------------------------------------------------

FORM_TOKEN = "form_token"  # the hidden field each rendering of such a form carries


@dataclass(frozen=True, slots=True)
class SentOnce:
    """A form that creates something, as sent. In the route, claim it first thing in the
    transaction that saves, then note where the record is::

        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = service.add_thing(...)
            sending.saved(f"/things/{done.id}", record=(Thing, done.id), listing="/things")

    Sent again, ``claim`` raises ``AlreadySaved``: the app leads to what was saved the first
    time, with a calm notice (``web.app``). The form's template renders the token with
    ``{{ form_token('/the/action') }}``.
    """

    token: str | None
    digest: str
    texts: tuple[str, ...]

    def claim(self, session: Session, owner: Owner, *, now: datetime) -> sent_forms.Sending:
        return sent_forms.claim(
            session, owner, token=self.token, digest=self.digest, texts=self.texts, now=now
        )


async def sent_once(request: Request) -> SentOnce:
    form = await request.form()
    token = sent_forms.clean_token(form.get(FORM_TOKEN))
    # A form shown again with a note to fix keeps its token (see templating.form_token).
    request.state.form_token = token
    fields = [(k, v) for k, v in form.multi_items() if isinstance(v, str) and k != FORM_TOKEN]
    return SentOnce(
        token=token,
        digest=sent_forms.digest(request.url.path, fields),
        texts=tuple(v for _k, v in fields),
    )


def help_card_for(state: AppState, *texts: str | None) -> dict[str, Any]:
    """Safety rule: an entry whose text calls for the help card keeps it in view each time it
    is shown (not only right after saving). Merge the result into a page's context."""
    if not calls_for_help(*texts):
        return {}
    return {"support_card": help_lines(state.settings)}


def current_owner() -> Owner:
    """Personal mode's one owner (routes take ``CurrentOwner``, which is hosted-aware)."""
    return PERSONAL_OWNER


async def _owner(request: Request) -> Owner:
    # Hosted mode: the signed-in account's (``web.hosted`` puts it in the scope; nobody's
    # when signed out). Personal mode: the one owner.
    owner: Owner = request.scope.get("anchored.owner", PERSONAL_OWNER)
    return owner


async def _role(request: Request) -> str:
    # Hosted mode: the signed-in account's role (web.hosted.SIGNED_IN_KEY); "" otherwise.
    signed = request.scope.get("anchored.signed_in")
    return str(getattr(signed, "role", "") or "")


State = Annotated[AppState, Depends(_state)]
AccountRole = Annotated[str, Depends(_role)]
Features = Annotated[Registry, Depends(_registry)]
Unlocked = Annotated[AppState, Depends(unlocked)]
CurrentOwner = Annotated[Owner, Depends(_owner)]
Once = Annotated[SentOnce, Depends(sent_once)]
Paging = Annotated[PageAsked, Depends(_paging)]
