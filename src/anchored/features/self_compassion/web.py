"""Self-compassion pages: the overview, the break (before, three short screens, after, and
what changed), the person's kind phrases (add, edit, move up or down, delete with
confirmation), and the letter from a kind friend. Every page works without JavaScript; a small
script only adds a gentle minute's timer to the break's screens.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.content.programme import load_programme
from anchored.core.errors import InvalidInput, NotFound
from anchored.core.rating import RATING_MAX, RATING_MIN
from anchored.features.self_compassion import rules
from anchored.features.self_compassion import service as compassion
from anchored.features.self_compassion.content import load_phrases
from anchored.features.self_compassion.models import CompassionBreak, KindPhrase
from anchored.web.deps import (
    CurrentOwner,
    Features,
    Once,
    RecordId,
    Unlocked,
    after_save,
    help_card_for,
)
from anchored.web.templating import render

router = APIRouter(prefix="/self-compassion")
Text = Annotated[str, Form()]
ADD_ENTRY = "journal.add_entry"  # offered by the journal
SCALE = range(RATING_MIN, RATING_MAX + 1)


@router.get("")
def overview(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features
) -> Response:
    with state.session() as session:
        phrases = compassion.list_phrases(session, owner)
        breaks = compassion.list_breaks(session, owner, limit=10)
    return render(
        request,
        "self_compassion/overview.html",
        {
            "phrases": phrases[:3],
            "phrase_count": len(phrases),
            "breaks": breaks,
            "letters": features.offer(ADD_ENTRY) is not None,
        },
    )


# -- the break --------------------------------------------------------------------------------


@router.get("/break")
def break_start(request: Request, _state: Unlocked) -> Response:
    return render(
        request,
        "self_compassion/break_start.html",
        {"values": {}, "errors": {}, "scale": SCALE},
    )


@router.post("/break")
def begin(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    once: Once,
    feeling_before: Text = "",
) -> Response:
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            found = compassion.start_break(session, owner, feeling_before, now=state.now())
            first = f"/self-compassion/break/{found.id}/{rules.SCREENS[0]}"
            sending.saved(first, record=(CompassionBreak, found.id), listing="/self-compassion")
    except InvalidInput as exc:
        return render(
            request,
            "self_compassion/break_start.html",
            {"values": {"feeling_before": feeling_before}, "errors": exc.errors, "scale": SCALE},
            status_code=422,
        )
    return RedirectResponse(first, status_code=303)


def _after_page(
    request: Request, found: CompassionBreak, values: dict[str, str], errors: dict[str, str]
) -> Response:
    return render(
        request,
        "self_compassion/break_after.html",
        {"found": found, "values": values, "errors": errors, "scale": SCALE},
        status_code=422 if errors else 200,
    )


@router.get("/break/{break_id}")
def break_summary(
    request: Request, state: Unlocked, owner: CurrentOwner, break_id: RecordId
) -> Response:
    with state.session() as session:
        found = compassion.get_break(session, owner, break_id)
    return render(
        request,
        "self_compassion/break_summary.html",
        {"found": found, **compassion.ratings(found), "first": rules.SCREENS[0]},
    )


@router.get("/break/{break_id}/after")
def break_after(
    request: Request, state: Unlocked, owner: CurrentOwner, break_id: RecordId
) -> Response:
    with state.session() as session:
        found = compassion.get_break(session, owner, break_id)
    if found.finished_at is not None:
        return RedirectResponse(f"/self-compassion/break/{break_id}", status_code=303)
    return _after_page(request, found, {}, {})


@router.post("/break/{break_id}/after")
def finish(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    break_id: RecordId,
    feeling_after: Text = "",
) -> Response:
    try:
        with state.session() as session:
            compassion.finish_break(session, owner, break_id, feeling_after, now=state.now())
    except compassion.BreakFinished:
        return RedirectResponse(f"/self-compassion/break/{break_id}", status_code=303)
    except InvalidInput as exc:
        with state.session() as session:
            found = compassion.get_break(session, owner, break_id)
        return _after_page(request, found, {"feeling_after": feeling_after}, exc.errors)
    return RedirectResponse(f"/self-compassion/break/{break_id}?done=1", status_code=303)


@router.get("/break/{break_id}/{screen}")
def break_screen(
    request: Request, state: Unlocked, owner: CurrentOwner, break_id: RecordId, screen: str
) -> Response:
    if screen not in rules.SCREENS:
        raise NotFound
    with state.session() as session:
        found = compassion.get_break(session, owner, break_id)
        own = compassion.break_phrase(session, owner, found)
    following = rules.next_screen(screen)
    earlier = rules.previous_screen(screen)
    base = f"/self-compassion/break/{found.id}"
    offered = load_phrases()
    return render(
        request,
        f"self_compassion/break_{screen}.html",
        {
            "found": found,
            "number": rules.SCREENS.index(screen) + 1,
            "count": len(rules.SCREENS),
            "next": f"{base}/{following}" if following else f"{base}/after",
            "back": f"{base}/{earlier}" if earlier else None,
            "seconds": rules.SCREEN_SECONDS,
            "own_phrase": own,
            "offered": rules.pick(offered.kindness, found.id),
            "together": rules.pick(offered.together, found.id),
            "noticing": rules.pick(offered.noticing, found.id),
        },
    )


# -- kind phrases -----------------------------------------------------------------------------


def _starter(text: str) -> str:
    every = load_phrases().all
    if text.isascii() and text.isdigit() and len(text) <= 2 and int(text) < len(every):
        return every[int(text)]
    return ""


def _phrases_page(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    *,
    values: dict[str, str],
    errors: dict[str, str],
) -> Response:
    with state.session() as session:
        phrases = compassion.list_phrases(session, owner)
    offered = load_phrases()
    numbered = list(enumerate(offered.all))
    groups = [
        ("Naming the pain", numbered[: len(offered.noticing)]),
        (
            "You are not alone",
            numbered[len(offered.noticing) : len(offered.noticing) + len(offered.together)],
        ),
        ("Kindness", numbered[len(offered.noticing) + len(offered.together) :]),
    ]
    return render(
        request,
        "self_compassion/phrases.html",
        {
            "phrases": phrases,
            "groups": groups,
            "values": values,
            "errors": errors,
            "limit": rules.PHRASE_MAX,
        },
        status_code=422 if errors else 200,
    )


@router.get("/phrases")
def phrases(request: Request, state: Unlocked, owner: CurrentOwner, starter: str = "") -> Response:
    """The person's phrases, a form to add one; ``?starter=N`` puts an offered phrase in the
    box to change (nothing is saved until they save it)."""
    return _phrases_page(request, state, owner, values={"text": _starter(starter)}, errors={})


@router.post("/phrases/new")
def add_phrase(
    request: Request, state: Unlocked, owner: CurrentOwner, once: Once, text: Text = ""
) -> Response:
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = compassion.add_phrase(session, owner, text, now=state.now())
            where = f"/self-compassion/phrases#phrase-{done.id}"
            sending.saved(where, record=(KindPhrase, done.id), listing="/self-compassion/phrases")
    except InvalidInput as exc:
        return _phrases_page(request, state, owner, values={"text": text}, errors=exc.errors)
    return after_save(f"/self-compassion/phrases?saved=1#phrase-{done.id}", done.needs_help)


@router.get("/phrases/{phrase_id}/edit")
def edit_phrase_form(
    request: Request, state: Unlocked, owner: CurrentOwner, phrase_id: RecordId
) -> Response:
    with state.session() as session:
        phrase = compassion.get_phrase(session, owner, phrase_id)
    return render(
        request,
        "self_compassion/phrase_form.html",
        {
            "phrase": phrase,
            "values": {"text": phrase.text},
            "errors": {},
            "limit": rules.PHRASE_MAX,
            **help_card_for(state, phrase.text),
        },
    )


@router.post("/phrases/{phrase_id}/edit")
def edit_phrase(
    request: Request, state: Unlocked, owner: CurrentOwner, phrase_id: RecordId, text: Text = ""
) -> Response:
    try:
        with state.session() as session:
            done = compassion.update_phrase(session, owner, phrase_id, text, now=state.now())
    except InvalidInput as exc:
        with state.session() as session:
            phrase = compassion.get_phrase(session, owner, phrase_id)
        return render(
            request,
            "self_compassion/phrase_form.html",
            {
                "phrase": phrase,
                "values": {"text": text},
                "errors": exc.errors,
                "limit": rules.PHRASE_MAX,
            },
            status_code=422,
        )
    return after_save(f"/self-compassion/phrases?saved=1#phrase-{done.id}", done.needs_help)


@router.post("/phrases/{phrase_id}/move")
def move_phrase(
    state: Unlocked, owner: CurrentOwner, phrase_id: RecordId, direction: Text = ""
) -> Response:
    try:
        with state.session() as session:
            compassion.move_phrase(session, owner, phrase_id, direction)
    except InvalidInput:
        pass  # an odd direction moves nothing; the list is shown as it is
    return RedirectResponse(f"/self-compassion/phrases#phrase-{phrase_id}", status_code=303)


@router.get("/phrases/{phrase_id}/delete")
def confirm_delete_phrase(
    request: Request, state: Unlocked, owner: CurrentOwner, phrase_id: RecordId
) -> Response:
    with state.session() as session:
        phrase = compassion.get_phrase(session, owner, phrase_id)
    return render(request, "self_compassion/phrase_delete.html", {"phrase": phrase})


@router.post("/phrases/{phrase_id}/delete")
def delete_phrase(state: Unlocked, owner: CurrentOwner, phrase_id: RecordId) -> Response:
    with state.session() as session:
        compassion.delete_phrase(session, owner, phrase_id)
    return RedirectResponse("/self-compassion/phrases?deleted=1", status_code=303)


# -- the letter from a kind friend ------------------------------------------------------------


def _letter_page(
    request: Request, features: Features, values: dict[str, str], errors: dict[str, str]
) -> Response:
    step = load_programme().step(rules.LETTER_STEP)
    exercise = step.exercise(rules.LETTER_EXERCISE) if step is not None else None
    return render(
        request,
        "self_compassion/letter.html",
        {
            "exercise": exercise,
            "available": features.offer(ADD_ENTRY) is not None,
            "values": values,
            "errors": errors,
            "limit": rules.LETTER_MAX,
        },
        status_code=422 if errors else 200,
    )


@router.get("/letter")
def letter(request: Request, _state: Unlocked, features: Features) -> Response:
    return _letter_page(request, features, {}, {})


@router.post("/letter")
def save_letter(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    once: Once,
    body: Text = "",
) -> Response:
    add_entry = features.offer(ADD_ENTRY)
    if add_entry is None:  # no journal to keep it in: the page says so, the words stay
        return _letter_page(request, features, {"body": body}, {})
    try:
        with state.session() as session:
            sending = once.claim(session, owner, now=state.now())
            done = compassion.save_letter(session, owner, add_entry, body, now=state.now())
            sending.saved(f"/journal/{done.id}", listing="/self-compassion")
    except InvalidInput as exc:
        return _letter_page(request, features, {"body": body}, exc.errors)
    return after_save(f"/journal/{done.id}?saved=1", done.needs_help)
