"""The pause without an open vault, and keeping it once the vault is open.

``/pause/unsaved…`` is public (the manifest lists it): it works while locked, before setup and in
a browser without the session, touches no vault and stores nothing. What was written comes back
with every button and is rendered into the same page only, autoescaped; posts from other sites
are refused before they get here (the security middleware). ``/pause/keep`` is not public: it
needs the session, and while the vault is locked it shows the unlock page carrying the form,
the same resume path as a form sent after the vault locked itself.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import InvalidInput
from anchored.features.pause import UNSAVED, rules
from anchored.features.pause import service as pause
from anchored.features.pause.self_compassion import load_self_compassion
from anchored.features.pause.unsaved import (
    UnsavedPause,
    end_now,
    extend,
    fields_of,
    read_unsaved,
    set_minutes,
)
from anchored.services.country import help_lines
from anchored.web.deps import CurrentOwner, State, after_save, resume_form
from anchored.web.state import AppState, session_id_from
from anchored.web.templating import render

router = APIRouter(prefix="/pause")
BASE = UNSAVED.removeprefix("/pause")
# What the running page shows itself; everything else it carries in hidden fields.
RUNNING_FIELDS = ("what_happened", "urge_before", "held_message", "statements", "kinds")
END_FIELDS = ("urge_after", "decision", "final_message", "note")


async def _fields(request: Request) -> list[tuple[str, str]]:
    form = await request.form()
    return fields_of(form.multi_items())


Fields = Annotated[list[tuple[str, str]], Depends(_fields)]


def _keeping(request: Request, state: AppState) -> str:
    """Whether this pause can be kept at its end: "yes", or why not ("setup", "session")."""
    if not state.vault.exists():
        return "setup"
    if not state.has_session(session_id_from(request.scope)):
        return "session"
    return "yes"


def _show(
    request: Request,
    state: AppState,
    carried: UnsavedPause,
    *,
    errors: dict[str, str] | None = None,
    end: bool = False,
) -> Response:
    """The running page, or the end once the timer has run out (or ``end``)."""
    now = state.now()
    errors = {**carried.errors, **(errors or {})}
    remaining = carried.remaining(now)
    context: dict[str, Any] = {
        "pause": carried,
        "errors": errors,
        "keeping": _keeping(request, state),
        "locked": not state.is_unlocked,
        "compassion": load_self_compassion().line_for(int(carried.started.timestamp())),
        "urge_values": range(rules.URGE_MIN, rules.URGE_MAX + 1),
        "extend_choices": rules.EXTEND_CHOICES,
    }
    if carried.needs_help():
        # Safety rule: help first, each time the words are on screen; nothing is recorded.
        context.update(support_card=help_lines(state.settings), support_not_saved=True)
    status_code = 422 if errors else 200
    if end or remaining == 0:
        duration = rules.duration_seconds(carried.started, carried.ends, now)
        context.update(
            hidden=list(carried.carried(*END_FIELDS)),
            final_message=(
                carried.held_message if carried.final_message is None else carried.final_message
            ),
            duration=rules.duration_text(duration),
            choices={
                key: label
                for key, label in rules.DECISION_CHOICES.items()
                if carried.held_message.strip() or key != "sent_as_is"
            },
            limits={"message": rules.MESSAGE_MAX, "note": rules.NOTE_MAX},
        )
        return render(request, "pause/unsaved_end.html", context, status_code=status_code)
    context.update(
        hidden=list(carried.carried(*RUNNING_FIELDS)),
        remaining=remaining,
        clock=rules.clock_text(remaining),
        left_text=rules.minutes_left_text(remaining),
        planned=carried.planned_minutes,
        minute_choices=rules.MINUTE_CHOICES,
        limits={
            "what_happened": rules.WHAT_HAPPENED_MAX,
            "message": rules.MESSAGE_MAX,
            "statements": rules.STATEMENTS_MAX,
        },
    )
    return render(request, "pause/unsaved.html", context, status_code=status_code)


@router.post(BASE)
def begin(state: State) -> Response:
    """The header's Pause without an open vault: the start time goes into the address, so a
    reload keeps the timer right."""
    started = rules.carried_text(state.now())
    return RedirectResponse(f"{UNSAVED}?started={started}", status_code=303)


@router.get(BASE)
def fresh(request: Request, state: State, started: str = "") -> Response:
    return _show(request, state, read_unsaved([("started", started)], state.now()))


@router.post(f"{BASE}/update")
def update(request: Request, state: State, fields: Fields) -> Response:
    """Sort the thoughts, see the time left: the page again, with what was written."""
    return _show(request, state, read_unsaved(fields, state.now()))


@router.post(f"{BASE}/timer")
def timer(
    request: Request, state: State, fields: Fields, minutes: Annotated[str, Form()] = ""
) -> Response:
    carried = read_unsaved(fields, state.now())
    try:
        carried = set_minutes(carried, rules.minutes_from(minutes))
    except ValueError as exc:
        return _show(request, state, carried, errors={"minutes": str(exc)})
    return _show(request, state, carried)


@router.post(f"{BASE}/extend")
def more_time(
    request: Request, state: State, fields: Fields, minutes: Annotated[str, Form()] = ""
) -> Response:
    now = state.now()
    carried = read_unsaved(fields, now)
    try:
        carried = extend(carried, rules.minutes_from(minutes), now)
    except ValueError as exc:
        return _show(request, state, carried, errors={"minutes": str(exc)})
    return _show(request, state, carried)


@router.post(f"{BASE}/end")
def end(request: Request, state: State, fields: Fields) -> Response:
    now = state.now()
    return _show(request, state, end_now(read_unsaved(fields, now), now), end=True)


@router.get(f"{BASE}/done")
def let_go(request: Request, state: State) -> Response:
    return render(request, "pause/unsaved_done.html", {"keeping": _keeping(request, state)})


@router.post("/keep")
def keep(request: Request, state: State, owner: CurrentOwner, fields: Fields) -> Response:
    """Keep a pause made without an open vault. Locked: the unlock page, carrying the form
    (nothing is kept on the server until the person unlocks and says "Save it now")."""
    now = state.now()
    carried = read_unsaved(fields, now)
    if not state.vault.exists():
        return _show(request, state, carried, end=True)
    if not state.is_unlocked:
        resume = resume_form(request.url.path, fields)
        return render(request, "unlock/unlock.html", {"resume": resume})
    try:
        with state.session() as session:
            done = pause.keep_unsaved(session, owner, carried, now=now)
    except InvalidInput:
        return _show(request, state, carried, end=True)
    return after_save(f"/pause/{done.id}?kept=1", done.needs_help)
