"""/settings: one page of choices, each its own small form (works without JavaScript, says
"Saved" calmly), and two pages that change the vault's keys: the passphrase, and a new
recovery key shown once with the same "I saved it" step as onboarding.

The two key pages never hand what was typed back to the browser: not in an error, and not in
the unlock page's "send it again" form when the vault locked meanwhile (they take ``State``,
not ``Unlocked``, and send the person to unlock without the fields)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.content.crisis_lines import load_crisis_lines
from anchored.core.errors import AnchoredError, InvalidInput, VaultDamaged, WrongPassphrase
from anchored.core.passphrase import check_passphrase, new_passphrase_errors
from anchored.features.settings import GROUP
from anchored.features.settings import service as settings_service
from anchored.services.appearance import THEMES, chosen_theme, save_theme
from anchored.services.country import chosen_country, save_country, save_persons_country
from anchored.web.deps import CurrentOwner, Features, State, Unlocked, redirect
from anchored.web.state import AppState
from anchored.web.templating import render

router = APIRouter(prefix="/settings")

WRONG_DELAY_SECONDS = 1.0  # as on the unlock page: slows guessing
Field = Annotated[str, Form()]

SAVED = {
    "country": "Saved. Help now shows this country's lines.",
    "theme": "Saved. Anchored looks like this now, locked or not.",
    "idle": "Saved. It applies from now on.",
    "note": "Saved.",
    "passphrase": "Saved. Your passphrase is changed; use the new one next time you unlock. "
    "Your recovery key still works.",
    "recovery": "Saved. Your new recovery key is the only one that works now.",
}
THEME_LABELS = {
    "system": "Like this device (light or dark as it is set)",
    "light": "Always light",
    "dark": "Always dark",
}


@router.get("")
def page(request: Request, state: Unlocked, owner: CurrentOwner, features: Features) -> Response:
    return _page(request, state, owner, features)


def _page(
    request: Request,
    state: AppState,
    owner: CurrentOwner,
    features: Features,
    *,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    with state.session() as session:
        kept = settings_service.in_vault(session, owner)
    shelf = dict(features.shelf).get(GROUP, ())
    return render(
        request,
        "settings/page.html",
        {
            "saved": SAVED.get(request.query_params.get("saved", "")),
            "errors": errors or {},
            "countries": load_crisis_lines().countries(),
            "country": chosen_country(state.settings),
            "themes": [(theme, THEME_LABELS[theme]) for theme in THEMES],
            "theme_chosen": chosen_theme(state.settings),
            "idle_choices": settings_service.IDLE_CHOICES,
            "idle_minutes": state.idle_lock_minutes,
            "idle_default": state.settings.idle_lock_minutes,
            "idle_chosen": kept.idle_minutes,
            "keeps_note": kept.keeps_help_card_note,
            "parts": [entry for entry in shelf if entry.path != "/settings"],
        },
        status_code=status,
    )


def _saved(what: str) -> Response:
    return RedirectResponse(f"/settings?saved={what}#{what}", status_code=303)


@router.post("/country")
def choose_country(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features, country: Field = ""
) -> Response:
    if state.settings.hosted:  # many people on one server: the person's own account
        with state.session() as session:
            saved = save_persons_country(session, owner, country)
    else:
        saved = save_country(state.settings, country)
    if not saved:
        errors = {"country": "Choose a country from the list."}
        return _page(request, state, owner, features, errors=errors, status=422)
    return _saved("country")


@router.post("/theme")
def choose_theme(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features, theme: Field = ""
) -> Response:
    if not save_theme(state.settings, theme):
        errors = {"theme": "Choose one of the three."}
        return _page(request, state, owner, features, errors=errors, status=422)
    return _saved("theme")


@router.post("/idle-lock")
def choose_idle_lock(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    idle_minutes: Field = "",
) -> Response:
    try:
        with state.session() as session:
            minutes = settings_service.choose_idle_minutes(session, owner, idle_minutes)
    except InvalidInput as exc:
        return _page(request, state, owner, features, errors=exc.errors, status=422)
    state.chosen_idle_minutes = minutes  # applied at once, not only after the next unlock
    return _saved("idle")


@router.post("/help-card-note")
def keep_note(state: Unlocked, owner: CurrentOwner, keep: Field = "") -> Response:
    with state.session() as session:
        settings_service.keep_help_card_note(session, owner, keep == "on")
    return _saved("note")


# -- the vault's keys --------------------------------------------------------------------------


def _open_or_elsewhere(request: Request, state: AppState) -> None:
    """Like ``Unlocked``, but a form sent while locked goes to unlock without its fields."""
    if not state.vault.exists():
        raise redirect("/welcome")
    if state.pending_recovery_key is not None and state.is_unlocked:
        raise redirect("/welcome/recovery-key")
    if not state.is_unlocked:
        raise redirect(f"/unlock?next={request.url.path}")


def _passphrase_page(
    request: Request, errors: dict[str, str] | None = None, *, weak_ok: bool = False
) -> Response:
    status = 422 if errors else 200
    context = {"errors": errors or {}, "weak_ok": weak_ok}
    return render(request, "settings/passphrase.html", context, status_code=status)


@router.get("/passphrase")
def passphrase_form(request: Request, state: State) -> Response:
    _open_or_elsewhere(request, state)
    return _passphrase_page(request)


@router.post("/passphrase")
def change_passphrase(
    request: Request,
    state: State,
    current: Field = "",
    new_passphrase: Field = "",
    new_passphrase_again: Field = "",
    new_passphrase_weak: Field = "",
) -> Response:
    _open_or_elsewhere(request, state)
    weak_ok = new_passphrase_weak == "yes"
    errors: dict[str, str] = {}
    if not current:
        errors["current"] = "Type the passphrase you unlock Anchored with now."
    errors |= new_passphrase_errors(
        new_passphrase, new_passphrase_again, "new_passphrase", weak_ok=weak_ok
    )
    if errors:
        return _passphrase_page(request, errors, weak_ok=weak_ok)
    opened = state.open_vault()
    try:
        opened.change_passphrase(current, new_passphrase, state.settings.argon2_profile)
    except WrongPassphrase:
        if _already_changed(state, new_passphrase):  # the same form sent twice
            return _saved("passphrase")
        state.sleep(WRONG_DELAY_SECONDS)
        wrong = "That is not the passphrase that unlocks Anchored now. Nothing was changed."
        return _passphrase_page(request, {"current": wrong}, weak_ok=weak_ok)
    except VaultDamaged:
        raise
    except AnchoredError as exc:  # e.g. the vault is open in a command: nothing was changed
        return _passphrase_page(request, {"form": exc.message}, weak_ok=weak_ok)
    return _saved("passphrase")


def _already_changed(state: AppState, new: str) -> bool:
    """Whether ``new`` is already the passphrase (this change was saved a moment ago)."""
    try:
        return state.open_vault().opens_with(new)
    except AnchoredError:
        return False


@router.post("/strength")
def strength(request: Request, new_passphrase: Field = "") -> Response:
    """The live strength hint (htmx); without JavaScript the same hint comes on submit."""
    context = {"check": check_passphrase(new_passphrase)}
    return render(request, "onboarding/_strength.html", context)


@router.get("/recovery-key")
def recovery_key_form(request: Request, state: State) -> Response:
    _open_or_elsewhere(request, state)
    return render(request, "settings/recovery_key.html", {"errors": {}})


@router.post("/recovery-key")
def new_recovery_key(request: Request, state: State, passphrase: Field = "") -> Response:
    _open_or_elsewhere(request, state)

    def again(error: str) -> Response:
        context = {"errors": {"passphrase": error}}
        return render(request, "settings/recovery_key.html", context, status_code=422)

    if not passphrase:
        return again("Type your passphrase first.")
    try:
        key = state.open_vault().new_recovery_key(passphrase)
    except WrongPassphrase:
        state.sleep(WRONG_DELAY_SECONDS)
        return again("That is not the passphrase that unlocks Anchored now. Nothing was changed.")
    except VaultDamaged:
        raise
    except AnchoredError as exc:
        return again(exc.message)
    # Shown once, on the same page and with the same "I saved it" step as at onboarding.
    state.pending_recovery_key = key
    state.recovery_key_next = "/settings?saved=recovery#recovery"
    return RedirectResponse("/welcome/recovery-key", status_code=303)
