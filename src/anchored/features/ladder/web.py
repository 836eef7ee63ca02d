"""Exposure ladder pages: the ladder (with adding a rung), a rung with its chart and attempts,
recording an attempt, and editing or deleting (with confirmation) rungs and attempts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import InvalidInput
from anchored.core.owner import Owner
from anchored.features.ladder import chart, rules
from anchored.features.ladder import service as ladder
from anchored.features.ladder.examples import SITUATION_MAX, load_examples
from anchored.features.ladder.models import LadderAttempt, LadderRung
from anchored.features.ladder.service import AttemptInput, RungRefused
from anchored.web.deps import (
    CurrentOwner,
    Once,
    RecordId,
    Unlocked,
    after_save,
    help_card_for,
    record_id_from,
)
from anchored.web.state import AppState
from anchored.web.templating import render

router = APIRouter(prefix="/ladder")
Text = Annotated[str, Form()]
NOT_ADDED = "This was not added to your ladder, but some of what you wrote sounded very painful."
LEVELS = {"min": rules.LEVEL_MIN, "max": rules.LEVEL_MAX}


def _ladder_page(
    request: Request,
    state: AppState,
    owner: Owner,
    *,
    values: dict[str, str],
    errors: dict[str, str],
    extra: dict[str, Any] | None = None,
) -> Response:
    with state.session() as session:
        found = ladder.ladder(session, owner)
    query = request.query_params
    return render(
        request,
        "ladder/ladder.html",
        {
            "ladder": found,
            "values": values,
            "errors": errors,
            "examples": load_examples().examples,
            "added": record_id_from(query.get("added")),
            "deleted": query.get("deleted") == "1",
            "situation_max": SITUATION_MAX,
            "levels": LEVELS,
            **(extra or {}),
        },
        status_code=422 if errors else 200,
    )


def _refused_card(state: AppState, situation: str) -> dict[str, Any]:
    """The help card for a refused rung, saying that nothing was saved."""
    card = help_card_for(state, situation)
    return {**card, "support_intro": NOT_ADDED} if card else {}


@router.get("")
def ladder_page(
    request: Request, state: Unlocked, owner: CurrentOwner, example: str = ""
) -> Response:
    chosen = load_examples().get(example.strip())
    values = {"situation": chosen.text} if chosen is not None else {}
    return _ladder_page(request, state, owner, values=values, errors={})


@router.post("/new")
def add_rung(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    once: Once,
    situation: Text = "",
    rating: Text = "",
) -> Response:
    values = {"situation": situation, "rating": rating}
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = ladder.add_rung(session, owner, situation, rating, now=state.now())
            sending.saved(f"/ladder/{done.id}", record=(LadderRung, done.id), listing="/ladder")
    except RungRefused as refused:
        with state.session() as session:
            ladder.record_refusal(session, owner, situation)
        card = _refused_card(state, situation)
        return _ladder_page(request, state, owner, values=values, errors=refused.errors, extra=card)
    except InvalidInput as exc:
        return _ladder_page(request, state, owner, values=values, errors=exc.errors)
    return after_save(f"/ladder?added={done.id}#rung-{done.id}", done.needs_help)


@router.get("/attempts/new")
def new_attempt(request: Request, state: Unlocked, owner: CurrentOwner, rung: str = "") -> Response:
    with state.session() as session:
        today = rules.local_day(state.now())
        found = ladder.ladder(session, owner)
    asked = record_id_from(rung)
    chosen = next((v.id for v in found.rungs if v.id == asked), None)
    if chosen is None and found.next is not None:
        chosen = found.next.id
    values = {"attempted_on": today.isoformat(), "rung_id": str(chosen or "")}
    return _attempt_form(request, state, owner, attempt_id=None, values=values, errors={})


def _attempt_form(
    request: Request,
    state: AppState,
    owner: Owner,
    *,
    attempt_id: int | None,
    values: dict[str, str],
    errors: dict[str, str],
) -> Response:
    with state.session() as session:
        found = ladder.ladder(session, owner)
        today = rules.local_day(state.now())
    rung = next((v.rung for v in found.rungs if str(v.id) == values.get("rung_id")), None)
    return render(
        request,
        "ladder/attempt_form.html",
        {
            "attempt_id": attempt_id,
            "rungs": found.rungs,
            "rung": rung,
            "values": values,
            "errors": errors,
            "today": today.isoformat(),
            "levels": LEVELS,
            "text_max": ladder.TEXT_MAX,
        },
        status_code=422 if errors else 200,
    )


def _attempt_input(values: dict[str, str]) -> AttemptInput:
    return AttemptInput(
        predicted=values["predicted"],
        peak=values["peak"],
        at_end=values["at_end"],
        attempted_on=values["attempted_on"],
        feared=values["feared"],
        happened=values["happened"],
        learned=values["learned"],
    )


@router.post("/attempts/new")
def add_attempt(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    once: Once,
    rung_id: Text = "",
    attempted_on: Text = "",
    predicted: Text = "",
    peak: Text = "",
    at_end: Text = "",
    feared: Text = "",
    happened: Text = "",
    learned: Text = "",
) -> Response:
    values = {
        "rung_id": rung_id,
        "attempted_on": attempted_on,
        "predicted": predicted,
        "peak": peak,
        "at_end": at_end,
        "feared": feared,
        "happened": happened,
        "learned": learned,
    }
    chosen = record_id_from(rung_id)
    if chosen is None:
        errors = {"rung_id": "Choose the rung you tried."}
        return _attempt_form(request, state, owner, attempt_id=None, values=values, errors=errors)
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = ladder.add_attempt(
                session, owner, chosen, _attempt_input(values), now=state.now()
            )
            where = f"/ladder/{chosen}"
            sending.saved(where, record=(LadderAttempt, done.id), listing=where)
    except InvalidInput as exc:
        return _attempt_form(
            request, state, owner, attempt_id=None, values=values, errors=exc.errors
        )
    return after_save(f"/ladder/{chosen}?saved=attempt#attempt-{done.id}", done.needs_help)


@router.get("/attempts/{attempt_id}/edit")
def edit_attempt_form(
    request: Request, state: Unlocked, owner: CurrentOwner, attempt_id: RecordId
) -> Response:
    with state.session() as session:
        attempt = ladder.get_attempt(session, owner, attempt_id)
    values = {
        "rung_id": str(attempt.rung_id),
        "attempted_on": attempt.attempted_on.isoformat(),
        "predicted": str(attempt.predicted),
        "peak": str(attempt.peak),
        "at_end": str(attempt.at_end),
        "feared": attempt.feared,
        "happened": attempt.happened,
        "learned": attempt.learned,
    }
    return _attempt_form(request, state, owner, attempt_id=attempt_id, values=values, errors={})


@router.post("/attempts/{attempt_id}/edit")
def edit_attempt(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    attempt_id: RecordId,
    attempted_on: Text = "",
    predicted: Text = "",
    peak: Text = "",
    at_end: Text = "",
    feared: Text = "",
    happened: Text = "",
    learned: Text = "",
) -> Response:
    values = {
        "attempted_on": attempted_on,
        "predicted": predicted,
        "peak": peak,
        "at_end": at_end,
        "feared": feared,
        "happened": happened,
        "learned": learned,
    }
    try:
        with state.session() as session:
            rung_id = ladder.get_attempt(session, owner, attempt_id).rung_id
            values["rung_id"] = str(rung_id)
            done = ladder.update_attempt(
                session, owner, attempt_id, _attempt_input(values), now=state.now()
            )
    except InvalidInput as exc:
        return _attempt_form(
            request, state, owner, attempt_id=attempt_id, values=values, errors=exc.errors
        )
    return after_save(f"/ladder/{rung_id}?saved=attempt#attempt-{attempt_id}", done.needs_help)


@router.get("/attempts/{attempt_id}/delete")
def confirm_delete_attempt(
    request: Request, state: Unlocked, owner: CurrentOwner, attempt_id: RecordId
) -> Response:
    with state.session() as session:
        attempt = ladder.get_attempt(session, owner, attempt_id)
        rung = ladder.get_rung(session, owner, attempt.rung_id)
    return render(request, "ladder/delete_attempt.html", {"attempt": attempt, "rung": rung})


@router.post("/attempts/{attempt_id}/delete")
def delete_attempt(state: Unlocked, owner: CurrentOwner, attempt_id: RecordId) -> Response:
    with state.session() as session:
        rung_id = ladder.delete_attempt(session, owner, attempt_id)
    return RedirectResponse(f"/ladder/{rung_id}?deleted=attempt", status_code=303)


@router.get("/{rung_id}")
def rung_page(
    request: Request, state: Unlocked, owner: CurrentOwner, rung_id: RecordId
) -> Response:
    with state.session() as session:
        detail = ladder.rung_detail(session, owner, rung_id)
    texts = [text for a in detail.attempts for text in (a.feared, a.happened, a.learned)]
    query = request.query_params
    return render(
        request,
        "ladder/rung.html",
        {
            "detail": detail,
            "rung": detail.rung,
            "chart": chart.predicted_vs_peak([(a.predicted, a.peak) for a in detail.attempts]),
            "saved": query.get("saved"),
            "deleted": query.get("deleted"),
            "falls": rules.FALLS_FOR_EASIER,
            **help_card_for(state, detail.rung.situation, *texts),
        },
    )


def _rung_form(
    request: Request,
    *,
    rung_id: int,
    values: dict[str, str],
    errors: dict[str, str],
    extra: dict[str, Any] | None = None,
) -> Response:
    return render(
        request,
        "ladder/rung_form.html",
        {
            "rung_id": rung_id,
            "values": values,
            "errors": errors,
            "situation_max": SITUATION_MAX,
            "levels": LEVELS,
            **(extra or {}),
        },
        status_code=422 if errors else 200,
    )


@router.get("/{rung_id}/edit")
def edit_rung_form(
    request: Request, state: Unlocked, owner: CurrentOwner, rung_id: RecordId
) -> Response:
    with state.session() as session:
        rung = ladder.get_rung(session, owner, rung_id)
    values = {"situation": rung.situation, "rating": str(rung.rating)}
    return _rung_form(request, rung_id=rung_id, values=values, errors={})


@router.post("/{rung_id}/edit")
def edit_rung(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    rung_id: RecordId,
    situation: Text = "",
    rating: Text = "",
) -> Response:
    values = {"situation": situation, "rating": rating}
    try:
        with state.session() as session:
            done = ladder.update_rung(session, owner, rung_id, situation, rating, now=state.now())
    except RungRefused as refused:
        with state.session() as session:
            ladder.record_refusal(session, owner, situation)
        card = _refused_card(state, situation)
        return _rung_form(
            request, rung_id=rung_id, values=values, errors=refused.errors, extra=card
        )
    except InvalidInput as exc:
        return _rung_form(request, rung_id=rung_id, values=values, errors=exc.errors)
    return after_save(f"/ladder/{rung_id}?saved=rung", done.needs_help)


@router.get("/{rung_id}/delete")
def confirm_delete_rung(
    request: Request, state: Unlocked, owner: CurrentOwner, rung_id: RecordId
) -> Response:
    with state.session() as session:
        detail = ladder.rung_detail(session, owner, rung_id)
    return render(request, "ladder/delete_rung.html", {"rung": detail.rung, "detail": detail})


@router.post("/{rung_id}/delete")
def delete_rung(state: Unlocked, owner: CurrentOwner, rung_id: RecordId) -> Response:
    with state.session() as session:
        ladder.delete_rung(session, owner, rung_id)
    return RedirectResponse("/ladder?deleted=1", status_code=303)
