"""First run: what Anchored is and is not, a passphrase, the recovery key once, a country."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.content.crisis_lines import load_crisis_lines
from anchored.core.errors import AnchoredError
from anchored.core.passphrase import check_passphrase, new_passphrase_errors
from anchored.services.country import chosen_country, save_country
from anchored.services.vault import after_unlock, prepare
from anchored.web.deps import CurrentOwner, Features, State
from anchored.web.templating import render

router = APIRouter()


def _elsewhere(state: State) -> Response | None:
    if state.vault.exists():
        if state.is_unlocked and state.pending_recovery_key is not None:
            return RedirectResponse("/welcome/recovery-key", status_code=303)
        return RedirectResponse("/" if state.is_unlocked else "/unlock", status_code=303)
    return None


def _form(request: Request, state: State, status: int = 200, **context: object) -> Response:
    context.setdefault("country", chosen_country(state.settings))
    context["countries"] = load_crisis_lines().countries()
    return render(request, "onboarding/welcome.html", context, status_code=status)


@router.get("/welcome")
def welcome(request: Request, state: State) -> Response:
    return _elsewhere(state) or _form(request, state)


@router.post("/welcome")
def create_vault(
    request: Request,
    state: State,
    owner: CurrentOwner,
    features: Features,
    understood: Annotated[str, Form()] = "",
    passphrase: Annotated[str, Form()] = "",
    passphrase_again: Annotated[str, Form()] = "",
    country: Annotated[str, Form()] = "",
    passphrase_weak: Annotated[str, Form()] = "",
) -> Response:
    if (other := _elsewhere(state)) is not None:
        return other
    weak_ok = passphrase_weak == "yes"
    errors: dict[str, str] = {}
    if understood != "yes":
        errors["understood"] = "Please tick the box to say you have read this."
    errors |= new_passphrase_errors(passphrase, passphrase_again, "passphrase", weak_ok=weak_ok)
    if load_crisis_lines().for_country(country) is None:
        errors["country"] = "Choose a country from the list."
    if errors:
        # Passphrases are never sent back into the page; everything else is kept.
        return _form(
            request,
            state,
            status=422,
            errors=errors,
            understood=understood == "yes",
            weak_ok=weak_ok,
            country=country or chosen_country(state.settings),
        )
    try:
        opened, recovery_key = state.vault.create(passphrase, state.settings.argon2_profile)
        prepare(opened, owner, features)
    except AnchoredError as exc:
        return _form(request, state, status=409, errors={"form": exc.message})
    save_country(state.settings, country)
    state.set_open(opened)
    # What every unlock starts (the on-device model for the crisis check, loading in the
    # background), so the very first entry is checked as fully as any later one.
    after_unlock(opened, owner, features, now=state.now())
    state.pending_recovery_key = recovery_key
    return RedirectResponse("/welcome/recovery-key", status_code=303)


@router.post("/welcome/strength")
def strength(request: Request, passphrase: Annotated[str, Form()] = "") -> Response:
    """The live strength hint (htmx); without JavaScript the same hint comes on submit."""
    return render(request, "onboarding/_strength.html", {"check": check_passphrase(passphrase)})


def _key_context(state: State) -> dict[str, object]:
    # A key made later (from the settings) replaces one the person already had.
    return {"key": state.pending_recovery_key, "replaced": state.recovery_key_next is not None}


@router.get("/welcome/recovery-key")
def recovery_key(request: Request, state: State) -> Response:
    if state.pending_recovery_key is None or not state.is_unlocked:
        return RedirectResponse("/", status_code=303)
    return render(request, "onboarding/recovery_key.html", _key_context(state))


@router.post("/welcome/recovery-key")
def recovery_key_saved(
    request: Request, state: State, saved: Annotated[str, Form()] = ""
) -> Response:
    if state.pending_recovery_key is None or not state.is_unlocked:
        return RedirectResponse("/", status_code=303)
    if saved != "yes":
        return render(
            request,
            "onboarding/recovery_key.html",
            {
                **_key_context(state),
                "error": "Tick the box once your recovery key is somewhere safe.",
            },
            status_code=422,
        )
    state.pending_recovery_key = None
    next_path, state.recovery_key_next = state.recovery_key_next, None
    return RedirectResponse(next_path or "/?welcome=1", status_code=303)
