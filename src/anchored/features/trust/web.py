"""Trust log pages: the moments and the 90-day count per person, note a moment, read, edit,
delete (with confirmation).

The support people come from the people feature's ``people.choices`` when it exists; without
it (or before anyone is added) the name is typed.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import InvalidInput
from anchored.features.trust import rules
from anchored.features.trust import service as trust
from anchored.features.trust.models import TrustMoment
from anchored.features.trust.service import MomentText, PeopleChoices
from anchored.web.deps import (
    CurrentOwner,
    Features,
    Once,
    Paging,
    RecordId,
    Unlocked,
    after_save,
    help_card_for,
    record_id_from,
)
from anchored.web.templating import render

router = APIRouter(prefix="/trust")
PAGE_SIZE = 30
Text = Annotated[str, Form()]
PEOPLE_CHOICES = "people.choices"  # offered by the people feature


def _people(features: Features) -> PeopleChoices | None:
    return features.offer(PEOPLE_CHOICES)


def _form_page(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    *,
    moment_id: int | None,
    values: dict[str, str],
    errors: dict[str, str],
) -> Response:
    people = _people(features)
    with state.session() as session:
        choices = people(session, owner) if people is not None else []
    return render(
        request,
        "trust/form.html",
        {
            "moment_id": moment_id,
            "values": values,
            "errors": errors,
            "choices": choices,
            "today": trust.today(state.now()).isoformat(),
            "said_max": trust.SAID_MAX,
        },
        status_code=422 if errors else 200,
    )


def _values(text: MomentText) -> dict[str, str]:
    return {
        "said": text.said,
        "kept": text.kept,
        "person_name": text.person_name,
        "person_id": str(text.person_id or ""),
        "day": text.day,
        "note": text.note,
    }


@router.get("")
def list_page(request: Request, state: Unlocked, owner: CurrentOwner, asked: Paging) -> Response:
    with state.session() as session:
        total = trust.count_moments(session, owner)
        page = asked.fit(total, PAGE_SIZE)
        moments = trust.list_moments(session, owner, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        counts = trust.person_counts(session, owner, now=state.now())
    return render(
        request,
        "trust/list.html",
        {
            "moments": moments,
            "counts": counts,
            "days": rules.WINDOW_DAYS,
            "page": page,
            "has_next": page * PAGE_SIZE < total,
        },
    )


@router.get("/new")
def new_form(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features
) -> Response:
    return _form_page(request, state, owner, features, moment_id=None, values={}, errors={})


@router.post("/new")
def create(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    once: Once,
    said: Text = "",
    kept: Text = "",
    person_name: Text = "",
    person_id: Text = "",
    day: Text = "",
    note: Text = "",
) -> Response:
    text = MomentText(said, kept, person_name, record_id_from(person_id), day, note)
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = trust.add_moment(session, owner, text, now=state.now(), people=_people(features))
            sending.saved(f"/trust/{done.id}", record=(TrustMoment, done.id), listing="/trust")
    except InvalidInput as exc:
        return _form_page(
            request, state, owner, features, moment_id=None, values=_values(text), errors=exc.errors
        )
    return after_save(f"/trust/{done.id}?saved=1", done.needs_help)


def _get(state: Unlocked, owner: CurrentOwner, moment_id: int) -> TrustMoment:
    with state.session() as session:
        return trust.get_moment(session, owner, moment_id)


@router.get("/{moment_id}")
def read(request: Request, state: Unlocked, owner: CurrentOwner, moment_id: RecordId) -> Response:
    moment = _get(state, owner, moment_id)
    return render(
        request,
        "trust/moment.html",
        {
            "moment": moment,
            "saved": request.query_params.get("saved") == "1",
            **help_card_for(state, moment.person_name, moment.said, moment.note),
        },
    )


@router.get("/{moment_id}/edit")
def edit_form(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features, moment_id: RecordId
) -> Response:
    moment = _get(state, owner, moment_id)
    text = MomentText(
        moment.said,
        "yes" if moment.kept else "no",
        moment.person_name,
        moment.person_id,
        moment.happened_on.isoformat(),
        moment.note,
    )
    return _form_page(
        request, state, owner, features, moment_id=moment_id, values=_values(text), errors={}
    )


@router.post("/{moment_id}/edit")
def update(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    moment_id: RecordId,
    said: Text = "",
    kept: Text = "",
    person_name: Text = "",
    person_id: Text = "",
    day: Text = "",
    note: Text = "",
) -> Response:
    text = MomentText(said, kept, person_name, record_id_from(person_id), day, note)
    try:
        with state.session() as session:
            done = trust.update_moment(
                session, owner, moment_id, text, now=state.now(), people=_people(features)
            )
    except InvalidInput as exc:
        return _form_page(
            request,
            state,
            owner,
            features,
            moment_id=moment_id,
            values=_values(text),
            errors=exc.errors,
        )
    return after_save(f"/trust/{moment_id}?saved=1", done.needs_help)


@router.get("/{moment_id}/delete")
def confirm_delete(
    request: Request, state: Unlocked, owner: CurrentOwner, moment_id: RecordId
) -> Response:
    return render(request, "trust/delete.html", {"moment": _get(state, owner, moment_id)})


@router.post("/{moment_id}/delete")
def delete(state: Unlocked, owner: CurrentOwner, moment_id: RecordId) -> Response:
    with state.session() as session:
        trust.delete_moment(session, owner, moment_id)
    return RedirectResponse("/trust?deleted=1", status_code=303)
