"""Small steps and habits pages: today's habits (also on home), one habit with its last weeks
(any past day can be marked), add, edit and delete a habit (deleting asks first), and the
weekly review (write, read, edit, delete).

Marking a day is a small form that works without JavaScript (the page reloads at the same
place); with htmx only the list or the weeks change, and the status line says what changed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.content.programme import Exercise, load_programme
from anchored.core.errors import InvalidInput
from anchored.core.owner import Owner
from anchored.features.habits import rules
from anchored.features.habits import service as habits
from anchored.features.habits.models import NAME_MAX, REVIEW_MAX, SMALLEST_MAX, WHY_MAX
from anchored.features.habits.texts import load_texts
from anchored.web.deps import (
    CurrentOwner,
    Once,
    Paging,
    RecordId,
    Unlocked,
    after_save,
    help_card_for,
    record_id_from,
)
from anchored.web.templating import render

router = APIRouter(prefix="/habits")
Back = Literal["home", "list", "habit"]
Marked = Literal["done", "undone", "not_yet", "bad_day"]
MARKED: tuple[Marked, ...] = ("done", "undone", "not_yet", "bad_day")
REVIEWS_PER_PAGE = 20


BACKS: dict[str, Back] = {"home": "home", "list": "list", "habit": "habit"}


def _back(back: str) -> Back:
    return BACKS.get(back, "home")


def _marked(text: str | None) -> Marked | None:
    return next((m for m in MARKED if m == text), None)


def _day_or_none(text: str | None) -> date | None:
    try:
        return rules.parse_day(text or "")
    except ValueError:
        return None


# -- today's habits (home and the habits page) -----------------------------------------------


def today_context(
    session: Session,
    owner: Owner,
    request: Request,
    now: datetime,
    *,
    back: Back,
    noted: int | None = None,
    marked: Marked | None = None,
) -> dict[str, Any]:
    """What the list of today's habits needs (home and the habits page share it)."""
    query = request.query_params
    if noted is None and marked is None:
        noted, marked = record_id_from(query.get("habit")), _marked(query.get("marked"))
    shown = habits.today(session, owner, now=now)
    noted_habit = next((row.habit for row in shown.rows if row.habit.id == noted), None)
    return {
        "today": shown,
        "back": back,
        "noted": noted_habit,
        "marked": marked if noted_habit is not None or marked in ("not_yet", "bad_day") else None,
    }


def home_panel(session: Session, owner: Owner, request: Request, now: datetime) -> dict[str, Any]:
    """Home: one "Done today" button for each habit (nothing at all before the first one)."""
    return today_context(session, owner, request, now, back="home")


@router.get("")
def list_page(request: Request, state: Unlocked, owner: CurrentOwner) -> Response:
    now = state.now()
    with state.session() as session:
        context = today_context(session, owner, request, now, back="list")
        context.update(
            review=habits.review_this_week(session, owner, now=now),
            reviews=habits.count_reviews(session, owner),
            by_week=habits.days_done_by_week(session, owner, now, weeks=6),
        )
    context.update(texts=load_texts(), review_max=REVIEW_MAX, values={}, errors={})
    return render(request, "habits/list.html", context)


# -- marking a day ---------------------------------------------------------------------------


@router.post("/{habit_id}/days")
def mark_day(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    habit_id: RecordId,
    day: Annotated[str, Form()] = "",
    done: Annotated[str, Form()] = "yes",
    back: Annotated[str, Form()] = "home",
) -> Response:
    where = _back(back)
    marked: Marked = "done" if done == "yes" else "undone"
    chosen = _day_or_none(day)
    with state.session() as session:
        habits.get_habit(session, owner, habit_id)  # someone else's habit: 404, whatever else
        if chosen is None:
            marked = "bad_day"
        else:
            try:
                habits.mark_day(
                    session, owner, habit_id, chosen, done=marked == "done", now=state.now()
                )
            except InvalidInput as exc:
                marked = "not_yet" if exc.errors.get("day") == rules.NOT_YET else "bad_day"
    if request.headers.get("HX-Request") == "true":
        return _marked_fragment(request, state, owner, where, habit_id, chosen, marked)
    query = f"habit={habit_id}&marked={marked}"
    if where == "habit":
        until = f"&until={chosen.isoformat()}" if chosen is not None else ""
        return RedirectResponse(f"/habits/{habit_id}?{query}{until}#days", status_code=303)
    if where == "list":
        return RedirectResponse(f"/habits?{query}#today", status_code=303)
    return RedirectResponse(f"/?{query}#habits-today", status_code=303)


def _marked_fragment(
    request: Request,
    state: Unlocked,
    owner: Owner,
    where: Back,
    habit_id: int,
    chosen: date | None,
    marked: Marked,
) -> Response:
    """htmx: the part of the page that changed, and the status line out of band."""
    now = state.now()
    with state.session() as session:
        if where == "habit":
            view = habits.habit_view(session, owner, habit_id, now=now, until=chosen)
            context = {"view": view, "marked": marked, "marked_day": chosen}
            return render(request, "habits/_days_update.html", context)
        context = today_context(
            session, owner, request, now, back=where, noted=habit_id, marked=marked
        )
    return render(request, "habits/_today_update.html", context)


# -- the weekly review (before /{habit_id}, so "reviews" is never read as a habit's id) -------


def _review_form(
    request: Request,
    *,
    review_id: int | None,
    values: dict[str, str],
    errors: dict[str, str],
) -> Response:
    return render(
        request,
        "habits/review_form.html",
        {
            "review_id": review_id,
            "values": values,
            "errors": errors,
            "texts": load_texts(),
            "review_max": REVIEW_MAX,
        },
        status_code=422 if errors else 200,
    )


@router.get("/reviews")
def reviews_page(request: Request, state: Unlocked, owner: CurrentOwner, asked: Paging) -> Response:
    with state.session() as session:
        total = habits.count_reviews(session, owner)
        page = asked.fit(total, REVIEWS_PER_PAGE)
        reviews = habits.list_reviews(
            session, owner, limit=REVIEWS_PER_PAGE, offset=(page - 1) * REVIEWS_PER_PAGE
        )
    return render(
        request,
        "habits/reviews.html",
        {"reviews": reviews, "page": page, "has_next": page * REVIEWS_PER_PAGE < total},
    )


@router.get("/reviews/new")
def new_review(request: Request, _state: Unlocked) -> Response:
    return _review_form(request, review_id=None, values={}, errors={})


@router.post("/reviews/new")
def create_review(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    once: Once,
    worked: Annotated[str, Form()] = "",
    smaller: Annotated[str, Form()] = "",
) -> Response:
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = habits.add_review(session, owner, worked, smaller, now=state.now())
            url = f"/habits/reviews/{done.id}"
            sending.saved(url, record=(habits.HabitReview, done.id), listing="/habits/reviews")
    except InvalidInput as exc:
        values = {"worked": worked, "smaller": smaller}
        return _review_form(request, review_id=None, values=values, errors=exc.errors)
    return after_save(f"/habits/reviews/{done.id}?saved=1", done.needs_help)


@router.get("/reviews/{review_id}")
def read_review(
    request: Request, state: Unlocked, owner: CurrentOwner, review_id: RecordId
) -> Response:
    with state.session() as session:
        review = habits.get_review(session, owner, review_id)
    return render(
        request,
        "habits/review.html",
        {
            "review": review,
            "texts": load_texts(),
            "saved": request.query_params.get("saved") == "1",
            **help_card_for(state, review.worked, review.smaller),
        },
    )


@router.get("/reviews/{review_id}/edit")
def edit_review(
    request: Request, state: Unlocked, owner: CurrentOwner, review_id: RecordId
) -> Response:
    with state.session() as session:
        review = habits.get_review(session, owner, review_id)
    values = {"worked": review.worked or "", "smaller": review.smaller or ""}
    return _review_form(request, review_id=review_id, values=values, errors={})


@router.post("/reviews/{review_id}/edit")
def update_review(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    review_id: RecordId,
    worked: Annotated[str, Form()] = "",
    smaller: Annotated[str, Form()] = "",
) -> Response:
    try:
        with state.session() as session:
            done = habits.update_review(session, owner, review_id, worked, smaller, now=state.now())
    except InvalidInput as exc:
        values = {"worked": worked, "smaller": smaller}
        return _review_form(request, review_id=review_id, values=values, errors=exc.errors)
    return after_save(f"/habits/reviews/{review_id}?saved=1", done.needs_help)


@router.get("/reviews/{review_id}/delete")
def confirm_delete_review(
    request: Request, state: Unlocked, owner: CurrentOwner, review_id: RecordId
) -> Response:
    with state.session() as session:
        review = habits.get_review(session, owner, review_id)
    return render(request, "habits/review_delete.html", {"review": review})


@router.post("/reviews/{review_id}/delete")
def delete_review(state: Unlocked, owner: CurrentOwner, review_id: RecordId) -> Response:
    with state.session() as session:
        habits.delete_review(session, owner, review_id)
    return RedirectResponse("/habits/reviews?deleted=1", status_code=303)


# -- a habit: add, read, edit, delete --------------------------------------------------------


def _exercise(step: str, exercise: str) -> tuple[int, Exercise] | None:
    """The programme exercise a habit is written for, if the address names a real one."""
    if not (step.isascii() and step.isdigit()) or len(step) > 2:
        return None
    found = load_programme().step(int(step))
    chosen = found.exercise(exercise) if found is not None else None
    if found is None or chosen is None or chosen.tool != "habits":
        return None
    return found.number, chosen


def _habit_form(
    request: Request,
    *,
    habit_id: int | None,
    values: dict[str, str],
    errors: dict[str, str],
) -> Response:
    found = _exercise(values.get("step", ""), values.get("exercise", ""))
    return render(
        request,
        "habits/form.html",
        {
            "habit_id": habit_id,
            "values": values,
            "errors": errors,
            "exercise": found[1] if found else None,
            "step_number": found[0] if found else None,
            "texts": load_texts(),
            "limits": {"name": NAME_MAX, "why": WHY_MAX, "smallest": SMALLEST_MAX},
            "some_days": (rules.SOME_DAYS_MIN, rules.SOME_DAYS_MAX),
        },
        status_code=422 if errors else 200,
    )


@router.get("/new")
def new_habit(
    request: Request, _state: Unlocked, step: str = "", exercise: str = "", idea: str = ""
) -> Response:
    values = {"often": rules.DAILY}
    found = _exercise(step, exercise)
    if found is not None:
        values.update(step=str(found[0]), exercise=found[1].slug)
    starter = load_texts().starter(idea.strip())
    if starter is not None:
        values.update(
            name=starter.name,
            why=starter.why,
            smallest=starter.smallest,
            often=starter.often,
            days_a_week=str(starter.days_a_week or ""),
        )
    return _habit_form(request, habit_id=None, values=values, errors={})


def _given(name: str, why: str, smallest: str, often: str, days_a_week: str) -> habits.HabitInput:
    """The form's fields as the service takes them (a number of days that is not one is an
    error of its own, shown with the others)."""
    try:
        days = habits.parse_days_a_week(days_a_week) if often == rules.SOME_DAYS else None
    except InvalidInput:
        days = -1  # out of range: the service says what fits
    return habits.HabitInput(name, why, smallest, often, days)


@router.post("/new")
def create_habit(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    once: Once,
    name: Annotated[str, Form()] = "",
    why: Annotated[str, Form()] = "",
    smallest: Annotated[str, Form()] = "",
    often: Annotated[str, Form()] = "",
    days_a_week: Annotated[str, Form()] = "",
    step: Annotated[str, Form()] = "",
    exercise: Annotated[str, Form()] = "",
) -> Response:
    found = _exercise(step, exercise)
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = habits.add_habit(
                session,
                owner,
                _given(name, why, smallest, often, days_a_week),
                now=state.now(),
                step=found[0] if found else None,
            )
            sending.saved(f"/habits/{done.id}", record=(habits.Habit, done.id), listing="/habits")
    except InvalidInput as exc:
        values = {
            "name": name,
            "why": why,
            "smallest": smallest,
            "often": often,
            "days_a_week": days_a_week,
            "step": step,
            "exercise": exercise,
        }
        return _habit_form(request, habit_id=None, values=values, errors=exc.errors)
    return after_save(f"/habits/{done.id}?added=1", done.needs_help)


@router.get("/{habit_id}")
def habit_page(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    habit_id: RecordId,
    until: str = "",
) -> Response:
    query = request.query_params
    with state.session() as session:
        view = habits.habit_view(
            session, owner, habit_id, now=state.now(), until=_day_or_none(until)
        )
    marked = _marked(query.get("marked")) if record_id_from(query.get("habit")) else None
    return render(
        request,
        "habits/habit.html",
        {
            "view": view,
            "habit": view.habit,
            "marked": marked,
            "marked_day": _day_or_none(until),
            "added": query.get("added") == "1",
            "saved": query.get("saved") == "1",
            **help_card_for(state, view.habit.name, view.habit.why, view.habit.smallest),
        },
    )


@router.get("/{habit_id}/edit")
def edit_habit(
    request: Request, state: Unlocked, owner: CurrentOwner, habit_id: RecordId
) -> Response:
    with state.session() as session:
        habit = habits.get_habit(session, owner, habit_id)
    values = {
        "name": habit.name,
        "why": habit.why or "",
        "smallest": habit.smallest or "",
        "often": habit.often,
        "days_a_week": str(habit.days_a_week or ""),
    }
    return _habit_form(request, habit_id=habit_id, values=values, errors={})


@router.post("/{habit_id}/edit")
def update_habit(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    habit_id: RecordId,
    name: Annotated[str, Form()] = "",
    why: Annotated[str, Form()] = "",
    smallest: Annotated[str, Form()] = "",
    often: Annotated[str, Form()] = "",
    days_a_week: Annotated[str, Form()] = "",
) -> Response:
    try:
        with state.session() as session:
            done = habits.update_habit(
                session,
                owner,
                habit_id,
                _given(name, why, smallest, often, days_a_week),
                now=state.now(),
            )
    except InvalidInput as exc:
        values = {
            "name": name,
            "why": why,
            "smallest": smallest,
            "often": often,
            "days_a_week": days_a_week,
        }
        return _habit_form(request, habit_id=habit_id, values=values, errors=exc.errors)
    return after_save(f"/habits/{habit_id}?saved=1", done.needs_help)


@router.get("/{habit_id}/delete")
def confirm_delete_habit(
    request: Request, state: Unlocked, owner: CurrentOwner, habit_id: RecordId
) -> Response:
    with state.session() as session:
        habit = habits.get_habit(session, owner, habit_id)
        days = len(habits.days_done(session, owner, habit_id))
    return render(request, "habits/delete.html", {"habit": habit, "days": days})


@router.post("/{habit_id}/delete")
def delete_habit(state: Unlocked, owner: CurrentOwner, habit_id: RecordId) -> Response:
    with state.session() as session:
        habits.delete_habit(session, owner, habit_id)
    return RedirectResponse("/habits?deleted=1", status_code=303)
