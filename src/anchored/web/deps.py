"""Route dependencies: the app state, the acting owner, and 'unlocked or go elsewhere'."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException
from starlette.requests import Request

from anchored.domain.owner import PERSONAL_OWNER, Owner
from anchored.web.state import AppState


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.anchored
    return state


def redirect(location: str) -> HTTPException:
    """Raised from a dependency to send the browser elsewhere (303 See Other)."""
    return HTTPException(status_code=303, headers={"Location": location})


def unlocked(state: Annotated[AppState, Depends(get_state)]) -> AppState:
    """The state of an open vault; otherwise onboarding, the recovery key step, or unlock."""
    if not state.vault.exists():
        raise redirect("/welcome")
    if state.pending_recovery_key is not None and state.is_unlocked:
        raise redirect("/welcome/recovery-key")
    if not state.is_unlocked:
        raise redirect("/unlock")
    return state


def current_owner() -> Owner:
    """Personal mode has one owner; hosted mode will read it from the login."""
    return PERSONAL_OWNER


State = Annotated[AppState, Depends(get_state)]
Unlocked = Annotated[AppState, Depends(unlocked)]
CurrentOwner = Annotated[Owner, Depends(current_owner)]
