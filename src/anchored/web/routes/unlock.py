"""Unlock with the passphrase or the recovery key; lock."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import AnchoredError, WrongPassphrase, WrongRecoveryKey
from anchored.core.passphrase import new_passphrase_errors
from anchored.services.vault import prepare
from anchored.web.deps import CurrentOwner, Features, State, parse_resume
from anchored.web.templating import render

router = APIRouter()

WRONG_DELAY_SECONDS = 1.0


def _unlock_page(request: Request, state: State, **context: object) -> Response:
    if not state.vault.exists():
        return RedirectResponse("/welcome", status_code=303)
    if state.is_unlocked:
        return RedirectResponse("/", status_code=303)
    status = int(context.pop("status", 200))  # type: ignore[call-overload]
    return render(request, "unlock/unlock.html", context, status_code=status)


@router.get("/unlock")
def unlock_form(request: Request, state: State) -> Response:
    return _unlock_page(request, state)


@router.post("/unlock")
def unlock(
    request: Request,
    state: State,
    owner: CurrentOwner,
    features: Features,
    passphrase: Annotated[str, Form()] = "",
    resume: Annotated[str, Form()] = "",
) -> Response:
    if state.is_unlocked:
        return RedirectResponse("/", status_code=303)
    if not passphrase:
        return _unlock_page(
            request, state, error="Type your passphrase to unlock.", status=422, resume=resume
        )
    try:
        opened = prepare(state.vault.unlock(passphrase), owner, features)
    except WrongPassphrase:
        state.sleep(WRONG_DELAY_SECONDS)  # slows guessing; calm wording, no count shown
        return _unlock_page(
            request,
            state,
            error="That passphrase didn't open your vault. Take your time and try again.",
            status=422,
            resume=resume,
        )
    except AnchoredError as exc:
        return _unlock_page(request, state, error=exc.message, status=422, resume=resume)
    state.set_open(opened)
    pending = parse_resume(resume) if resume else None
    if pending is not None:
        action, fields = pending
        return render(request, "unlock/resume.html", {"action": action, "fields": fields})
    return RedirectResponse("/", status_code=303)


@router.post("/unlock/recovery")
def unlock_with_recovery(
    request: Request,
    state: State,
    owner: CurrentOwner,
    features: Features,
    recovery_key: Annotated[str, Form()] = "",
    new_passphrase: Annotated[str, Form()] = "",
    new_passphrase_again: Annotated[str, Form()] = "",
) -> Response:
    """Forgot the passphrase: the recovery key opens the vault and a new passphrase is set."""
    errors: dict[str, str] = {}
    if not recovery_key.strip():
        errors["recovery_key"] = "Type the recovery key you saved when you set up Anchored."
    errors |= new_passphrase_errors(new_passphrase, new_passphrase_again, "new_passphrase")
    if errors:
        return _unlock_page(
            request, state, recovery_errors=errors, recovery_key=recovery_key, status=422
        )
    try:
        state.vault.recover(recovery_key, new_passphrase, state.settings.argon2_profile)
        opened = prepare(state.vault.unlock(new_passphrase), owner, features)
    except WrongRecoveryKey as exc:
        state.sleep(WRONG_DELAY_SECONDS)
        return _unlock_page(
            request,
            state,
            recovery_errors={"recovery_key": exc.message},
            recovery_key=recovery_key,
            status=422,
        )
    except AnchoredError as exc:
        return _unlock_page(
            request, state, recovery_errors={"recovery_key": exc.message}, status=422
        )
    state.set_open(opened)
    return RedirectResponse("/", status_code=303)


@router.post("/lock")
def lock(state: State) -> Response:
    state.lock()
    return RedirectResponse("/unlock", status_code=303)
