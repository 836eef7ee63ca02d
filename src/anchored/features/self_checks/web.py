"""Self-check pages: the questionnaires, one form each (one question per screen on a phone,
all on one page on a desktop, by CSS alone), a result page (help card first when the
questionnaire's safety rule fires), each questionnaire's history, and reminders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from fastapi import APIRouter
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import InvalidInput
from anchored.core.owner import Owner
from anchored.features.self_checks import service as self_checks
from anchored.features.self_checks import shown
from anchored.features.self_checks.instrument import Instrument
from anchored.features.self_checks.models import SelfCheckResult
from anchored.services.country import help_lines
from anchored.web.deps import CurrentOwner, Once, RecordId, Unlocked
from anchored.web.state import AppState
from anchored.web.templating import render

PREFIX = "/self-checks"
router = APIRouter(prefix=PREFIX)

# The help card's opening when a questionnaire's safety rule fires (PHQ-9 item 9 above 0):
# calm, no risk words, and whatever the score.
SAFETY_INTRO = (
    "One of your answers was about thoughts of being better off dead or of hurting yourself, "
    "so this comes first, whatever your score."
)
INTERVAL_LABELS = {
    7: "Every week",
    14: "Every 2 weeks",
    30: "Every month",
    60: "Every 2 months",
    90: "Every 3 months",
}


def _help_first(state: AppState) -> dict[str, Any]:
    return {"support_card": help_lines(state.settings), "support_intro": SAFETY_INTRO}


def _instrument(instrument_id: str) -> Instrument:
    return self_checks.get_instrument(instrument_id)  # NotFound: a 404


def _step(text: str) -> int | None:
    text = text.strip()
    if text.isascii() and text.isdigit() and len(text) <= 2 and 1 <= int(text) <= 13:
        return int(text)
    return None


# -- the list ----------------------------------------------------------------------------------


@router.get("")
def index(request: Request, state: Unlocked, owner: CurrentOwner, step: str = "") -> Response:
    with state.session() as session:
        found = self_checks.statuses(session, owner, now=state.now())
        on = self_checks.reminders_on(session, owner)
    chosen = _step(step)
    catalogue = self_checks.load_catalogue()
    return render(
        request,
        "self_checks/index.html",
        {
            "statuses": found,
            "abouts": {s.instrument.id: catalogue.about(s.instrument.id) for s in found},
            "unavailable": catalogue.unavailable,
            "reminders_on": on,
            "step": chosen,
            "for_step": self_checks.suggested_for_step(chosen) if chosen else (),
            "intervals": INTERVAL_LABELS,
        },
    )


def due_panel(session: Session, owner: Owner, _request: Request, now: datetime) -> dict[str, Any]:
    """Home: one quiet line when a self-check the person started is due; nothing otherwise."""
    return {"due_checks": self_checks.due(session, owner, now=now)}


# -- reminders ---------------------------------------------------------------------------------


def _reminders_page(
    request: Request,
    state: AppState,
    owner: Owner,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> Response:
    with state.session() as session:
        on = self_checks.reminders_on(session, owner)
        every = self_checks.reminder_days(session, owner)
    chosen = values or {
        "on": "yes" if on else "",
        **{f"every-{i}": str(days or "off") for i, days in every.items()},
    }
    catalogue = self_checks.load_catalogue()
    return render(
        request,
        "self_checks/reminders.html",
        {
            "instruments": catalogue.instruments,
            "suggested": {i.id: catalogue.about(i.id).every_days for i in catalogue.instruments},
            "values": chosen,
            "errors": errors or {},
            "intervals": INTERVAL_LABELS,
            "saved": request.query_params.get("saved") == "1",
        },
        status_code=422 if errors else 200,
    )


@router.get("/reminders")
def reminders(request: Request, state: Unlocked, owner: CurrentOwner) -> Response:
    return _reminders_page(request, state, owner)


def _days(text: str) -> int | None:
    text = text.strip()
    if text == "off":
        return None
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 3 else -1


@router.post("/reminders")
async def save_reminders(request: Request, state: Unlocked, owner: CurrentOwner) -> Response:
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    every = {
        i.id: _days(values.get(f"every-{i.id}", "off"))
        for i in self_checks.load_catalogue().instruments
    }
    try:
        with state.session() as session:
            self_checks.set_reminders(session, owner, on=values.get("on") == "yes", every=every)
    except InvalidInput as exc:
        return _reminders_page(request, state, owner, values=values, errors=exc.errors)
    return RedirectResponse(f"{PREFIX}/reminders?saved=1", status_code=303)


# -- results -----------------------------------------------------------------------------------


def _result_context(
    state: AppState, session: Session, owner: Owner, result: SelfCheckResult
) -> dict[str, Any]:
    instrument = _instrument(result.instrument_id)
    score = self_checks.score_of(result)
    newest_first = self_checks.results(session, owner, instrument.id)
    position = next(i for i, r in enumerate(newest_first) if r.id == result.id)
    return {
        "instrument": instrument,
        "about": self_checks.about(instrument),
        "result": result,
        "score": score,
        "lines": shown.lines(instrument, score),
        # Change up to this result: from the first, and from the one before it.
        "changes": _change_lines(instrument, newest_first[position:]),
        "recent": [
            (r, shown.lines(instrument, self_checks.score_of(r)))
            for r in newest_first[: self_checks.RECENT]
        ],
        "count": len(newest_first),
        **(_help_first(state) if score.safety else {}),
    }


def _change_lines(
    instrument: Instrument, newest_first: Sequence[SelfCheckResult]
) -> list[tuple[str, datetime, list[tuple[str, str]]]]:
    """(heading, dates, [(score label, words)]) for first→latest and the last two."""
    found = self_checks.changes(instrument, newest_first)
    shown_changes = []
    for heading, comparison in (
        ("Since your first result", found.since_first),
        ("Since the result before", found.since_last),
    ):
        if comparison is None:
            continue
        words = [
            (shown.score_label(name), shown.change_words(instrument, name, change))
            for name, change in comparison.changes.items()
        ]
        shown_changes.append((heading, comparison.earlier, words))
    return shown_changes


@router.get("/results/{result_id}")
def result_page(
    request: Request, state: Unlocked, owner: CurrentOwner, result_id: RecordId
) -> Response:
    with state.session() as session:
        result = self_checks.get_result(session, owner, result_id)
        context = _result_context(state, session, owner, result)
    context["saved"] = request.query_params.get("saved") == "1"
    return render(request, "self_checks/result.html", context)


@router.get("/results/{result_id}/delete")
def confirm_delete(
    request: Request, state: Unlocked, owner: CurrentOwner, result_id: RecordId
) -> Response:
    with state.session() as session:
        result = self_checks.get_result(session, owner, result_id)
        instrument = _instrument(result.instrument_id)
    return render(request, "self_checks/delete.html", {"result": result, "instrument": instrument})


@router.post("/results/{result_id}/delete")
def delete(state: Unlocked, owner: CurrentOwner, result_id: RecordId) -> Response:
    with state.session() as session:
        instrument_id = self_checks.delete_result(session, owner, result_id)
    return RedirectResponse(f"{PREFIX}/{instrument_id}/history?deleted=1", status_code=303)


# -- one questionnaire -------------------------------------------------------------------------


def _form_page(
    request: Request,
    state: AppState,
    instrument: Instrument,
    *,
    answers: dict[int, int] | None = None,
    unscored: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> Response:
    answers = answers or {}
    options = instrument.response_scale.options
    return render(
        request,
        "self_checks/form.html",
        {
            "instrument": instrument,
            "about": self_checks.about(instrument),
            "answers": answers,
            "unscored": unscored or {},
            "errors": errors or {},
            # Where the source labels only the end points, each choice shows its number too.
            "numbered": any(not option.label for option in options),
            # The safety rule fires as soon as its item is answered, finished or not.
            **(_help_first(state) if self_checks.safety_fires(instrument, answers) else {}),
        },
        status_code=422 if errors else 200,
    )


@router.get("/{instrument_id}")
def form(request: Request, state: Unlocked, instrument_id: str) -> Response:
    return _form_page(request, state, _instrument(instrument_id))


@router.post("/{instrument_id}")
async def submit(
    request: Request, state: Unlocked, owner: CurrentOwner, once: Once, instrument_id: str
) -> Response:
    instrument = _instrument(instrument_id)
    form = await request.form()
    sent = {k: v for k, v in form.items() if isinstance(v, str)}
    answers = self_checks.read_answers(
        instrument, {n: sent.get(self_checks.item_field(n)) for n in instrument.numbers}
    )
    unscored = {q.id: sent.get(q.id, "") for q in instrument.unscored_items}
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            taken = self_checks.take(
                session, owner, instrument.id, answers, now=state.now(), unscored=unscored
            )
            url = f"{PREFIX}/results/{taken.id}"
            sending.saved(url, record=(SelfCheckResult, taken.id), listing=PREFIX)
    except InvalidInput as exc:
        return _form_page(
            request, state, instrument, answers=answers, unscored=unscored, errors=exc.errors
        )
    return RedirectResponse(f"{url}?saved=1", status_code=303)


@router.get("/{instrument_id}/history")
def history(request: Request, state: Unlocked, owner: CurrentOwner, instrument_id: str) -> Response:
    instrument = _instrument(instrument_id)
    with state.session() as session:
        newest_first = self_checks.results(session, owner, instrument.id)
        rows = [(r, shown.lines(instrument, self_checks.score_of(r))) for r in newest_first]
        changes = _change_lines(instrument, newest_first)
    return render(
        request,
        "self_checks/history.html",
        {
            "instrument": instrument,
            "about": self_checks.about(instrument),
            "rows": rows,
            "changes": changes,
            "deleted": request.query_params.get("deleted") == "1",
            "threshold": instrument.scoring.reliable_change.threshold,
            "method": instrument.main.method if instrument.main else "mean",
            "number": shown.number,
        },
    )
