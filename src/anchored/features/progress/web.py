"""Progress pages: the charts and insights (/progress), the weekly review (/progress/week),
and the signs-of-progress ratings (rate, read, edit, delete with confirmation)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import InvalidInput
from anchored.core.weeks import DEFAULT_WEEKS, PERIODS, local_date, period_ending, week_holding
from anchored.features.progress import rules
from anchored.features.progress import service as progress
from anchored.features.progress.signs import load_signs
from anchored.web.charts import chart_view
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

router = APIRouter(prefix="/progress")
SIGNS_SHOWN = 12  # ratings drawn on the signs page's own chart
ZONE = progress.ZONE


def _weeks(text: str) -> int:
    return int(text) if text in {str(p) for p in PERIODS} else DEFAULT_WEEKS


@router.get("")
def overview(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features, weeks: str = ""
) -> Response:
    chosen = _weeks(weeks)
    now = state.now()
    period = period_ending(now, chosen, ZONE)
    asked = {key: tuple(request.query_params.getlist(key)) for key in request.query_params}
    with state.session() as session:
        gathered = progress.gather_parts(
            features, session, owner, period=period, asked=asked, now=now
        )
        insights = progress.gather_insights(features, session, owner, now=now, zone=ZONE)
    return render(
        request,
        "progress/overview.html",
        {
            "charts": [chart_view(part) for part in gathered.charts],
            "waiting": gathered.waiting,
            "insights": insights,
            "weeks": chosen,
            "periods": PERIODS,
            "asked": asked,
            "period": period,
        },
    )


def _week_start(text: str, today: date) -> date:
    try:
        day = date.fromisoformat(text.strip()) if text.strip() else today
    except ValueError:
        day = today
    return min(day, today)


@router.get("/week")
def week(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features, start: str = ""
) -> Response:
    now = state.now()
    today = local_date(now, ZONE)
    period = week_holding(_week_start(start, today), ZONE)
    with state.session() as session:
        groups = progress.gather_week(features, session, owner, period=period, now=now)
    following = period.first + timedelta(days=7)
    return render(
        request,
        "progress/week.html",
        {
            "period": period,
            "groups": groups,
            "current": period.first <= today <= period.last,
            "previous": (period.first - timedelta(days=7)).isoformat(),
            "following": following.isoformat() if following <= today else None,
        },
    )


# -- signs of progress -------------------------------------------------------------------------


def _signs_page(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    asked: Paging | None = None,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> Response:
    with state.session() as session:
        total = progress.count_ratings(session, owner)
        page = asked.fit(total, progress.PAGE_SIZE) if asked is not None else 1
        ratings = progress.list_ratings(
            session, owner, limit=progress.PAGE_SIZE, offset=(page - 1) * progress.PAGE_SIZE
        )
        shown = [progress.scores_of(r) for r in ratings]
        latest = progress.list_ratings(session, owner, limit=SIGNS_SHOWN)
        chart_ratings = [rules.Rated(r.id, r.rated_at, progress.scores_of(r)) for r in latest]
    part = progress.signs_part(chart_ratings, ZONE)
    return render(
        request,
        "progress/signs.html",
        {
            "content": load_signs(),
            "ratings": list(zip(ratings, shown, strict=True)),
            "signs_chart": chart_view(part) if part.has_data else None,
            "page": page,
            "has_next": page * progress.PAGE_SIZE < total,
            "total": total,
            "values": values or {},
            "errors": errors or {},
            "note_max": rules.NOTE_MAX,
            "deleted": request.query_params.get("deleted") == "1",
        },
        status_code=422 if errors else 200,
    )


@router.get("/signs")
def signs(request: Request, state: Unlocked, owner: CurrentOwner, asked: Paging) -> Response:
    return _signs_page(request, state, owner, asked)


async def _scores(request: Request) -> dict[str, str]:
    form = await request.form()
    slugs = load_signs().slugs
    return {slug: str(form.get(f"sign-{slug}", "")) for slug in slugs}


@router.post("/signs")
async def rate(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    once: Once,
    note: Annotated[str, Form()] = "",
) -> Response:
    scores = await _scores(request)
    values = {f"sign-{slug}": value for slug, value in scores.items()} | {"note": note}
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = progress.add_rating(session, owner, scores, note, now=state.now())
            sending.saved(
                f"/progress/signs/{done.id}",
                record=(progress.SignsRating, done.id),
                listing="/progress/signs",
            )
    except InvalidInput as exc:
        return _signs_page(request, state, owner, values=values, errors=exc.errors)
    return after_save(f"/progress/signs/{done.id}?saved=1", done.needs_help)


def _get(state: Unlocked, owner: CurrentOwner, rating_id: int) -> progress.SignsRating:
    with state.session() as session:
        return progress.get_rating(session, owner, rating_id)


@router.get("/signs/{rating_id}")
def rating(request: Request, state: Unlocked, owner: CurrentOwner, rating_id: RecordId) -> Response:
    found = _get(state, owner, rating_id)
    return render(
        request,
        "progress/rating.html",
        {
            "rating": found,
            "scores": progress.scores_of(found),
            "content": load_signs(),
            "saved": request.query_params.get("saved") == "1",
            **help_card_for(state, found.note),
        },
    )


def _edit_page(
    request: Request,
    rating_id: int,
    rated: progress.SignsRating,
    values: dict[str, str],
    errors: dict[str, str],
) -> Response:
    return render(
        request,
        "progress/edit.html",
        {
            "rating": rated,
            "content": load_signs(),
            "values": values,
            "errors": errors,
            "note_max": rules.NOTE_MAX,
        },
        status_code=422 if errors else 200,
    )


@router.get("/signs/{rating_id}/edit")
def edit_form(
    request: Request, state: Unlocked, owner: CurrentOwner, rating_id: RecordId
) -> Response:
    found = _get(state, owner, rating_id)
    values = {f"sign-{slug}": str(v) for slug, v in progress.scores_of(found).items()}
    return _edit_page(request, rating_id, found, values | {"note": found.note}, {})


@router.post("/signs/{rating_id}/edit")
async def update(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    rating_id: RecordId,
    note: Annotated[str, Form()] = "",
) -> Response:
    scores = await _scores(request)
    values = {f"sign-{slug}": value for slug, value in scores.items()} | {"note": note}
    try:
        with state.session() as session:
            done = progress.update_rating(session, owner, rating_id, scores, note, now=state.now())
    except InvalidInput as exc:
        return _edit_page(request, rating_id, _get(state, owner, rating_id), values, exc.errors)
    return after_save(f"/progress/signs/{done.id}?saved=1", done.needs_help)


@router.get("/signs/{rating_id}/delete")
def confirm_delete(
    request: Request, state: Unlocked, owner: CurrentOwner, rating_id: RecordId
) -> Response:
    return render(request, "progress/delete.html", {"rating": _get(state, owner, rating_id)})


@router.post("/signs/{rating_id}/delete")
def delete(state: Unlocked, owner: CurrentOwner, rating_id: RecordId) -> Response:
    with state.session() as session:
        progress.delete_rating(session, owner, rating_id)
    return RedirectResponse("/progress/signs?deleted=1", status_code=303)
