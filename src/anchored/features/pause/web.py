"""Pause pages: start in one tap, the running pause, its end screen, the summary and history.

The running page is one form: every button on it (save, timer length, more time, end now,
stop) sends what was written so far, so nothing typed is lost whichever one is pressed. With
JavaScript, htmx also saves its text boxes as the person types (``/draft``), and pause.js saves
them before the header's Lock and when the page is left.
A pause without an open vault is in :mod:`.web_unsaved`.
A finished pause's summary offers a trigger-log entry made from it, when a feature offers
``trigger_log.entry_for_pause`` (the trigger log); when the pause ended in not sending
(or doing something else instead), to log it as a win in one tap, when a feature offers
``wins.add_from`` (the wins); and, right after a pause ends, the secure-base kit when a
feature offers ``secure_base.href``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from anchored.core.errors import InvalidInput
from anchored.core.owner import Owner
from anchored.features.pause import rules
from anchored.features.pause import service as pause
from anchored.features.pause.self_compassion import load_self_compassion
from anchored.features.pause.web_unsaved import router as unsaved_router
from anchored.manifest import Registry
from anchored.web.deps import (
    CurrentOwner,
    Features,
    Once,
    Paging,
    RecordId,
    State,
    Unlocked,
    after_save,
)
from anchored.web.state import AppState
from anchored.web.templating import render

pages = APIRouter(prefix="/pause")
PAGE_SIZE = 30
SECTIONS = ("now", "message", "thoughts")
KIND_FIELD = re.compile(r"kind-([1-9][0-9]{0,17})")
# Offered by the trigger log: (session, owner, episode_id) -> the entry made from it, or None.
ENTRY_FOR_PAUSE = "trigger_log.entry_for_pause"
# Offered by the wins: (session, owner, *, text, source, now) -> Saved, a win logged in one
# tap; and (session, owner, source) -> the address of the win logged from ``source``, or None.
ADD_WIN = "wins.add_from"
WIN_LOGGED = "wins.logged_from"


def _win_source(episode_id: int) -> str:
    return f"pause:{episode_id}"


# Offered by the secure-base kit: () -> its address, offered at the end of every pause.
KIT_HREF = "secure_base.href"


# -- what the running page sends --------------------------------------------------------------


@dataclass
class Writing:
    """The running page's fields; None where the form did not carry one."""

    what_happened: str | None = None
    urge_before: str | None = None
    held_message: str | None = None
    statements: str | None = None
    kinds: dict[int, str] = field(default_factory=dict)
    section: str = ""


async def _writing(request: Request) -> Writing:
    form = await request.form()

    def text(name: str) -> str | None:
        value = form.get(name)
        return value if isinstance(value, str) else None

    kinds = {}
    for name, value in form.multi_items():
        if (match := KIND_FIELD.fullmatch(name)) and isinstance(value, str):
            kinds[int(match.group(1))] = value
    section = text("section") or ""
    return Writing(
        what_happened=text("what_happened"),
        urge_before=text("urge_before"),
        held_message=text("held_message"),
        statements=text("statements"),
        kinds=kinds,
        section=section if section in SECTIONS else "",
    )


WritingForm = Annotated[Writing, Depends(_writing)]
# What a timer button does after the page's text is saved, in the same transaction: a
# service function called as ``change(session, owner, episode_id, *args, now=now)``.
Change = Callable[..., object]


def _save(session: Session, owner: Owner, episode_id: int, writing: Writing, now: datetime) -> bool:
    """Save the running page's fields; True if the help card should come first."""
    done = pause.save_progress(
        session,
        owner,
        episode_id,
        now=now,
        what_happened=writing.what_happened,
        urge_before=writing.urge_before,
        held_message=writing.held_message,
        statement_text=writing.statements,
        kinds=writing.kinds,
    )
    return done.needs_help


def _to_pause(episode_id: int, needs_help: bool = False, **query: str) -> RedirectResponse:
    """303 to the pause (with the help card first when ``needs_help``)."""
    anchor = query.pop("anchor", "")
    suffix = "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
    return after_save(f"/pause/{episode_id}{suffix}{'#' + anchor if anchor else ''}", needs_help)


# -- pages ------------------------------------------------------------------------------------


@pages.get("")
def history(request: Request, state: Unlocked, owner: CurrentOwner, asked: Paging) -> Response:
    now = state.now()
    with state.session() as session:
        total = pause.count_pauses(session, owner)
        page = asked.fit(total, PAGE_SIZE)
        episodes = pause.list_pauses(
            session, owner, now=now, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
        )
        running = pause.current_pause(session, owner, now=now)
    rows = [
        {
            "episode": episode,
            "duration": rules.duration_text(pause.duration_seconds(episode, now=now)),
            "decision": rules.DECISIONS.get(episode.decision or ""),
        }
        for episode in episodes
    ]
    return render(
        request,
        "pause/list.html",
        {
            "rows": rows,
            "running": running,
            "page": page,
            "has_next": page * PAGE_SIZE < total,
            "total": total,
        },
    )


@pages.post("/start")
def start(state: Unlocked, owner: CurrentOwner) -> Response:
    with state.session() as session:
        episode, _created = pause.start_pause(session, owner, now=state.now())
        episode_id = episode.id
    return _to_pause(episode_id)


@pages.get("/breathe")
def breathe(request: Request, _state: Unlocked) -> Response:
    """The breathing and grounding guides on their own, without starting a pause (what the
    programme's breathing and grounding exercises open)."""
    return render(request, "pause/breathe.html", {})


@pages.get("/{episode_id}")
def view(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    episode_id: RecordId,
) -> Response:
    return _page(request, state, owner, features, episode_id)


@pages.get("/{episode_id}/time")
def time_left(state: Unlocked, owner: CurrentOwner, episode_id: RecordId) -> Response:
    """The server's time left, for pause.js to keep its countdown in step.

    pause.js asks about twice a minute while the timer runs, and asking counts as activity:
    the vault should not lock itself (and ask for the passphrase) in the middle of a pause
    that is on screen. Once the timer ends the questions stop and the usual idle lock applies.
    """
    now = state.now()
    with state.session() as session:
        episode = pause.get_pause(session, owner, episode_id, now=now)
    running = episode.status == rules.RUNNING
    remaining = rules.remaining_seconds(episode.ends_at, now) if running else 0
    return JSONResponse({"running": running, "remaining": remaining})


def _page(
    request: Request,
    state: AppState,
    owner: Owner,
    features: Registry,
    episode_id: int,
    *,
    errors: dict[str, str] | None = None,
    writing: Writing | None = None,
    finish_values: dict[str, str] | None = None,
) -> Response:
    """The right screen for the pause's state: running, time's up, or its summary."""
    now = state.now()
    entry_for_pause = features.offer(ENTRY_FOR_PAUSE)
    win_logged = features.offer(WIN_LOGGED)
    trigger_entry: str | None = None
    logged_win: str | None = None
    with state.session() as session:
        episode = pause.get_pause(session, owner, episode_id, now=now)
        thoughts = list(pause.statements(session, episode))
        if entry_for_pause is not None and episode.status == rules.FINISHED:
            trigger_entry = entry_for_pause(session, owner, episode.id)
        if win_logged is not None and episode.status == rules.FINISHED:
            logged_win = win_logged(session, owner, _win_source(episode.id))
    remaining = rules.remaining_seconds(episode.ends_at, now)
    context: dict[str, Any] = {
        "episode": episode,
        "thoughts": thoughts,
        "errors": errors or {},
        "compassion": load_self_compassion().line_for(episode.id),
        "duration": rules.duration_text(pause.duration_seconds(episode, now=now)),
        "query": request.query_params,
    }
    status_code = 422 if errors else 200
    if episode.status != rules.RUNNING:
        context["decision"] = rules.DECISIONS.get(episode.decision or "")
        # Without a trigger log there is nothing to offer after the pause.
        context["trigger_log"] = entry_for_pause is not None
        context["trigger_entry"] = trigger_entry
        # Waiting (not sending) is a win: offered in one tap when a feature keeps wins.
        context["win_offer"] = (
            features.offer(ADD_WIN) is not None
            and episode.status == rules.FINISHED
            and rules.win_text(episode.decision, "") is not None
        )
        context["logged_win"] = logged_win

        kit_href = features.offer(KIT_HREF)
        context["kit_href"] = kit_href() if kit_href is not None else None
        return render(request, "pause/summary.html", context, status_code=status_code)
    if remaining == 0:
        values = finish_values or {"final_message": episode.held_message}
        context.update(
            values=values,
            choices=_decision_choices(episode.held_message),
            urge_values=range(rules.URGE_MIN, rules.URGE_MAX + 1),
            extend_choices=rules.EXTEND_CHOICES,
            limits={"message": rules.MESSAGE_MAX, "note": rules.NOTE_MAX},
        )
        return render(request, "pause/end.html", context, status_code=status_code)
    writing = writing or Writing()
    kinds = {row.id: writing.kinds.get(row.id, row.kind) for row in thoughts}
    context.update(
        remaining=remaining,
        clock=rules.clock_text(remaining),
        left_text=rules.minutes_left_text(remaining),
        minute_choices=rules.MINUTE_CHOICES,
        extend_choices=rules.EXTEND_CHOICES,
        urge_values=range(rules.URGE_MIN, rules.URGE_MAX + 1),
        values={
            "what_happened": _or(writing.what_happened, episode.what_happened),
            "urge_before": _or(writing.urge_before, _text(episode.urge_before)),
            "held_message": _or(writing.held_message, episode.held_message),
            "statements": _or(writing.statements, "\n".join(row.text for row in thoughts)),
        },
        kinds=kinds,
        limits={
            "what_happened": rules.WHAT_HAPPENED_MAX,
            "message": rules.MESSAGE_MAX,
            "statements": rules.STATEMENTS_MAX,
        },
    )
    return render(request, "pause/running.html", context, status_code=status_code)


def _or(given: str | None, saved: str) -> str:
    return saved if given is None else given


def _text(number: int | None) -> str:
    return "" if number is None else str(number)


def _decision_choices(held_message: str) -> dict[str, str]:
    """'Send it as it is' only makes sense when a message was held."""
    return {
        key: label
        for key, label in rules.DECISION_CHOICES.items()
        if held_message or key != "sent_as_is"
    }


# -- while it runs ----------------------------------------------------------------------------


def _act(
    request: Request,
    state: AppState,
    owner: Owner,
    features: Registry,
    episode_id: int,
    writing: Writing,
    change: Change | None = None,
    *args: int,
    **redirect_query: str,
) -> Response:
    """Save the running page's fields, then make ``change``, in one transaction."""
    now = state.now()
    try:
        with state.session() as session:
            needs_help = _save(session, owner, episode_id, writing, now)
            if change is not None:
                change(session, owner, episode_id, *args, now=now)
    except InvalidInput as exc:
        return _page(
            request, state, owner, features, episode_id, errors=exc.errors, writing=writing
        )
    except pause.PauseClosed:
        return _to_pause(episode_id)
    return _to_pause(episode_id, needs_help, **redirect_query)


@pages.post("/{episode_id}/save")
def save(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    episode_id: RecordId,
    writing: WritingForm,
) -> Response:
    section = writing.section or "now"
    return _act(request, state, owner, features, episode_id, writing, saved=section, anchor=section)


@pages.post("/{episode_id}/draft")
def draft(
    request: Request,
    state: State,
    owner: CurrentOwner,
    episode_id: RecordId,
    writing: WritingForm,
) -> Response:
    """Save what the running page holds as the person types (htmx), and say how it went in
    the section's status line. Never the unlock page: a draft that cannot be saved says so,
    and the page's own buttons still carry the text through unlocking."""
    now = state.now()
    context: dict[str, Any] = {"outcome": "saved", "at": now, "needs_help": False}
    if not state.is_unlocked:
        context["outcome"] = "locked"
    else:
        try:
            with state.session() as session:
                context["needs_help"] = _save(session, owner, episode_id, writing, now)
        except InvalidInput as exc:
            context.update(outcome="invalid", problems=list(exc.errors.values()))
        except pause.PauseClosed:
            context["outcome"] = "closed"
    return render(request, "pause/_draft.html", context)


@pages.post("/{episode_id}/timer")
def timer(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    episode_id: RecordId,
    writing: WritingForm,
    minutes: Annotated[str, Form()] = "",
) -> Response:
    chosen = rules.minutes_from(minutes)
    return _act(request, state, owner, features, episode_id, writing, pause.set_minutes, chosen)


@pages.post("/{episode_id}/extend")
def extend(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    episode_id: RecordId,
    writing: WritingForm,
    minutes: Annotated[str, Form()] = "",
) -> Response:
    chosen = rules.minutes_from(minutes)
    return _act(request, state, owner, features, episode_id, writing, pause.extend_pause, chosen)


@pages.post("/{episode_id}/end")
def end(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    episode_id: RecordId,
    writing: WritingForm,
) -> Response:
    return _act(request, state, owner, features, episode_id, writing, pause.end_early)


@pages.post("/{episode_id}/stop")
def stop(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    episode_id: RecordId,
    writing: WritingForm,
) -> Response:
    return _act(
        request, state, owner, features, episode_id, writing, pause.abandon_pause, stopped="1"
    )


# -- the end ----------------------------------------------------------------------------------


@pages.post("/{episode_id}/finish")
def finish(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    episode_id: RecordId,
    urge_after: Annotated[str, Form()] = "",
    decision: Annotated[str, Form()] = "",
    final_message: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    values = {
        "urge_after": urge_after,
        "decision": decision,
        "final_message": final_message,
        "note": note,
    }
    try:
        with state.session() as session:
            done = pause.finish_pause(
                session,
                owner,
                episode_id,
                now=state.now(),
                urge_after=urge_after,
                decision=decision,
                final_message=final_message,
                note=note,
            )
    except InvalidInput as exc:
        return _page(
            request, state, owner, features, episode_id, errors=exc.errors, finish_values=values
        )
    except pause.PauseClosed:
        return _to_pause(episode_id)
    return _to_pause(episode_id, done.needs_help, finished="1")


@pages.post("/{episode_id}/win")
def log_win(
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    once: Once,
    episode_id: RecordId,
) -> Response:
    """Log a finished pause that ended in not sending as a win (through ``wins.add_from``).
    Anything else (no wins, a pause still running or that ended otherwise) changes nothing."""
    add_win = features.offer(ADD_WIN)
    now = state.now()
    with state.session() as session:
        episode = pause.get_pause(session, owner, episode_id, now=now)
        duration = rules.duration_text(pause.duration_seconds(episode, now=now))
        text = rules.win_text(episode.decision, duration)
        if add_win is None or episode.status != rules.FINISHED or text is None:
            return _to_pause(episode_id)
        sending = once.claim(session, owner, now=now)
        done = add_win(session, owner, text=text, source=_win_source(episode_id), now=now)
        sending.saved(f"/pause/{episode_id}?win=1")
    return _to_pause(episode_id, done.needs_help, win="1")


# What the manifest mounts: the pause without an open vault first (/pause/unsaved is not a
# pause's id), then the pause's own pages.
router = APIRouter()
router.include_router(unsaved_router)
router.include_router(pages)
