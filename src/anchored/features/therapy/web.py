"""Professional help (step 13): a decision aid, finding a therapist, things to bring, and a
summary of the person's own records to print or show in a session."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.owner import Owner
from anchored.features.therapy import document, kept
from anchored.features.therapy import service as session_prep
from anchored.features.therapy import summary as summaries
from anchored.features.therapy.decision_aid import DecisionAid, load_decision_aid
from anchored.features.therapy.rules import suggest
from anchored.web.deps import CurrentOwner, Features, Once, RecordId, Unlocked, after_save
from anchored.web.templating import render

router = APIRouter(prefix="/therapy")


def _page(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    *,
    answers: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    prep_text: str = "",
) -> Response:
    aid = load_decision_aid()
    with state.session() as session:
        items = session_prep.list_items(session, owner)
    return render(
        request,
        "therapy/therapy.html",
        {
            "aid": aid,
            "answers": answers or {},
            "errors": errors or {},
            "items": items,
            "prep_text": prep_text,
            "prep_max": session_prep.ITEM_MAX,
        },
        status_code=422 if errors else 200,
    )


@router.get("")
def therapy(request: Request, state: Unlocked, owner: CurrentOwner) -> Response:
    return _page(request, state, owner)


def _answers_from(aid: DecisionAid, form: dict[str, str]) -> dict[str, str]:
    valid = {q.slug: {o.slug for o in q.options} for q in aid.questions}
    return {q: a for q, a in form.items() if q in valid and a in valid[q]}


@router.post("/decide")
async def decide(request: Request, state: Unlocked, owner: CurrentOwner) -> Response:
    aid = load_decision_aid()
    form = await request.form()
    answers = _answers_from(aid, {k: v for k, v in form.items() if isinstance(v, str)})
    if not answers:
        return _page(
            request,
            state,
            owner,
            errors={"decide": "Answer at least one question to see what might fit."},
        )
    suggestion = suggest(answers, aid.points)
    reasons = [
        (q.text, o.text, o.reason)
        for q in aid.questions
        for o in q.options
        if answers.get(q.slug) == o.slug
    ]
    return render(
        request,
        "therapy/suggestion.html",
        {
            "aid": aid,
            "suggestion": suggestion,
            "format": aid.formats[suggestion.format],  # type: ignore[index]
            "reasons": reasons,
        },
    )


@router.post("/prep")
def add_prep(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    once: Once,
    text: Annotated[str, Form()] = "",
) -> Response:
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = session_prep.add_item(session, owner, text, now=state.now())
            sending.saved("/therapy#prep")
    except InvalidInput as exc:
        return _page(request, state, owner, errors=exc.errors, prep_text=text)
    return after_save("/therapy#prep", done.needs_help)


@router.post("/prep/{item_id}/delete")
def delete_prep(state: Unlocked, owner: CurrentOwner, item_id: RecordId) -> Response:
    with state.session() as session:
        session_prep.delete_item(session, owner, item_id)
    return RedirectResponse("/therapy#prep", status_code=303)


ZONE = None  # the person's time zone: the machine's own (the server runs on their machine)


def _made(
    features: Features, session: Session, owner: Owner, chosen: summaries.Choice, now: datetime
) -> tuple[summaries.Summary, list[tuple[int, str]]]:
    """The summary for ``chosen`` (only thought records of its period ticked), and the
    thought records the person may tick."""
    period = summaries.period_for(chosen, now, ZONE)
    pickable = summaries.pickable(features, session, owner, period, ZONE)
    ticked = {record_id for record_id, _label in pickable}
    chosen = summaries.Choice(
        chosen.weeks,
        chosen.include,
        tuple(i for i in chosen.records if i in ticked),
        chosen.paper,
    )
    return summaries.build_summary(features, session, owner, chosen, now=now, zone=ZONE), pickable


def _hosted_only(state: Unlocked) -> None:
    """Keeping a summary for a therapist: hosted mode only (404 in personal mode)."""
    if not state.hosted:
        raise NotFound


HostedOnly = Depends(_hosted_only)


@router.get("/summary")
def summary(request: Request, state: Unlocked, owner: CurrentOwner, features: Features) -> Response:
    """Choose a period and what to include; the summary shows under the form, ready to print.
    A plain GET form: it works without JavaScript, and the address keeps the choice. In
    hosted mode, a button under it keeps the summary for the person's therapist."""
    asked = request.query_params
    chosen = summaries.read_choice(
        asked.get("weeks", ""),
        asked.getlist("include") if asked.get("chosen") else summaries.SECTION_KEYS,
        asked.getlist("record"),
        asked.get("paper", ""),
    )
    errors = {}
    if not chosen.include:
        errors["include"] = "Choose at least one thing to include."
    now = state.now()
    with state.session() as session:
        made, pickable = _made(features, session, owner, chosen, now)
        kept_ones = kept.list_kept(session, owner) if state.hosted else []
    return render(
        request,
        "therapy/summary.html",
        {
            **document.context(made),
            "pickable": pickable,
            "errors": errors,
            "share_fields": summaries.query_of(made.choice),
            "kept_list": kept_ones,
            "kept_notice": asked.get("kept") == "1",
            "kept_deleted": asked.get("deleted") == "1",
        },
        status_code=422 if errors else 200,
    )


@router.post("/summary/share", dependencies=[HostedOnly])
def share_summary(
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    once: Once,
    weeks: Annotated[str, Form(max_length=4)] = "",
    include: Annotated[list[str] | None, Form(max_length=40)] = None,
    record: Annotated[list[str] | None, Form(max_length=20)] = None,
    paper: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """Keep the summary as shown for the person's therapist (seen only if they share
    "Session summaries" with one)."""
    chosen = summaries.read_choice(weeks, include or (), record or (), paper)
    back = "/therapy/summary?" + urlencode([("chosen", "1"), *summaries.query_of(chosen)])
    if not chosen.include:
        return RedirectResponse(back, status_code=303)
    now = state.now()
    with state.session() as session:
        sending = once.claim(session, owner, now=now)
        made, _pickable = _made(features, session, owner, chosen, now)
        done = summaries.keep(session, owner, made, now=now)
        back = "/therapy/summary?" + urlencode(
            [("chosen", "1"), *summaries.query_of(made.choice), ("kept", "1")]
        )
        sending.saved(back + "#kept")
    return after_save(back + "#kept", done.needs_help)


@router.get("/summary/shared/{summary_id}/delete", dependencies=[HostedOnly])
def confirm_delete_kept(
    request: Request, state: Unlocked, owner: CurrentOwner, summary_id: RecordId
) -> Response:
    with state.session() as session:
        found = kept.get_kept(session, owner, summary_id)
    return render(request, "therapy/kept_delete.html", {"kept": found})


@router.post("/summary/shared/{summary_id}/delete", dependencies=[HostedOnly])
def delete_kept(state: Unlocked, owner: CurrentOwner, summary_id: RecordId) -> Response:
    with state.session() as session:
        kept.delete_kept(session, owner, summary_id)
    return RedirectResponse("/therapy/summary?deleted=1#kept", status_code=303)
