"""Safety plan: view, edit, print, and the choice to keep a record of help cards.

The plan holds names and numbers, so it stays behind the lock. Asked for while locked, its
pages say so and point to Help now (which works without unlocking), rather than only sending
the person to the unlock page.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import InvalidInput
from anchored.features.safety_plan import service as safety_plan
from anchored.features.safety_plan.safety_plan import load_safety_plan_content
from anchored.manifest import KitItem, Registry
from anchored.services import support
from anchored.services.country import help_lines
from anchored.web.deps import (
    CurrentOwner,
    Features,
    State,
    Unlocked,
    after_save,
    record_id_from,
    unlocked,
)
from anchored.web.state import AppState
from anchored.web.templating import render

router = APIRouter(prefix="/safety-plan")
# Offered by the support people: their list to pick from, and one with call/text links.
PEOPLE_CHOICES = "people.choices"
PEOPLE_CONTACT = "people.contact"
SectionText = Annotated[str, Form()]


async def _unlocked_plan(request: Request, state: State) -> AppState | None:
    """The open vault, or None while it is locked (the page then says the plan is behind the
    lock). Before setup, or during it, the same as any page that needs the vault."""
    if state.vault.exists() and not state.is_unlocked:
        return None
    return await unlocked(request, state)


PlanState = Annotated[AppState | None, Depends(_unlocked_plan)]


def _behind_the_lock(request: Request) -> Response:
    return render(request, "safety_plan/locked.html")


def _plan_values(state: AppState, owner: CurrentOwner) -> tuple[dict[str, str], bool]:
    with state.session() as session:
        plan = safety_plan.get_plan(session, owner)
        values = {key: getattr(plan, key) if plan else "" for key in safety_plan.SECTION_KEYS}
    return values, plan is not None


def _picked(state: AppState, owner: CurrentOwner, features: Registry) -> list[KitItem]:
    """The support people picked for "people I can ask for help", with their current
    numbers (through ``people.contact``); none without a support people feature."""
    contact = features.offer(PEOPLE_CONTACT)
    if contact is None:
        return []
    with state.session() as session:
        found = (
            contact(session, owner, i)
            for i in safety_plan.picked_people(safety_plan.get_plan(session, owner))
        )
        return [item for item in found if item is not None]


def _people_choices(
    state: AppState, owner: CurrentOwner, features: Registry
) -> list[tuple[int, str]] | None:
    """The owner's support people to pick from, or None without a support people feature."""
    choices = features.offer(PEOPLE_CHOICES)
    if choices is None:
        return None
    with state.session() as session:
        return list(choices(session, owner))


@router.get("")
def view(request: Request, state: PlanState, owner: CurrentOwner, features: Features) -> Response:
    if state is None:
        return _behind_the_lock(request)
    values, exists = _plan_values(state, owner)
    picked = _picked(state, owner, features)
    with state.session() as session:
        keeps = support.keeps_record(session, owner)
        times = support.recorded_times(session, owner) if keeps else []
    return render(
        request,
        "safety_plan/view.html",
        {
            "content": load_safety_plan_content(),
            "values": values,
            "exists": exists,
            "picked": picked,
            "keeps_record": keeps,
            "recorded": times,
            "saved": request.query_params.get("saved") == "1",
        },
    )


@router.get("/print")
def print_view(
    request: Request, state: PlanState, owner: CurrentOwner, features: Features
) -> Response:
    if state is None:
        return _behind_the_lock(request)
    values, _exists = _plan_values(state, owner)
    return render(
        request,
        "safety_plan/print.html",
        {
            "content": load_safety_plan_content(),
            "values": values,
            "picked": _picked(state, owner, features),
        },
    )


def _form(
    request: Request,
    values: dict[str, str],
    errors: dict[str, str] | None = None,
    *,
    people_choices: list[tuple[int, str]] | None = None,
    picked: list[int] | None = None,
) -> Response:
    return render(
        request,
        "safety_plan/edit.html",
        {
            "content": load_safety_plan_content(),
            "values": values,
            "errors": errors or {},
            "section_max": safety_plan.SECTION_MAX,
            "people_choices": people_choices,
            "picked_ids": picked or [],
        },
        status_code=422 if errors else 200,
    )


@router.get("/edit")
def edit_form(
    request: Request, state: PlanState, owner: CurrentOwner, features: Features
) -> Response:
    if state is None:
        return _behind_the_lock(request)
    values, exists = _plan_values(state, owner)
    if not exists or not values["professionals"]:
        values["professionals"] = safety_plan.suggested_professionals(help_lines(state.settings))
    with state.session() as session:
        picked = safety_plan.picked_people(safety_plan.get_plan(session, owner))
    choices = _people_choices(state, owner, features)
    return _form(request, values, people_choices=choices, picked=picked)


@router.post("/edit")
def save(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    warning_signs: SectionText = "",
    coping_alone: SectionText = "",
    distractions: SectionText = "",
    help_people: SectionText = "",
    professionals: SectionText = "",
    safer_surroundings: SectionText = "",
    what_matters: SectionText = "",
    help_person: Annotated[list[str] | None, Form()] = None,
    people_offered: SectionText = "",
) -> Response:
    values = {
        "warning_signs": warning_signs,
        "coping_alone": coping_alone,
        "distractions": distractions,
        "help_people": help_people,
        "professionals": professionals,
        "safer_surroundings": safer_surroundings,
        "what_matters": what_matters,
    }
    # The picks count only when the form offered them (an older page keeps them as they were).
    picked = [i for i in map(record_id_from, help_person or []) if i is not None]
    try:
        with state.session() as session:
            done = safety_plan.save_plan(
                session,
                owner,
                values,
                now=state.now(),
                help_people=picked if people_offered else None,
                people_choices=features.offer(PEOPLE_CHOICES),
            )
    except InvalidInput as exc:
        choices = _people_choices(state, owner, features)
        return _form(request, values, exc.errors, people_choices=choices, picked=picked)
    return after_save("/safety-plan?saved=1", done.needs_help)


@router.post("/record")
def set_record(state: Unlocked, owner: CurrentOwner, keep: Annotated[str, Form()] = "") -> Response:
    with state.session() as session:
        support.set_keep_record(session, owner, keep == "on")
    return RedirectResponse("/safety-plan#record", status_code=303)
