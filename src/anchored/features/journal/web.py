"""Journal pages: list, write (freely, for an exercise or a guided prompt), read, edit, delete
(with confirmation), and the guided prompts by programme step."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.content.emotions import load_emotions
from anchored.content.programme import Exercise, load_programme
from anchored.core.errors import InvalidInput
from anchored.core.owner import Owner
from anchored.features.journal import rules
from anchored.features.journal import service as journal
from anchored.features.journal.models import JournalEntry
from anchored.features.journal.prompts import Prompt, load_prompts
from anchored.manifest import Registry
from anchored.web import feelings as suggested
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

router = APIRouter(prefix="/journal")
PAGE_SIZE = 20
YEARS = (1900, 2100)


def parse_local_datetime(text: str) -> datetime | None:
    """A `datetime-local` value in the person's time zone; '' means now."""
    text = text.strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text)
        if not YEARS[0] <= parsed.year <= YEARS[1]:
            raise InvalidInput(
                {"when": f"Choose a date between the years {YEARS[0]} and {YEARS[1]}."}
            )
        # No zone given: the server runs on the person's machine, so it is local time.
        return parsed if parsed.tzinfo is not None else parsed.astimezone()
    except (ValueError, OverflowError):
        raise InvalidInput(
            {"when": "Use a date and time like 2026-11-23 21:30 (year-month-day hour:minute)."}
        ) from None


def _form_page(
    request: Request,
    *,
    entry_id: int | None,
    values: dict[str, str],
    errors: dict[str, str],
    prompt_missing: bool = False,
    feelings: suggested.FeelingSuggestions | None = None,
) -> Response:
    found = _exercise(values.get("step", ""), values.get("exercise", ""))
    prompt = _prompt(values.get("prompt_id", ""))
    return render(
        request,
        "journal/form.html",
        {
            "exercise": found[1] if found else None,
            "step_number": found[0] if found else None,
            "prompt": prompt,
            "prompt_step": _step_title(prompt.step) if prompt else None,
            "prompt_missing": prompt_missing or "prompt_id" in errors,
            "entry_id": entry_id,
            "values": values,
            "errors": errors,
            "body_max": journal.BODY_MAX,
            "title_max": journal.TITLE_MAX,
            "feelings": feelings,
            "ask": _ask(entry_id),
        },
        status_code=422 if errors else 200,
    )


def _ask(entry_id: int | None) -> dict[str, Any]:
    """Where the feeling suggestions under the entry come from (web/templates/_feelings.html):
    ticked words are added to the entry as its last line when it is saved."""
    where = "/journal" if entry_id is None else f"/journal/{entry_id}"
    return {
        "url": f"{where}/feelings",
        "params": "body,feeling,asked",
        "field": "feeling",
        "heading": "Words for how you feel",
        "level": 2,
        "tick_hint": "A word you tick is added at the end of your entry when you save it, as"
        " “Feelings: …”.",
    }


def _offered(state: Unlocked, owner: Owner, features: Registry) -> Any:
    with state.session() as session:
        return suggested.offered(features, session, owner)


def _with_feelings(body: str, ticked: list[str]) -> str:
    names = {e.slug: e.name for e in load_emotions().all}
    return rules.with_feelings(body, [names[s] for s in ticked if s in names])


def _prompt(prompt_id: str) -> Prompt | None:
    return load_prompts().get(prompt_id.strip()) if prompt_id else None


def _step_title(number: int) -> str:
    step = load_programme().step(number)
    return f"Step {number}: {step.title}" if step is not None else f"Step {number}"


@router.get("")
def list_page(request: Request, state: Unlocked, owner: CurrentOwner, asked: Paging) -> Response:
    with state.session() as session:
        total = journal.count_entries(session, owner)
        page = asked.fit(total, PAGE_SIZE)
        entries = journal.entry_lines(
            session, owner, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
        )
    # The person's own calendar day, by the app's clock (so tests can set the day).
    todays = load_prompts().of_the_day(state.now().astimezone().date())
    return render(
        request,
        "journal/list.html",
        {
            "entries": entries,
            "page": page,
            "has_next": page * PAGE_SIZE < total,
            "total": total,
            "todays_prompt": todays,
            "todays_step": _step_title(todays.step),
        },
    )


def recent_panel(
    session: Session, owner: Owner, _request: Request, _now: datetime
) -> dict[str, Any]:
    """Home: the five newest entries."""
    return {"recent": journal.entry_lines(session, owner, limit=5)}


def _exercise(step: str, exercise: str) -> tuple[int, Exercise] | None:
    """The programme exercise an entry is written for, if the form names a real one."""
    if not (step.isascii() and step.isdigit()) or len(step) > 2:
        return None
    found = load_programme().step(int(step))
    chosen = found.exercise(exercise) if found is not None else None
    if found is None or chosen is None or chosen.tool != "journal":
        return None
    return found.number, chosen


@router.get("/new")
def new_form(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    step: str = "",
    exercise: str = "",
    prompt: str = "",
) -> Response:
    values = {}
    found = _exercise(step, exercise)
    chosen = _prompt(prompt)
    if found is not None:
        values = {"title": found[1].title, "step": str(found[0]), "exercise": found[1].slug}
    elif chosen is not None:
        values = {"title": chosen.title, "prompt_id": chosen.id}
    # An unknown prompt (an old link, a typo) still opens the plain form, with a note.
    missing = bool(prompt.strip()) and chosen is None
    return _form_page(
        request,
        entry_id=None,
        values=values,
        errors={},
        prompt_missing=missing,
        feelings=_offered(state, owner, features),
    )


@router.get("/prompts")
def prompts_page(request: Request, _state: Unlocked, step: str = "") -> Response:
    prompts = load_prompts()
    chosen = int(step) if step.isascii() and step.isdigit() and len(step) <= 2 else None
    if chosen not in prompts.steps:
        chosen = None
    shown = [chosen] if chosen is not None else list(prompts.steps)
    return render(
        request,
        "journal/prompts.html",
        {
            "groups": [(n, _step_title(n), prompts.for_step(n)) for n in shown],
            "steps": [(n, _step_title(n)) for n in prompts.steps],
            "chosen": chosen,
            "unknown_step": bool(step) and chosen is None,
        },
    )


@router.post("/new")
def create(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    once: Once,
    body: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    when: Annotated[str, Form()] = "",
    step: Annotated[str, Form()] = "",
    exercise: Annotated[str, Form()] = "",
    prompt_id: Annotated[str, Form()] = "",
    feeling: Annotated[list[str] | None, Form()] = None,
) -> Response:
    values = {
        "body": body,
        "title": title,
        "when": when,
        "step": step,
        "exercise": exercise,
        "prompt_id": prompt_id,
    }
    found = _exercise(step, exercise)
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = journal.add_entry(
                session,
                owner,
                _with_feelings(body, feeling or []),
                title,
                parse_local_datetime(when),
                now=state.now(),
                step=found[0] if found else None,
                exercise=found[1].slug if found else None,
                prompt_id=prompt_id or None,
            )
            sending.saved(f"/journal/{done.id}", record=(JournalEntry, done.id), listing="/journal")
    except InvalidInput as exc:
        return _form_page(
            request,
            entry_id=None,
            values=values,
            errors=exc.errors,
            feelings=_ticked(state, owner, features, body, feeling or []),
        )
    return after_save(f"/journal/{done.id}?saved=1", done.needs_help)


def _ticked(
    state: Unlocked, owner: Owner, features: Registry, body: str, ticked: list[str]
) -> suggested.FeelingSuggestions | None:
    """The suggestions part of a form sent back to fix something: the ticked words kept."""
    with state.session() as session:
        if not ticked:
            return suggested.offered(features, session, owner)
        return suggested.suggest(
            features, session, owner, body, live=True, ticked=ticked, keep_ticked=True
        )


def _feelings(
    request: Request,
    state: Unlocked,
    owner: Owner,
    features: Registry,
    entry_id: int | None,
    values: dict[str, str],
    ticked: list[str],
    asked: str = "",
) -> Response:
    """Feeling suggestions for the entry: only them for htmx, else the form shown again with
    everything typed kept. Nothing is saved, and nothing of the entry is logged."""
    partial, live = suggested.is_partial(request), suggested.is_live(request, asked)
    with state.session() as session:
        if entry_id is not None:
            journal.get_entry(session, owner, entry_id)  # someone else's: 404
        feelings = suggested.suggest(
            features,
            session,
            owner,
            values.get("body", ""),
            live=live,
            ticked=ticked,
            keep_ticked=True,
        )
    if partial:
        if feelings is None:  # switched off meanwhile: the part empties
            return Response("", media_type="text/html")
        return render(request, "_feelings_live.html", {"part": feelings, "ask": _ask(entry_id)})
    return _form_page(request, entry_id=entry_id, values=values, errors={}, feelings=feelings)


@router.post("/feelings")
def feelings_for_new(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    body: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    when: Annotated[str, Form()] = "",
    step: Annotated[str, Form()] = "",
    exercise: Annotated[str, Form()] = "",
    prompt_id: Annotated[str, Form()] = "",
    feeling: Annotated[list[str] | None, Form()] = None,
    form_token: Annotated[str, Form()] = "",
    asked: Annotated[str, Form()] = "",
) -> Response:
    suggested.keep_form_token(request, form_token, "/journal/new")
    values = {
        "body": body,
        "title": title,
        "when": when,
        "step": step,
        "exercise": exercise,
        "prompt_id": prompt_id,
    }
    return _feelings(request, state, owner, features, None, values, feeling or [], asked)


def _get(state: Unlocked, owner: CurrentOwner, entry_id: int) -> journal.JournalEntry:
    with state.session() as session:
        return journal.get_entry(session, owner, entry_id)


@router.get("/{entry_id}")
def read(request: Request, state: Unlocked, owner: CurrentOwner, entry_id: RecordId) -> Response:
    entry = _get(state, owner, entry_id)
    prompt = _prompt(entry.prompt_id or "")
    return render(
        request,
        "journal/entry.html",
        {
            "entry": entry,
            "saved": request.query_params.get("saved") == "1",
            "prompt": prompt,
            "prompt_step": _step_title(prompt.step) if prompt else None,
            **help_card_for(state, entry.title, entry.body),
        },
    )


@router.get("/{entry_id}/edit")
def edit_form(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features, entry_id: RecordId
) -> Response:
    entry = _get(state, owner, entry_id)
    values = {
        "body": entry.body,
        "title": entry.title or "",
        "when": entry.created_at.astimezone().strftime("%Y-%m-%dT%H:%M"),
        "prompt_id": entry.prompt_id or "",
    }
    feelings = _offered(state, owner, features)
    return _form_page(request, entry_id=entry_id, values=values, errors={}, feelings=feelings)


@router.post("/{entry_id}/edit")
def update(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    entry_id: RecordId,
    body: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    when: Annotated[str, Form()] = "",
    prompt_id: Annotated[str | None, Form()] = None,
    feeling: Annotated[list[str] | None, Form()] = None,
) -> Response:
    values = {"body": body, "title": title, "when": when, "prompt_id": prompt_id or ""}
    try:
        with state.session() as session:
            done = journal.update_entry(
                session,
                owner,
                entry_id,
                _with_feelings(body, feeling or []),
                title,
                parse_local_datetime(when),
                now=state.now(),
                # A form without the field (an older page) leaves the prompt as it was.
                prompt_id=journal.KEEP if prompt_id is None else (prompt_id or None),
            )
    except InvalidInput as exc:
        feelings = _ticked(state, owner, features, body, feeling or [])
        return _form_page(
            request, entry_id=entry_id, values=values, errors=exc.errors, feelings=feelings
        )
    return after_save(f"/journal/{entry_id}?saved=1", done.needs_help)


@router.post("/{entry_id}/feelings")
def feelings_for_edit(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    entry_id: RecordId,
    body: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    when: Annotated[str, Form()] = "",
    prompt_id: Annotated[str, Form()] = "",
    feeling: Annotated[list[str] | None, Form()] = None,
    asked: Annotated[str, Form()] = "",
) -> Response:
    values = {"body": body, "title": title, "when": when, "prompt_id": prompt_id}
    return _feelings(request, state, owner, features, entry_id, values, feeling or [], asked)


@router.get("/{entry_id}/delete")
def confirm_delete(
    request: Request, state: Unlocked, owner: CurrentOwner, entry_id: RecordId
) -> Response:
    entry = _get(state, owner, entry_id)
    return render(request, "journal/delete.html", {"entry": entry})


@router.post("/{entry_id}/delete")
def delete(state: Unlocked, owner: CurrentOwner, entry_id: RecordId) -> Response:
    with state.session() as session:
        journal.delete_entry(session, owner, entry_id)
    return RedirectResponse("/journal?deleted=1", status_code=303)
