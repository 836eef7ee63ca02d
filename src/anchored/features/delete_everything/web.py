"""Delete everything: what goes and what stays, a typed DELETE, then back to the first run."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import AnchoredError
from anchored.features.delete_everything import service
from anchored.web.deps import Features, State, Unlocked
from anchored.web.templating import render

router = APIRouter(prefix="/settings/delete")
CONFIRM_WORD = "DELETE"


@router.get("")
def delete_page(request: Request, state: Unlocked, features: Features) -> Response:
    found = service.plan(state.settings.data_dir, features)
    return render(request, "delete_everything/confirm.html", {"plan": found, "errors": {}})


@router.post("")
def delete_all(
    request: Request,
    state: Unlocked,
    features: Features,
    confirm: Annotated[str, Form()] = "",
) -> Response:
    if confirm.strip() != CONFIRM_WORD:
        found = service.plan(state.settings.data_dir, features)
        errors = {"confirm": f"Type {CONFIRM_WORD} in capitals to delete everything."}
        context = {"plan": found, "errors": errors}
        return render(request, "delete_everything/confirm.html", context, status_code=422)
    # Our own hold on the vault goes first (and the key is wiped): the erase needs it alone.
    state.lock()
    try:
        service.delete_everything(state.vault, features)
    except AnchoredError as exc:
        context = {"problem": exc.message}
        return render(request, "delete_everything/not_deleted.html", context, status_code=409)
    return RedirectResponse("/settings/delete/done", status_code=303)


@router.get("/done")
def deleted(request: Request, state: State) -> Response:
    if state.vault.exists():
        return RedirectResponse("/settings/delete", status_code=303)
    return render(request, "delete_everything/done.html")
