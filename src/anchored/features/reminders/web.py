"""/settings/reminders: which reminders, on which days and at what time, and the calendar file
to download. The form works without JavaScript and says "Saved" calmly."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import InvalidInput
from anchored.features.reminders import rules
from anchored.features.reminders import service as reminders_service
from anchored.features.reminders.content import load_reminders
from anchored.web.deps import CurrentOwner, Unlocked
from anchored.web.state import AppState
from anchored.web.templating import render

router = APIRouter(prefix="/settings/reminders")

EVERY_LABELS = {1: "Every week", 2: "Every two weeks", 4: "Every four weeks"}


@router.get("")
def page(request: Request, state: Unlocked, owner: CurrentOwner) -> Response:
    with state.session() as session:
        found = reminders_service.reminders(session, owner)
        zone = reminders_service.zone(session, owner)
    return _page(
        request, state, _values(found, zone), saved=request.query_params.get("saved") == "1"
    )


def _values(found: list[reminders_service.Reminder], zone: str) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {"zone": [zone]}
    for reminder in found:
        plan, kind = reminder.plan, reminder.kind.id
        values[f"{kind}-on"] = ["yes"] if plan.on else []
        values[f"{kind}-days"] = list(plan.days)
        values[f"{kind}-time"] = [plan.at.strftime("%H:%M")]
        values[f"{kind}-every"] = [str(plan.every_weeks)]
    return values


def _page(
    request: Request,
    state: AppState,
    values: Mapping[str, Sequence[str]],
    *,
    errors: dict[str, str] | None = None,
    saved: bool = False,
) -> Response:
    kinds = load_reminders().kinds
    any_on = any(values.get(f"{kind.id}-on") for kind in kinds)
    return render(
        request,
        "reminders/page.html",
        {
            "kinds": kinds,
            "values": values,
            "errors": errors or {},
            "saved": saved,
            "any_on": any_on and not errors,
            "days": list(rules.DAY_NAMES.items()),
            "every": EVERY_LABELS,
            "file_name": reminders_service.FILE_NAME,
        },
        status_code=422 if errors else 200,
    )


@router.post("")
async def save(request: Request, state: Unlocked, owner: CurrentOwner) -> Response:
    form = await request.form()
    values = {key: [v for v in form.getlist(key) if isinstance(v, str)] for key in form}
    zone = (values.get("zone") or [""])[0]
    try:
        with state.session() as session:
            reminders_service.save_reminders(session, owner, values, zone_name=zone)
    except InvalidInput as exc:
        return _page(request, state, values, errors=exc.errors)
    return RedirectResponse("/settings/reminders?saved=1#file", status_code=303)


@router.get(f"/{reminders_service.FILE_NAME}")
def calendar_file(state: Unlocked, owner: CurrentOwner) -> Response:
    with state.session() as session:
        text = reminders_service.calendar_file(session, owner, now=state.now())
    return Response(
        text.encode("utf-8"),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{reminders_service.FILE_NAME}"'},
    )
