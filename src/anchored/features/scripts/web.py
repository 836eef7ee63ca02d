"""Scripts pages: list, build (a need, a boundary, a repair), read with the words to copy and
the gentle checks, edit, delete (with confirmation), and rehearse (a 30-second timer with
JavaScript, a plain note without; then how it felt, 0 to 10)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import InvalidInput
from anchored.features.scripts import rules
from anchored.features.scripts import service as scripts
from anchored.features.scripts.models import Rehearsal, Script
from anchored.features.scripts.service import ScriptAnswers
from anchored.web.deps import (
    CurrentOwner,
    Once,
    Paging,
    RecordId,
    Unlocked,
    after_save,
    help_card_for,
)
from anchored.web.templating import render

router = APIRouter(prefix="/scripts")
PAGE_SIZE = 20
Text = Annotated[str, Form()]


def _kind(value: str) -> rules.Kind:
    return value if rules.is_kind(value) else "need"  # type: ignore[return-value]


def _form_page(
    request: Request,
    *,
    kind: rules.Kind,
    script_id: int | None,
    values: dict[str, str],
    errors: dict[str, str],
) -> Response:
    return render(
        request,
        "scripts/form.html",
        {
            "kind": kind,
            "info": rules.KIND_INFO[kind],
            "kinds": rules.KIND_INFO.values(),
            "script_id": script_id,
            "values": values,
            "errors": errors,
            "answer_max": scripts.ANSWER_MAX,
            "checks": rules.gentle_checks(kind, values) if errors else (),
        },
        status_code=422 if errors else 200,
    )


def _values(answers: ScriptAnswers) -> dict[str, str]:
    return {**answers.answers(), "title": answers.title}


@router.get("")
def list_page(request: Request, state: Unlocked, owner: CurrentOwner, asked: Paging) -> Response:
    with state.session() as session:
        total = scripts.count_scripts(session, owner)
        page = asked.fit(total, PAGE_SIZE)
        found = scripts.list_scripts(session, owner, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        shown = [(script, scripts.heading(script)) for script in found]
    return render(
        request,
        "scripts/list.html",
        {
            "scripts": shown,
            "kinds": rules.KIND_INFO,
            "page": page,
            "has_next": page * PAGE_SIZE < total,
        },
    )


@router.get("/new")
def new_form(request: Request, _state: Unlocked, kind: str = "") -> Response:
    return _form_page(request, kind=_kind(kind), script_id=None, values={}, errors={})


@router.post("/new")
def create(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    once: Once,
    kind: Text = "",
    situation: Text = "",
    feeling: Text = "",
    need: Text = "",
    request_: Annotated[str, Form(alias="request")] = "",
    title: Text = "",
) -> Response:
    answers = ScriptAnswers(_kind(kind), situation, feeling, need, request_, title)
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = scripts.add_script(session, owner, answers, now=state.now())
            sending.saved(f"/scripts/{done.id}", record=(Script, done.id), listing="/scripts")
    except InvalidInput as exc:
        return _form_page(
            request, kind=_kind(kind), script_id=None, values=_values(answers), errors=exc.errors
        )
    return after_save(f"/scripts/{done.id}?saved=1", done.needs_help)


def _get(state: Unlocked, owner: CurrentOwner, script_id: int) -> Script:
    with state.session() as session:
        return scripts.get_script(session, owner, script_id)


@router.get("/{script_id}")
def read(request: Request, state: Unlocked, owner: CurrentOwner, script_id: RecordId) -> Response:
    with state.session() as session:
        script = scripts.get_script(session, owner, script_id)
        done = scripts.rehearsals(session, owner, script_id)
        checks = scripts.checks(script)
    return render(
        request,
        "scripts/script.html",
        {
            "script": script,
            "info": rules.KIND_INFO[_kind(script.kind)],
            "heading": scripts.heading(script),
            "checks": checks,
            "rehearsals": done,
            "saved": request.query_params.get("saved") == "1",
            "rehearsed": request.query_params.get("rehearsed") == "1",
            **help_card_for(
                state, script.title, script.situation, script.feeling, script.need, script.request
            ),
        },
    )


@router.get("/{script_id}/edit")
def edit_form(
    request: Request, state: Unlocked, owner: CurrentOwner, script_id: RecordId
) -> Response:
    script = _get(state, owner, script_id)
    answers = ScriptAnswers(
        script.kind,
        script.situation,
        script.feeling,
        script.need,
        script.request,
        script.title or "",
    )
    return _form_page(
        request, kind=_kind(script.kind), script_id=script_id, values=_values(answers), errors={}
    )


@router.post("/{script_id}/edit")
def update(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    script_id: RecordId,
    situation: Text = "",
    feeling: Text = "",
    need: Text = "",
    request_: Annotated[str, Form(alias="request")] = "",
    title: Text = "",
) -> Response:
    script = _get(state, owner, script_id)
    answers = ScriptAnswers(script.kind, situation, feeling, need, request_, title)
    try:
        with state.session() as session:
            done = scripts.update_script(session, owner, script_id, answers, now=state.now())
    except InvalidInput as exc:
        return _form_page(
            request,
            kind=_kind(script.kind),
            script_id=script_id,
            values=_values(answers),
            errors=exc.errors,
        )
    return after_save(f"/scripts/{script_id}?saved=1", done.needs_help)


@router.get("/{script_id}/delete")
def confirm_delete(
    request: Request, state: Unlocked, owner: CurrentOwner, script_id: RecordId
) -> Response:
    script = _get(state, owner, script_id)
    return render(
        request, "scripts/delete.html", {"script": script, "heading": scripts.heading(script)}
    )


@router.post("/{script_id}/delete")
def delete(state: Unlocked, owner: CurrentOwner, script_id: RecordId) -> Response:
    with state.session() as session:
        scripts.delete_script(session, owner, script_id)
    return RedirectResponse("/scripts?deleted=1", status_code=303)


def _rehearse_page(
    request: Request, script: Script, errors: dict[str, str], felt: str = ""
) -> Response:
    return render(
        request,
        "scripts/rehearse.html",
        {
            "script": script,
            "heading": scripts.heading(script),
            "errors": errors,
            "felt": felt,
            "scale": list(scripts.FELT),
        },
        status_code=422 if errors else 200,
    )


@router.get("/{script_id}/rehearse")
def rehearse_page(
    request: Request, state: Unlocked, owner: CurrentOwner, script_id: RecordId
) -> Response:
    return _rehearse_page(request, _get(state, owner, script_id), {})


@router.post("/{script_id}/rehearse")
def rehearse(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    once: Once,
    script_id: RecordId,
    felt: Text = "",
) -> Response:
    script = _get(state, owner, script_id)
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            rehearsal_id = scripts.add_rehearsal(session, owner, script_id, felt, now=state.now())
            sending.saved(
                f"/scripts/{script_id}?rehearsed=1#rehearsals",
                record=(Rehearsal, rehearsal_id),
                listing=f"/scripts/{script_id}",
            )
    except InvalidInput as exc:
        return _rehearse_page(request, script, exc.errors, felt)
    return RedirectResponse(f"/scripts/{script_id}?rehearsed=1#rehearsals", status_code=303)
