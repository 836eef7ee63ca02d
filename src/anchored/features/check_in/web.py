"""Check-in pages: the form, history by day, one check-in, edit, delete, own tags."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.content.emotions import load_emotions
from anchored.core.errors import InvalidInput
from anchored.core.owner import Owner
from anchored.features.check_in import rules
from anchored.features.check_in import service as checkin
from anchored.features.check_in.models import CheckIn
from anchored.manifest import Registry
from anchored.web import feelings as suggested
from anchored.web.deps import (
    CurrentOwner,
    Features,
    Once,
    Paging,
    RecordId,
    SentOnce,
    Unlocked,
    after_save,
    help_card_for,
    record_id_from,
)
from anchored.web.templating import render

router = APIRouter(prefix="/check-in")
INTENSITY_PREFIX = "intensity-"
# Where each error's link in the summary at the top of the form leads.
ANCHORS = {"emotions": "feelings-heading", "factors": "factors", "new_factor": "new_factor"}


@dataclass
class Posted:
    """The check-in form as sent: strings only, kept to put back if something needs fixing."""

    emotions: list[str] = field(default_factory=list)  # ticked, in form order
    intensities: dict[str, str] = field(default_factory=dict)  # every box, ticked or not
    factors: list[str] = field(default_factory=list)
    new_factor: str = ""
    note: str = ""
    when: str = ""

    def parsed(self) -> tuple[dict[str, int], dict[str, str]]:
        """Ticked emotions with their numbers, and messages for numbers that are not 0-10."""
        known = load_emotions()
        emotions: dict[str, int] = {}
        errors: dict[str, str] = {}
        for slug in self.emotions:
            try:
                emotions[slug] = rules.parse_intensity(self.intensities.get(slug))
            except ValueError as exc:
                emotion = known.get(slug)
                name = emotion.name if emotion is not None else "This feeling"
                errors[f"{INTENSITY_PREFIX}{slug}"] = f"{name}: {exc}"
                emotions[slug] = rules.DEFAULT_INTENSITY  # so the rest is still checked
        return emotions, errors


async def posted_form(request: Request) -> Posted:
    form = await request.form()
    posted = Posted()
    for key, value in form.multi_items():
        if not isinstance(value, str):
            continue
        if key == "emotion" and value not in posted.emotions:
            posted.emotions.append(value)
        elif key.startswith(INTENSITY_PREFIX):
            posted.intensities[key.removeprefix(INTENSITY_PREFIX)] = value
        elif key == "factor" and value not in posted.factors:
            posted.factors.append(value)
        elif key in ("new_factor", "note", "when"):
            setattr(posted, key, value)
    return posted


PostedForm = Annotated[Posted, Depends(posted_form)]


def _form_page(
    request: Request,
    session: Session,
    owner: Owner,
    *,
    check_in_id: int | None,
    values: Posted,
    errors: dict[str, str],
    kept: list[tuple[str, str]] | None = None,
    features: Registry | None = None,
    feelings: suggested.FeelingSuggestions | None = None,
) -> Response:
    """The form; ``kept`` is (value, name) of tags on this check-in no longer offered;
    ``feelings``, the suggestions under the note (else as first shown, if switched on)."""
    if feelings is None and features is not None:
        feelings = suggested.offered(features, session, owner)
    choices = checkin.list_factor_choices(session, owner)
    offered = {c.value for c in choices}
    kept = [k for k in (kept or []) if k[0] not in offered]
    # A removed tag ticked on a form sent back with errors stays on screen too.
    kept += [(v, v) for v in values.factors if v not in offered and (v, v) not in kept]
    return render(
        request,
        "check_in/form.html",
        {
            "check_in_id": check_in_id,
            "families": load_emotions().families,
            "builtin_factors": [c for c in choices if not c.own],
            "own_factors": [c for c in choices if c.own],
            "kept_factors": kept,
            "values": values,
            "errors": errors,
            "anchors": {k: ANCHORS.get(k, k) for k in errors},
            "note_max": rules.NOTE_MAX,
            "factor_name_max": rules.FACTOR_NAME_MAX,
            "count": checkin.count_check_ins(session, owner),
            "feelings": feelings,
            "ask": _ask(check_in_id),
        },
        status_code=422 if errors else 200,
    )


def _ask(check_in_id: int | None) -> dict[str, Any]:
    """Where the feeling suggestions under the note come from (web/templates/_feelings.html)."""
    where = "/check-in" if check_in_id is None else f"/check-in/{check_in_id}"
    return {
        "url": f"{where}/feelings",
        "params": "note,emotion,asked",
        "field": "emotion",
        "heading": "Words for what you wrote",
        "level": 3,
        "tick_hint": "A word you tick here is saved with your feelings, at 5 unless you choose"
        " how strong it is above.",
    }


def _history_url(session: Session, owner: Owner, check_in_id: int) -> str:
    page = checkin.page_of(session, owner, check_in_id)
    query = f"saved={check_in_id}" + (f"&page={page}" if page > 1 else "")
    return f"/check-in/history?{query}#check-in-{check_in_id}"


def _save(
    request: Request,
    state: Unlocked,
    owner: Owner,
    form: Posted,
    check_in_id: int | None,
    once: SentOnce | None = None,
    features: Registry | None = None,
) -> Response:
    """Add (``once``: the new check-in's form) or update a check-in from its form."""
    emotions, errors = form.parsed()
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now()) if once is not None else None
            try:
                when = rules.parse_local_datetime(form.when)
            except ValueError as exc:
                errors["when"] = str(exc)
                when = None
            if check_in_id is not None and form.when.strip() == _when_value(
                checkin.get_check_in(session, owner, check_in_id).created_at
            ):
                when = None  # unchanged: keep the seconds the form cannot show
            if errors:
                checkin.check_input(
                    session,
                    owner,
                    emotions,
                    form.factors,
                    form.note,
                    when,
                    now=state.now(),
                    new_factor=form.new_factor,
                    check_in_id=check_in_id,
                    extra_errors=errors,
                )
            if check_in_id is None:
                done = checkin.add_check_in(
                    session,
                    owner,
                    emotions,
                    form.factors,
                    form.note,
                    when,
                    now=state.now(),
                    new_factor=form.new_factor,
                )
            else:
                done = checkin.update_check_in(
                    session,
                    owner,
                    check_in_id,
                    emotions,
                    form.factors,
                    form.note,
                    when,
                    now=state.now(),
                    new_factor=form.new_factor,
                )
            if sending is not None:
                sending.saved(
                    f"/check-in/{done.id}",
                    record=(CheckIn, done.id),
                    listing="/check-in/history",
                )
            url = _history_url(session, owner, done.id)
    except InvalidInput as exc:
        with state.session() as session:
            kept = _kept(session, owner, check_in_id)
            return _form_page(
                request,
                session,
                owner,
                check_in_id=check_in_id,
                values=form,
                errors=exc.errors,
                kept=kept,
                features=features,
            )
    return after_save(url, done.needs_help)


def _when_value(moment: datetime) -> str:
    """A moment as a `datetime-local` box shows it, in the person's time zone."""
    return moment.astimezone().strftime("%Y-%m-%dT%H:%M")


def _kept(session: Session, owner: Owner, check_in_id: int | None) -> list[tuple[str, str]]:
    if check_in_id is None:
        return []
    found = checkin.get_check_in(session, owner, check_in_id)
    return [(f.factor, f.factor) for f in found.factors if f.own]


# -- the form ----------------------------------------------------------------------------------


@router.get("")
def new_form(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features
) -> Response:
    with state.session() as session:
        return _form_page(
            request, session, owner, check_in_id=None, values=Posted(), errors={}, features=features
        )


@router.post("")
def create(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    form: PostedForm,
    once: Once,
) -> Response:
    return _save(request, state, owner, form, None, once, features)


def _feelings(
    request: Request,
    state: Unlocked,
    owner: Owner,
    features: Registry,
    form: Posted,
    check_in_id: int | None,
    asked: str = "",
) -> Response:
    """Feeling suggestions for the note: only them for htmx, else the form shown again with
    everything typed kept. Nothing is saved, and nothing of the note is logged."""
    partial, live = suggested.is_partial(request), suggested.is_live(request, asked)
    with state.session() as session:
        if check_in_id is not None:
            checkin.get_check_in(session, owner, check_in_id)  # someone else's: 404
        feelings = suggested.suggest(
            features, session, owner, form.note, live=live, ticked=form.emotions
        )
        if partial:
            if feelings is None:  # switched off meanwhile: the part empties
                return Response("", media_type="text/html")
            context = {"part": feelings, "ask": _ask(check_in_id)}
            return render(request, "_feelings_live.html", context)
        return _form_page(
            request,
            session,
            owner,
            check_in_id=check_in_id,
            values=form,
            errors={},
            kept=_kept(session, owner, check_in_id),
            feelings=feelings,
        )


@router.post("/feelings")
def feelings_for_new(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    form: PostedForm,
    form_token: Annotated[str, Form()] = "",
    asked: Annotated[str, Form()] = "",
) -> Response:
    suggested.keep_form_token(request, form_token, "/check-in")
    return _feelings(request, state, owner, features, form, None, asked)


# -- history -----------------------------------------------------------------------------------


@router.get("/history")
def history(request: Request, state: Unlocked, owner: CurrentOwner, asked: Paging) -> Response:
    with state.session() as session:
        count = checkin.count_check_ins(session, owner)
        page = asked.fit(count, checkin.PAGE_SIZE)
        found = checkin.list_days(session, owner, page=page)
    total = count if page == 1 else None
    return render(
        request,
        "check_in/history.html",
        {
            "history": found,
            "total": total,
            # The person's own calendar day, by the app's clock (so tests can set the day).
            "today": state.now().astimezone().date(),
            "day_heading": rules.day_heading,
            "emotion_names": checkin.emotion_names(),
            "factor_label": checkin.factor_label,
            "saved": record_id_from(request.query_params.get("saved")),
            "deleted": request.query_params.get("deleted") == "1",
        },
    )


# -- own tags ----------------------------------------------------------------------------------


def _tags_page(
    request: Request, state: Unlocked, owner: Owner, *, name: str = "", error: str = ""
) -> Response:
    with state.session() as session:
        tags = checkin.list_own_factors(session, owner)
    return render(
        request,
        "check_in/tags.html",
        {
            "tags": tags,
            "values": {"name": name},
            "errors": {"name": error} if error else {},
            "factor_name_max": rules.FACTOR_NAME_MAX,
            "own_max": rules.OWN_FACTORS_MAX,
            "added": request.query_params.get("added") == "1",
            "removed": request.query_params.get("removed") == "1",
        },
        status_code=422 if error else 200,
    )


@router.get("/tags")
def tags(request: Request, state: Unlocked, owner: CurrentOwner) -> Response:
    return _tags_page(request, state, owner)


@router.post("/tags")
def add_tag(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    once: Once,
    name: Annotated[str, Form()] = "",
) -> Response:
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = checkin.add_own_factor(session, owner, name)
            sending.saved("/check-in/tags")
    except InvalidInput as exc:
        return _tags_page(request, state, owner, name=name, error=exc.errors["name"])
    return after_save("/check-in/tags?added=1", done.needs_help)


@router.get("/tags/{tag_id}/remove")
def confirm_remove_tag(
    request: Request, state: Unlocked, owner: CurrentOwner, tag_id: RecordId
) -> Response:
    with state.session() as session:
        tag = checkin.get_own_factor(session, owner, tag_id)
    return render(request, "check_in/remove_tag.html", {"tag": tag})


@router.post("/tags/{tag_id}/remove")
def remove_tag(state: Unlocked, owner: CurrentOwner, tag_id: RecordId) -> Response:
    with state.session() as session:
        checkin.remove_own_factor(session, owner, tag_id)
    return RedirectResponse("/check-in/tags?removed=1", status_code=303)


# -- one check-in ------------------------------------------------------------------------------


def _one(
    request: Request, state: Unlocked, owner: Owner, check_in_id: int, template: str
) -> Response:
    with state.session() as session:
        found = checkin.get_check_in(session, owner, check_in_id)
        page = checkin.page_of(session, owner, check_in_id)
    context: dict[str, Any] = {
        "check_in": found,
        "history_url": f"/check-in/history?page={page}#check-in-{check_in_id}",
        "emotion_names": checkin.emotion_names(),
        "factor_label": checkin.factor_label,
        **help_card_for(state, found.note),
    }
    return render(request, template, context)


@router.get("/{check_in_id}")
def read(request: Request, state: Unlocked, owner: CurrentOwner, check_in_id: RecordId) -> Response:
    return _one(request, state, owner, check_in_id, "check_in/entry.html")


@router.get("/{check_in_id}/edit")
def edit_form(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    check_in_id: RecordId,
) -> Response:
    with state.session() as session:
        found = checkin.get_check_in(session, owner, check_in_id)
        values = Posted(
            emotions=[e.emotion for e in found.emotions],
            intensities={e.emotion: str(e.intensity) for e in found.emotions},
            factors=[f.factor for f in found.factors],
            note=found.note,
            when=_when_value(found.created_at),
        )
        return _form_page(
            request,
            session,
            owner,
            check_in_id=check_in_id,
            values=values,
            errors={},
            kept=_kept(session, owner, check_in_id),
            features=features,
        )


@router.post("/{check_in_id}/edit")
def update(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    check_in_id: RecordId,
    form: PostedForm,
) -> Response:
    return _save(request, state, owner, form, check_in_id, features=features)


@router.post("/{check_in_id}/feelings")
def feelings_for_edit(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    check_in_id: RecordId,
    form: PostedForm,
    asked: Annotated[str, Form()] = "",
) -> Response:
    return _feelings(request, state, owner, features, form, check_in_id, asked)


@router.get("/{check_in_id}/delete")
def confirm_delete(
    request: Request, state: Unlocked, owner: CurrentOwner, check_in_id: RecordId
) -> Response:
    return _one(request, state, owner, check_in_id, "check_in/delete.html")


@router.post("/{check_in_id}/delete")
def delete(state: Unlocked, owner: CurrentOwner, check_in_id: RecordId) -> Response:
    with state.session() as session:
        checkin.delete_check_in(session, owner, check_in_id)
    return RedirectResponse("/check-in/history?deleted=1", status_code=303)
