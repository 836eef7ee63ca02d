"""Hosted mode's account pages: sign in and out (here or everywhere), accept an invitation,
the admin's page (invite, disable, enable, account events) and the person's own account page
(delete the account and everything in it). Mounted only in hosted mode."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.accounts import ROLE_LABELS, ROLES
from anchored.core.errors import InvalidInput, NotFound
from anchored.services import accounts
from anchored.services.accounts import SignedIn, SignInRefused
from anchored.services.hosted import prepare_owner
from anchored.web.deps import Features, RecordId, State, local_path, parse_resume
from anchored.web.hosted import (
    SIGNED_IN_KEY,
    HostedState,
    clear_session_cookie,
    client_address,
    session_token,
    set_session_cookie,
)
from anchored.web.templating import render

router = APIRouter()


def _hosted(state: State) -> HostedState:
    assert isinstance(state, HostedState)
    return state


def _me(request: Request) -> SignedIn:
    signed: SignedIn | None = request.scope.get(SIGNED_IN_KEY)
    if signed is None:
        raise NotFound
    return signed


def _admin(me: Annotated[SignedIn, Depends(_me)]) -> SignedIn:
    if not me.is_admin:
        raise NotFound  # the page is not there for anyone else
    return me


Hosted = Annotated[HostedState, Depends(_hosted)]
Me = Annotated[SignedIn, Depends(_me)]
Admin = Annotated[SignedIn, Depends(_admin)]


# -- signing in and out -------------------------------------------------------------------------


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    if request.scope.get(SIGNED_IN_KEY) is not None:
        return RedirectResponse(local_path(next) or "/", status_code=303)
    return render(request, "accounts/login.html", {"next": local_path(next)})


@router.post("/login")
def login(
    request: Request,
    state: Hosted,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=2000)] = "",
    next: Annotated[str, Form(max_length=2000)] = "",
    resume: Annotated[str, Form(max_length=2_000_000)] = "",
) -> Response:
    target = local_path(next) or "/"
    try:
        with state.session() as session:
            new = accounts.sign_in(
                session,
                username,
                password,
                address=client_address(request),
                now=state.now(),
                profile=state.settings.argon2_profile,
            )
    except SignInRefused as refused:
        context = {
            "error": refused.message,
            "username": username,
            "next": local_path(next),
            "resume": resume,
        }
        return render(request, "accounts/login.html", context, status_code=400)
    pending = parse_resume(resume) if resume else None
    response: Response
    if pending is not None:
        # What the person was writing when their session ended: offered to save now, with
        # the new session's CSRF token (this page is rendered before it is signed in).
        action, fields = pending
        context = {"action": action, "fields": fields, "csrf": new.signed_in.csrf_token}
        response = render(request, "accounts/resume.html", context)
    else:
        response = RedirectResponse(target, status_code=303)
    set_session_cookie(response, request, new.token)
    return response


@router.get("/logout")
def logout_page(request: Request) -> Response:
    return render(request, "accounts/logout.html")


@router.post("/logout")
def logout(request: Request, state: Hosted) -> Response:
    with state.session() as session:
        accounts.sign_out(session, session_token(request))
    response = RedirectResponse("/login?signed_out=1", status_code=303)
    clear_session_cookie(response, request)
    return response


@router.get("/logout-everywhere")
def logout_everywhere_page() -> Response:
    return RedirectResponse("/account", status_code=303)


@router.post("/logout-everywhere")
def logout_everywhere(request: Request, state: Hosted, me: Me) -> Response:
    with state.session() as session:
        accounts.sign_out_everywhere(session, me.account_id)
    response = RedirectResponse("/login?signed_out=everywhere", status_code=303)
    clear_session_cookie(response, request)
    return response


# -- invitations --------------------------------------------------------------------------------


@router.get("/invite/{token}")
def invite_page(request: Request, state: Hosted, token: str) -> Response:
    with state.session() as session:
        invite = accounts.open_invite(session, token, now=state.now())
    if invite is None:
        return render(request, "accounts/invite_gone.html", status_code=404)
    return render(request, "accounts/invite.html", {"token": token, "role": invite.role})


@router.post("/invite/{token}")
def accept_invite(
    request: Request,
    state: Hosted,
    features: Features,
    token: str,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=2000)] = "",
    password_again: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    now = state.now()
    profile = state.settings.argon2_profile
    try:
        if password != password_again:
            raise InvalidInput(
                {"password_again": "The two passwords differ. Please type both again."}
            )
        with state.session() as session:
            made = accounts.accept_invite(
                session, token, username, password, now=now, profile=profile
            )
    except NotFound:
        return render(request, "accounts/invite_gone.html", status_code=404)
    except InvalidInput as exc:
        with state.session() as session:
            invite = accounts.open_invite(session, token, now=now)
        if invite is None:
            return render(request, "accounts/invite_gone.html", status_code=404)
        context = {"token": token, "role": invite.role, "errors": exc.errors, "username": username}
        return render(request, "accounts/invite.html", context, status_code=400)
    prepare_owner(state.db, made.owner, features)
    with state.session() as session:
        new = accounts.sign_in(
            session,
            made.username,
            password,
            address=client_address(request),
            now=now,
            profile=profile,
        )
    response = RedirectResponse("/?welcome=1", status_code=303)
    set_session_cookie(response, request, new.token)
    return response


# -- the admin's page ---------------------------------------------------------------------------


def _admin_page(request: Request, state: HostedState, admin: SignedIn, **extra: object) -> Response:
    with state.session() as session:
        listed = accounts.list_accounts(session, admin)
        events = accounts.list_events(session, admin)
    context = {
        "accounts": listed,
        "events": events,
        "roles": [(role, ROLE_LABELS[role]) for role in ROLES],
        "role_labels": ROLE_LABELS,
        "me": admin,
        **extra,
    }
    return render(request, "accounts/admin.html", context, status_code=200)


@router.get("/admin")
def admin_page(request: Request, state: Hosted, admin: Admin) -> Response:
    return _admin_page(request, state, admin)


@router.post("/admin/invite")
def admin_invite(
    request: Request,
    state: Hosted,
    admin: Admin,
    role: Annotated[str, Form(max_length=20)] = "person",
) -> Response:
    try:
        with state.session() as session:
            token = accounts.create_invite(session, admin, role, now=state.now())
    except InvalidInput as exc:
        return _admin_page(request, state, admin, errors=exc.errors)
    link = f"{state.public_origin}/invite/{token}"
    return _admin_page(request, state, admin, new_link=link, new_role=ROLE_LABELS[role])


def _set_disabled(
    request: Request, state: HostedState, admin: SignedIn, account_id: int, disabled: bool
) -> Response:
    try:
        with state.session() as session:
            accounts.set_disabled(session, admin, account_id, disabled, now=state.now())
    except InvalidInput as exc:
        return _admin_page(request, state, admin, errors=exc.errors)
    return RedirectResponse("/admin", status_code=303)


@router.post("/admin/accounts/{account_id}/disable")
def disable(request: Request, state: Hosted, admin: Admin, account_id: RecordId) -> Response:
    return _set_disabled(request, state, admin, account_id, True)


@router.post("/admin/accounts/{account_id}/enable")
def enable(request: Request, state: Hosted, admin: Admin, account_id: RecordId) -> Response:
    return _set_disabled(request, state, admin, account_id, False)


# -- the person's own account -------------------------------------------------------------------


@router.get("/account")
def account_page(request: Request, me: Me) -> Response:
    return render(request, "accounts/account.html", {"me": me, "role_labels": ROLE_LABELS})


@router.get("/account/delete")
def delete_page(request: Request, me: Me) -> Response:
    return render(request, "accounts/delete.html", {"me": me})


@router.post("/account/delete")
def delete_account(
    request: Request,
    state: Hosted,
    me: Me,
    password: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    try:
        with state.session() as session:
            accounts.delete_own_account(
                session, me, password, now=state.now(), profile=state.settings.argon2_profile
            )
    except InvalidInput as exc:
        return render(request, "accounts/delete.html", {"me": me, "errors": exc.errors}, 400)
    response = RedirectResponse("/login?deleted=1", status_code=303)
    clear_session_cookie(response, request)
    return response
