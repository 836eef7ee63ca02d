"""Thought record pages: one plain form per stage (no JavaScript needed), drafts, the finished
record with each emotion's before → after, and the list of thinking traps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException
from sqlalchemy.orm import Session
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.content.emotions import load_emotions
from anchored.core.errors import InvalidInput
from anchored.core.owner import Owner
from anchored.features.thought_record import rules, traps
from anchored.features.thought_record import service as records
from anchored.features.thought_record.rules import Stage
from anchored.features.thought_record.service import NewTrap, Saved, StageNotReady, ThoughtRecord
from anchored.manifest import Registry
from anchored.web.deps import (
    CurrentOwner,
    Features,
    Once,
    Paging,
    RecordId,
    Unlocked,
    after_save,
    help_card_for,
)
from anchored.web.templating import render

router = APIRouter(prefix="/thought-records")
PAGE_SIZE = 20
DRAFTS_SHOWN = 20
Text = Annotated[str, Form()]
TRAP_FIELDS = ("trap_name", "trap_definition", "trap_question")
# Offered by the suggest feature: trap suggestions behind the person's off switch.
SUGGEST_TRAPS = "suggest.traps"
SUGGEST_ENABLED = "suggest.enabled"


@dataclass(frozen=True, slots=True)
class _Suggesting:
    traps: Callable[..., Any]
    enabled: Callable[..., bool]
    asked: bool


Suggestions = _Suggesting | None


async def _form(request: Request) -> FormData:
    return await request.form()


Fields = Annotated[FormData, Depends(_form)]


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _texts(form: FormData, name: str) -> list[str]:
    return [v for v in form.getlist(name) if isinstance(v, str)]


def _stage_or_404(stage: str) -> Stage:
    found = rules.as_stage(stage)
    if found is None:
        raise HTTPException(status_code=404)
    return found


def _stage_url(record_id: int, stage: Stage, **query: str) -> str:
    suffix = "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
    return f"/thought-records/{record_id}/{stage}{suffix}"


def _writing(record: ThoughtRecord | None) -> tuple[str, ...]:
    if record is None:
        return ()
    return (
        record.situation,
        record.automatic_thought,
        record.evidence_for,
        record.evidence_against,
        record.friend_view,
        record.balanced_thought,
    )


def _help_card(state: Unlocked, record: ThoughtRecord | None) -> dict[str, Any]:
    """Crisis language anywhere in the record: its pages keep the help card in view."""
    return help_card_for(state, *_writing(record))


# -- stage pages ------------------------------------------------------------------------------


def _stage_context(
    session: Session, owner: Owner, record: ThoughtRecord, stage: Stage, values: dict[str, Any]
) -> dict[str, Any]:
    """What one stage's template needs besides the record."""
    if stage == "emotions":
        picked = values.get("picked")
        if picked is None:
            picked = {e.emotion: str(e.before) for e in record.emotions}
        return {"families": load_emotions().families, "picked": picked}
    if stage == "traps":
        picked_keys = values.get("picked_traps")
        if picked_keys is None:
            picked_keys = [t.key for t in records.record_traps(session, owner, record)]
        return {
            "trap_choices": traps.list_traps(session, owner),
            "picked_traps": set(picked_keys),
            "trap_name_max": traps.TRAP_NAME_MAX,
            "own_text_max": traps.OWN_TEXT_MAX,
        }
    if stage == "evidence":
        chosen = records.record_traps(session, owner, record)
        return {"trap_questions": [(t.name, t.question) for t in chosen if t.question]}
    if stage == "rerate":
        after = values.get("after")
        if after is None:
            after = {e.emotion: "" if e.after is None else str(e.after) for e in record.emotions}
        return {"changes": records.emotion_changes(record), "after": after}
    return {}


def _stage_values(record: ThoughtRecord, stage: Stage) -> dict[str, Any]:
    if stage == "situation":
        return {"situation": record.situation}
    if stage == "thought":
        return {"automatic_thought": record.automatic_thought}
    if stage == "evidence":
        return {
            "evidence_for": record.evidence_for,
            "evidence_against": record.evidence_against,
            "friend_view": record.friend_view,
        }
    if stage == "balanced":
        return {"balanced_thought": record.balanced_thought}
    return {}


def _stage_page(
    request: Request,
    state: Unlocked,
    owner: Owner,
    record_id: int,
    stage: Stage,
    *,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    suggestions: Suggestions = None,
) -> Response:
    errors = errors or {}
    with state.session() as session:
        record = records.get_record(session, owner, record_id)
        missing = rules.missing_before(stage, records.progress(record))
        if missing is not None:
            return RedirectResponse(_stage_url(record_id, missing, first="1"), 303)
        shown = {**_stage_values(record, stage), **(values or {})}
        card = _help_card(state, record)
        if suggestions is not None and not card and suggestions.enabled(session, owner):
            # never for painful writing: the help card comes first, with no trap questions
            shown_suggestions = _trap_suggestions(session, owner, record, suggestions)
        else:
            shown_suggestions = None
        context = {
            "record": record,
            "stage": stage,
            "values": shown,
            "errors": errors,
            **_common(record, stage),
            **_stage_context(session, owner, record, stage, shown),
            **card,
            "suggestions": shown_suggestions,
        }
    return render(request, "thought_record/stage.html", context, status_code=422 if errors else 200)


def _trap_suggestions(
    session: Session, owner: Owner, record: ThoughtRecord, suggesting: _Suggesting
) -> dict[str, Any]:
    """{"asked": bool, "found": [(sentence, [(trap name, slug)])]}, best first and grouped by
    the sentence that suggested them (so one sentence is quoted once); found only once asked."""
    if not suggesting.asked:
        return {"asked": False, "found": []}
    names = {t.key: t.name for t in traps.built_in()}
    found = suggesting.traps(session, owner, record.automatic_thought or "")
    grouped: dict[str, list[tuple[str, str]]] = {}
    for s in found:
        if s.slug in names:
            grouped.setdefault(s.sentence, []).append((names[s.slug], s.slug))
    return {"asked": True, "found": list(grouped.items())}


def _common(record: ThoughtRecord | None, stage: Stage) -> dict[str, Any]:
    return {
        "stage_titles": rules.STAGE_TITLES,
        "stage_number": rules.stage_number(stage),
        "stage_count": len(rules.STAGES),
        "previous": rules.previous_stage(stage),
        "finished": record is not None and records.is_finished(record),
        "text_max": rules.TEXT_MAX,
        "show_thought": record is not None
        and bool(record.automatic_thought)
        and rules.STAGES.index(stage) > rules.STAGES.index("thought"),
    }


@router.get("/new")
def new_form(request: Request, _state: Unlocked) -> Response:
    context = {
        "record": None,
        "stage": "situation",
        "values": {},
        "errors": {},
        **_common(None, "situation"),
    }
    return render(request, "thought_record/stage.html", context)


@router.post("/new")
def start(
    request: Request, state: Unlocked, owner: CurrentOwner, once: Once, situation: Text = ""
) -> Response:
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = records.start_record(session, owner, situation, now=state.now())
            sending.saved(
                f"/thought-records/{done.id}",
                record=(ThoughtRecord, done.id),
                listing="/thought-records",
            )
    except InvalidInput as exc:
        context = {
            "record": None,
            "stage": "situation",
            "values": {"situation": situation},
            "errors": exc.errors,
            **_common(None, "situation"),
        }
        return render(request, "thought_record/stage.html", context, status_code=422)
    return after_save(_stage_url(done.id, "thought"), done.needs_help)


# -- the list, and the traps page (before /{record_id} so their names are not read as ids) -----


@router.get("")
def list_page(request: Request, state: Unlocked, owner: CurrentOwner, asked: Paging) -> Response:
    with state.session() as session:
        total = records.count_records(session, owner, finished=True)
        page = asked.fit(total, PAGE_SIZE)
        finished = records.finished_lines(
            session, owner, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
        )
        draft_total = records.count_records(session, owner, finished=False) if page == 1 else 0
        drafts = (
            records.list_records(session, owner, finished=False, limit=DRAFTS_SHOWN)
            if draft_total
            else []
        )
        context = {
            "finished_records": [(r, r.changes) for r in finished],
            "drafts": [(r, records.resume_stage(r)) for r in drafts],
            "draft_total": draft_total,
            "drafts_shown": DRAFTS_SHOWN,
            "stage_titles": rules.STAGE_TITLES,
            "stage_numbers": {s: rules.stage_number(s) for s in rules.STAGES},
            "stage_count": len(rules.STAGES),
            "page": page,
            "has_next": page * PAGE_SIZE < total,
            "total": total,
        }
    return render(request, "thought_record/list.html", context)


def _traps_page(
    request: Request,
    state: Unlocked,
    owner: Owner,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> Response:
    with state.session() as session:
        choices = traps.list_traps(session, owner)
    context = {
        "built_in": [t for t in choices if not t.own],
        "own_traps": [t for t in choices if t.own],
        "values": values or {},
        "errors": errors or {},
        "trap_name_max": traps.TRAP_NAME_MAX,
        "own_text_max": traps.OWN_TEXT_MAX,
    }
    return render(request, "thought_record/traps.html", context, status_code=422 if errors else 200)


@router.get("/traps")
def traps_page(request: Request, state: Unlocked, owner: CurrentOwner) -> Response:
    return _traps_page(request, state, owner)


@router.post("/traps")
def add_trap(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    once: Once,
    trap_name: Text = "",
    trap_definition: Text = "",
    trap_question: Text = "",
) -> Response:
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = traps.add_own_trap(session, owner, trap_name, trap_definition, trap_question)
            sending.saved("/thought-records/traps#own-traps")
    except InvalidInput as exc:
        values = dict(zip(TRAP_FIELDS, (trap_name, trap_definition, trap_question), strict=True))
        return _traps_page(request, state, owner, values=values, errors=exc.errors)
    return after_save(f"/thought-records/traps?added={done.id}#own-traps", done.needs_help)


@router.get("/traps/{trap_id}/delete")
def confirm_delete_trap(
    request: Request, state: Unlocked, owner: CurrentOwner, trap_id: RecordId
) -> Response:
    with state.session() as session:
        trap = traps.get_own_trap(session, owner, trap_id)
        used = traps.use_count(session, owner, trap_id)
    return render(request, "thought_record/delete_trap.html", {"trap": trap, "used": used})


@router.post("/traps/{trap_id}/delete")
def delete_trap(state: Unlocked, owner: CurrentOwner, trap_id: RecordId) -> Response:
    with state.session() as session:
        records.delete_own_trap(session, owner, trap_id)
    return RedirectResponse("/thought-records/traps?deleted=1#own-traps", status_code=303)


# -- one record -------------------------------------------------------------------------------


@router.get("/{record_id}")
def read(request: Request, state: Unlocked, owner: CurrentOwner, record_id: RecordId) -> Response:
    with state.session() as session:
        record = records.get_record(session, owner, record_id)
        context = {
            "record": record,
            "changes": records.emotion_changes(record),
            "trap_names": records.trap_names(session, owner, record),
            "resume": records.resume_stage(record),
            "finished": records.is_finished(record),
            "stage_titles": rules.STAGE_TITLES,
            "stage_count": len(rules.STAGES),
            "stage_numbers": {s: rules.stage_number(s) for s in rules.STAGES},
            "saved": request.query_params.get("saved") == "1",
            **_help_card(state, record),
        }
    return render(request, "thought_record/record.html", context)


@router.get("/{record_id}/delete")
def confirm_delete(
    request: Request, state: Unlocked, owner: CurrentOwner, record_id: RecordId
) -> Response:
    with state.session() as session:
        record = records.get_record(session, owner, record_id)
        finished = records.is_finished(record)
    return render(request, "thought_record/delete.html", {"record": record, "finished": finished})


@router.post("/{record_id}/delete")
def delete(state: Unlocked, owner: CurrentOwner, record_id: RecordId) -> Response:
    with state.session() as session:
        records.delete_record(session, owner, record_id)
    return RedirectResponse("/thought-records?deleted=1", status_code=303)


@router.get("/{record_id}/{stage}")
def stage_form(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    record_id: RecordId,
    stage: str,
    suggest: int = 0,
) -> Response:
    found = _stage_or_404(stage)
    if found != "traps":
        return _stage_page(request, state, owner, record_id, found)
    return _stage_page(
        request, state, owner, record_id, found, suggestions=_suggestions(features, suggest)
    )


def _suggestions(features: Registry, asked: int) -> Suggestions:
    """Trap suggestions (the ``suggest`` feature, if installed): None when not offered."""
    offered = features.offer(SUGGEST_TRAPS)
    enabled = features.offer(SUGGEST_ENABLED)
    if offered is None or enabled is None:
        return None
    return _Suggesting(offered, enabled, bool(asked))


# -- saving one stage -------------------------------------------------------------------------


def _ratings(form: FormData) -> tuple[list[tuple[str, int | str]], dict[str, str]]:
    """Emotions ticked (or given a number without a tick), with what was typed for each."""
    picked = list(dict.fromkeys(_texts(form, "emotion")))
    for name, value in form.multi_items():
        if name.startswith("intensity-") and isinstance(value, str) and value.strip():
            slug = name.removeprefix("intensity-")
            if slug not in picked:
                picked.append(slug)
    typed = {slug: _text(form, f"intensity-{slug}") for slug in picked}
    return [(slug, typed[slug]) for slug in picked], typed


def _save_stage(
    session: Session, owner: Owner, record_id: int, stage: Stage, form: FormData, now: datetime
) -> Saved:
    """Save one stage from its form."""
    if stage == "situation":
        return records.save_situation(session, owner, record_id, _text(form, "situation"), now=now)
    if stage == "thought":
        thought = _text(form, "automatic_thought")
        return records.save_thought(session, owner, record_id, thought, now=now)
    if stage == "emotions":
        ratings, _typed = _ratings(form)
        return records.save_emotions(session, owner, record_id, ratings, now=now)
    if stage == "traps":
        own = [_text(form, field) for field in TRAP_FIELDS]
        adding = form.get("then") == "add-trap" or bool(own[0].strip())
        return records.save_traps(
            session,
            owner,
            record_id,
            _texts(form, "trap"),
            now=now,
            new_trap=NewTrap(*own) if adding else None,
        )
    if stage == "evidence":
        texts = [_text(form, field) for field in records.EVIDENCE]
        return records.save_evidence(session, owner, record_id, *texts, now=now)
    if stage == "balanced":
        balanced = _text(form, "balanced_thought")
        return records.save_balanced(session, owner, record_id, balanced, now=now)
    after = {
        name.removeprefix("after-"): value
        for name, value in form.multi_items()
        if name.startswith("after-") and isinstance(value, str)
    }
    return records.save_rerate(session, owner, record_id, after, now=now)


def _kept_values(stage: Stage, form: FormData) -> dict[str, Any]:
    """What the person sent, to show again with the messages."""
    if stage == "emotions":
        _ratings_list, typed = _ratings(form)
        return {"picked": typed}
    if stage == "traps":
        return {
            "picked_traps": _texts(form, "trap"),
            **{field: _text(form, field) for field in TRAP_FIELDS},
        }
    if stage == "rerate":
        return {
            "after": {
                name.removeprefix("after-"): value
                for name, value in form.multi_items()
                if name.startswith("after-") and isinstance(value, str)
            }
        }
    fields = {
        "situation": ["situation"],
        "thought": ["automatic_thought"],
        "evidence": ["evidence_for", "evidence_against", "friend_view"],
        "balanced": ["balanced_thought"],
    }[stage]
    return {field: _text(form, field) for field in fields}


@router.post("/{record_id}/{stage}")
def save_stage(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    record_id: RecordId,
    stage: str,
    form: Fields,
) -> Response:
    current = _stage_or_404(stage)
    try:
        with state.session() as session:
            done = _save_stage(session, owner, record_id, current, form, state.now())
            record = records.get_record(session, owner, record_id)
            finished, resume = records.is_finished(record), records.resume_stage(record)
    except StageNotReady as exc:
        return RedirectResponse(_stage_url(record_id, exc.missing, first="1"), 303)
    except InvalidInput as exc:
        values = _kept_values(current, form)
        return _stage_page(
            request, state, owner, record_id, current, values=values, errors=exc.errors
        )
    then, needs_help = _text(form, "then"), done.needs_help
    added_key = done.added if isinstance(done, records.TrapsSaved) else None
    if added_key is not None and then == "add-trap":
        url = _stage_url(record_id, "traps", added=added_key.removeprefix(traps.OWN_PREFIX))
        return after_save(f"{url}#trap-{added_key.replace(':', '-')}", needs_help)
    following = rules.next_stage(current)
    if finished and (then == "summary" or following is None):
        return after_save(f"/thought-records/{record_id}?saved=1", needs_help)
    if then == "summary" or following is None:
        # An edit left something to do (a newly picked emotion to re-rate): go there.
        return after_save(_stage_url(record_id, resume), needs_help)
    return after_save(_stage_url(record_id, following), needs_help)
