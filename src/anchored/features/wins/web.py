"""Wins pages: the list, log a win, read, edit, delete (with confirmation); affirmations with
starters to begin from; and "look how far you've come" (wins by month, a handful of past wins).
"""

from __future__ import annotations

import random
from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.core.errors import InvalidInput
from anchored.features.wins import rules
from anchored.features.wins import service as wins
from anchored.features.wins.content import load_starters
from anchored.features.wins.models import Affirmation, Win
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

router = APIRouter(prefix="/wins")
PAGE_SIZE = 20
Text = Annotated[str, Form()]
TURNS_MAX = 1000


def _win_form(
    request: Request,
    *,
    win_id: int | None,
    values: dict[str, str],
    errors: dict[str, str],
    today: str,
) -> Response:
    return render(
        request,
        "wins/form.html",
        {
            "win_id": win_id,
            "values": values,
            "errors": errors,
            "today": today,
            "limits": {"text": rules.WIN_MAX, "took": rules.TOOK_MAX},
        },
        status_code=422 if errors else 200,
    )


@router.get("")
def list_page(request: Request, state: Unlocked, owner: CurrentOwner, asked: Paging) -> Response:
    with state.session() as session:
        total = wins.count_wins(session, owner)
        page = asked.fit(total, PAGE_SIZE)
        found = wins.list_wins(session, owner, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return render(
        request,
        "wins/list.html",
        {"wins": found, "page": page, "has_next": page * PAGE_SIZE < total, "total": total},
    )


@router.get("/new")
def new_form(request: Request, state: Unlocked) -> Response:
    today = wins.today(state.now()).isoformat()
    return _win_form(request, win_id=None, values={"day": today}, errors={}, today=today)


@router.post("/new")
def create(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    once: Once,
    text: Text = "",
    took: Text = "",
    day: Text = "",
) -> Response:
    values = {"text": text, "took": took, "day": day}
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = wins.add_win(session, owner, text, took, day, now=state.now())
            sending.saved(f"/wins/{done.id}", record=(Win, done.id), listing="/wins")
    except InvalidInput as exc:
        today = wins.today(state.now()).isoformat()
        return _win_form(request, win_id=None, values=values, errors=exc.errors, today=today)
    return after_save(f"/wins/{done.id}?saved=1", done.needs_help)


@router.get("/far")
def far(request: Request, state: Unlocked, owner: CurrentOwner, turn: str = "") -> Response:
    """Look how far you've come: wins by month, and a handful of past wins (the same handful
    all day; "Show me others" turns to another)."""
    number = int(turn) if turn.isascii() and turn.isdigit() and len(turn) <= 3 else 0
    number = min(number, TURNS_MAX)
    today = wins.today(state.now())
    rng = random.Random(f"{today.isoformat()}:{number}")  # noqa: S311 (a choice, not a secret)
    with state.session() as session:
        months = wins.wins_by_month(session, owner)
        handful = wins.a_handful(session, owner, rng)
        total = wins.count_wins(session, owner)
    return render(
        request,
        "wins/far.html",
        {
            "months": [(m, rules.bar_percent(m.count, months)) for m in months],
            "handful": handful,
            "total": total,
            "more": total > rules.HANDFUL,
            "next_turn": (number + 1) % (TURNS_MAX + 1),
        },
    )


# -- affirmations -----------------------------------------------------------------------------


def _starter(text: str) -> str:
    starters = load_starters().starters
    if text.isascii() and text.isdigit() and len(text) <= 2 and int(text) < len(starters):
        return starters[int(text)]
    return ""


def _affirmations_page(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    *,
    values: dict[str, str],
    errors: dict[str, str],
) -> Response:
    with state.session() as session:
        found = wins.list_affirmations(session, owner)
    return render(
        request,
        "wins/affirmations.html",
        {
            "affirmations": found,
            "starters": list(enumerate(load_starters().starters)),
            "values": values,
            "errors": errors,
            "limit": rules.AFFIRMATION_MAX,
        },
        status_code=422 if errors else 200,
    )


@router.get("/affirmations")
def affirmations(
    request: Request, state: Unlocked, owner: CurrentOwner, starter: str = ""
) -> Response:
    """The person's affirmations and a form to write one; ``?starter=N`` puts a starter in the
    box to change (never saved until they save it)."""
    return _affirmations_page(request, state, owner, values={"text": _starter(starter)}, errors={})


@router.post("/affirmations/new")
def add_affirmation(
    request: Request, state: Unlocked, owner: CurrentOwner, once: Once, text: Text = ""
) -> Response:
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = wins.add_affirmation(session, owner, text, now=state.now())
            where = f"/wins/affirmations#affirmation-{done.id}"
            sending.saved(where, record=(Affirmation, done.id), listing="/wins/affirmations")
    except InvalidInput as exc:
        return _affirmations_page(request, state, owner, values={"text": text}, errors=exc.errors)
    return after_save(f"/wins/affirmations?saved=1#affirmation-{done.id}", done.needs_help)


@router.get("/affirmations/{affirmation_id}/edit")
def edit_affirmation_form(
    request: Request, state: Unlocked, owner: CurrentOwner, affirmation_id: RecordId
) -> Response:
    with state.session() as session:
        item = wins.get_affirmation(session, owner, affirmation_id)
    return render(
        request,
        "wins/affirmation_form.html",
        {
            "item": item,
            "values": {"text": item.text},
            "errors": {},
            "limit": rules.AFFIRMATION_MAX,
            **help_card_for(state, item.text),
        },
    )


@router.post("/affirmations/{affirmation_id}/edit")
def edit_affirmation(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    affirmation_id: RecordId,
    text: Text = "",
) -> Response:
    try:
        with state.session() as session:
            done = wins.update_affirmation(session, owner, affirmation_id, text, now=state.now())
    except InvalidInput as exc:
        with state.session() as session:
            item = wins.get_affirmation(session, owner, affirmation_id)
        return render(
            request,
            "wins/affirmation_form.html",
            {
                "item": item,
                "values": {"text": text},
                "errors": exc.errors,
                "limit": rules.AFFIRMATION_MAX,
            },
            status_code=422,
        )
    return after_save(f"/wins/affirmations?saved=1#affirmation-{done.id}", done.needs_help)


@router.get("/affirmations/{affirmation_id}/delete")
def confirm_delete_affirmation(
    request: Request, state: Unlocked, owner: CurrentOwner, affirmation_id: RecordId
) -> Response:
    with state.session() as session:
        item = wins.get_affirmation(session, owner, affirmation_id)
    return render(request, "wins/affirmation_delete.html", {"item": item})


@router.post("/affirmations/{affirmation_id}/delete")
def delete_affirmation(state: Unlocked, owner: CurrentOwner, affirmation_id: RecordId) -> Response:
    with state.session() as session:
        wins.delete_affirmation(session, owner, affirmation_id)
    return RedirectResponse("/wins/affirmations?deleted=1", status_code=303)


# -- one win ----------------------------------------------------------------------------------


def _get(state: Unlocked, owner: CurrentOwner, win_id: int) -> Win:
    with state.session() as session:
        return wins.get_win(session, owner, win_id)


@router.get("/{win_id}")
def read(request: Request, state: Unlocked, owner: CurrentOwner, win_id: RecordId) -> Response:
    win = _get(state, owner, win_id)
    return render(
        request,
        "wins/win.html",
        {
            "win": win,
            "saved": request.query_params.get("saved") == "1",
            **help_card_for(state, win.text, win.took),
        },
    )


@router.get("/{win_id}/edit")
def edit_form(request: Request, state: Unlocked, owner: CurrentOwner, win_id: RecordId) -> Response:
    win = _get(state, owner, win_id)
    values = {"text": win.text, "took": win.took, "day": win.day.isoformat()}
    today = wins.today(state.now()).isoformat()
    return _win_form(request, win_id=win_id, values=values, errors={}, today=today)


@router.post("/{win_id}/edit")
def update(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    win_id: RecordId,
    text: Text = "",
    took: Text = "",
    day: Text = "",
) -> Response:
    values = {"text": text, "took": took, "day": day}
    try:
        with state.session() as session:
            done = wins.update_win(session, owner, win_id, text, took, day, now=state.now())
    except InvalidInput as exc:
        today = wins.today(state.now()).isoformat()
        return _win_form(request, win_id=win_id, values=values, errors=exc.errors, today=today)
    return after_save(f"/wins/{done.id}?saved=1", done.needs_help)


@router.get("/{win_id}/delete")
def confirm_delete(
    request: Request, state: Unlocked, owner: CurrentOwner, win_id: RecordId
) -> Response:
    return render(request, "wins/delete.html", {"win": _get(state, owner, win_id)})


@router.post("/{win_id}/delete")
def delete(state: Unlocked, owner: CurrentOwner, win_id: RecordId) -> Response:
    with state.session() as session:
        wins.delete_win(session, owner, win_id)
    return RedirectResponse("/wins?deleted=1", status_code=303)
