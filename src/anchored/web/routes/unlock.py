"""Unlock with the passphrase or the recovery key, then go on to the page asked for; lock."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import (
    AnchoredError,
    VaultDamaged,
    VaultFileDamaged,
    WrongPassphrase,
    WrongRecoveryKey,
)
from anchored.core.passphrase import new_passphrase_errors
from anchored.services.vault import after_unlock, prepare
from anchored.web.deps import CurrentOwner, Features, State, local_path, parse_resume
from anchored.web.templating import render

router = APIRouter()

WRONG_DELAY_SECONDS = 1.0

# The page the person asked for before unlocking (a local path; see web.deps.local_path).
NextQuery = Annotated[str, Query(alias="next")]
NextField = Annotated[str, Form(alias="next")]

DAMAGED_STATUS = 409  # the request is fine; the vault's files are not


def damaged_page(request: Request, state: State, exc: VaultDamaged) -> Response:
    """What happened to the vault and what to do (restore a backup), calmly, with Help now."""
    return render(
        request,
        "unlock/damaged.html",
        {
            "part": "header" if isinstance(exc, VaultFileDamaged) else "database",
            "folder": state.settings.data_dir,
            "detail": exc.message,
        },
        status_code=DAMAGED_STATUS,
    )


def _unlock_page(request: Request, state: State, next_path: str, **context: object) -> Response:
    if not state.vault.exists():
        return RedirectResponse("/welcome", status_code=303)
    if state.is_unlocked:
        return RedirectResponse(next_path, status_code=303)
    try:
        state.vault.check_files()  # reads vault.json and looks at the database; writes nothing
    except VaultDamaged as exc:
        return damaged_page(request, state, exc)
    except AnchoredError:
        pass  # e.g. an unreadable file: the form's own error will say so on submit
    status = int(context.pop("status", 200))  # type: ignore[call-overload]
    next_field = next_path if next_path != "/" else None
    return render(request, "unlock/unlock.html", {**context, "next": next_field}, status)


def _unlocked(
    request: Request, next_path: str, resume: str, *, recovered: bool = False
) -> Response:
    """Where an unlock ends: the form that was waiting to be saved, or the page asked for;
    after the recovery key, first a word that the new passphrase is set."""
    pending = parse_resume(resume) if resume else None
    if pending is not None:
        action, fields = pending
        context = {"action": action, "fields": fields, "recovered": recovered}
        return render(request, "unlock/resume.html", context)
    if recovered:
        return render(request, "unlock/recovered.html", {"next": next_path})
    return RedirectResponse(next_path, status_code=303)


@router.get("/unlock")
def unlock_form(request: Request, state: State, next_: NextQuery = "") -> Response:
    return _unlock_page(request, state, local_path(next_) or "/")


@router.post("/unlock")
def unlock(
    request: Request,
    state: State,
    owner: CurrentOwner,
    features: Features,
    passphrase: Annotated[str, Form()] = "",
    resume: Annotated[str, Form()] = "",
    next_: NextField = "",
) -> Response:
    next_path = local_path(next_) or "/"
    if state.is_unlocked:
        return RedirectResponse(next_path, status_code=303)
    if not passphrase:
        return _unlock_page(
            request,
            state,
            next_path,
            error="Type your passphrase to unlock.",
            status=422,
            resume=resume,
        )
    try:
        opened = prepare(state.vault.unlock(passphrase), owner, features)
    except VaultDamaged as exc:
        return damaged_page(request, state, exc)
    except WrongPassphrase:
        state.sleep(WRONG_DELAY_SECONDS)  # slows guessing; calm wording, no count shown
        return _unlock_page(
            request,
            state,
            next_path,
            error="That passphrase didn't open your vault. Take your time and try again.",
            status=422,
            resume=resume,
        )
    except AnchoredError as exc:
        return _unlock_page(request, state, next_path, error=exc.message, status=422, resume=resume)
    state.set_open(opened)
    after_unlock(opened, owner, features, now=state.now())
    return _unlocked(request, next_path, resume)


@router.post("/unlock/recovery")
def unlock_with_recovery(
    request: Request,
    state: State,
    owner: CurrentOwner,
    features: Features,
    recovery_key: Annotated[str, Form()] = "",
    new_passphrase: Annotated[str, Form()] = "",
    new_passphrase_again: Annotated[str, Form()] = "",
    new_passphrase_weak: Annotated[str, Form()] = "",
    resume: Annotated[str, Form()] = "",
    next_: NextField = "",
) -> Response:
    """Forgot the passphrase: the recovery key opens the vault and a new passphrase is set."""
    next_path = local_path(next_) or "/"
    if state.is_unlocked:  # sent twice (a reload): set nothing again, just go on
        return RedirectResponse(next_path, status_code=303)
    errors: dict[str, str] = {}
    if not recovery_key.strip():
        errors["recovery_key"] = "Type the recovery key you saved when you set up Anchored."
    weak_ok = new_passphrase_weak == "yes"
    errors |= new_passphrase_errors(
        new_passphrase, new_passphrase_again, "new_passphrase", weak_ok=weak_ok
    )
    if errors:
        return _unlock_page(
            request,
            state,
            next_path,
            recovery_errors=errors,
            recovery_key=recovery_key,
            weak_ok=weak_ok,
            resume=resume,
            status=422,
        )
    try:
        state.vault.recover(recovery_key, new_passphrase, state.settings.argon2_profile)
        opened = prepare(state.vault.unlock(new_passphrase), owner, features)
    except VaultDamaged as exc:
        return damaged_page(request, state, exc)
    except WrongRecoveryKey as exc:
        state.sleep(WRONG_DELAY_SECONDS)
        return _unlock_page(
            request,
            state,
            next_path,
            recovery_errors={"recovery_key": exc.message},
            recovery_key=recovery_key,
            weak_ok=weak_ok,
            resume=resume,
            status=422,
        )
    except AnchoredError as exc:
        return _unlock_page(
            request,
            state,
            next_path,
            recovery_errors={"recovery_key": exc.message},
            resume=resume,
            status=422,
        )
    state.set_open(opened)
    after_unlock(opened, owner, features, now=state.now())
    return _unlocked(request, next_path, resume, recovered=True)


@router.post("/lock")
def lock(state: State) -> Response:
    state.lock()
    return RedirectResponse("/unlock", status_code=303)
