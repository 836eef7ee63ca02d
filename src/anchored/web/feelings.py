"""Feeling suggestions under a form's free text (the check-in's note, a journal entry).

The on-device model suggests up to three of the app's own emotion words for what the person
wrote: "it sounds like you might be feeling ...", never a verdict, always ignorable. They
come from the ``suggest`` feature's offers, so its off switch (``/settings/suggest``) hides
them, and a form without that feature simply has none.

A form asks in two ways, both a POST that stores and logs nothing of what was written:
- with JavaScript, htmx sends the text when typing pauses and swaps in only the suggestions
  (``live``: a model still loading is never waited for; it says nothing instead);
- without it, a "Suggest feelings" button sends the whole form, which comes back with
  everything typed kept (its form token too, so it still saves once) and the suggestions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy.orm import Session
from starlette.requests import Request

from anchored.content.emotions import load_emotions
from anchored.core.owner import Owner
from anchored.manifest import Registry
from anchored.services import sent_forms
from anchored.text import check_crisis, model_status

SUGGEST_EMOTIONS: Final = "suggest.emotions"
SUGGEST_ENABLED: Final = "suggest.enabled"
#: How many words to suggest at most.
SHOWN: Final = 3
#: Seconds the "Suggest feelings" button waits for a model that is still loading.
ASKED_WAIT: Final = 5.0


@dataclass(frozen=True, slots=True)
class Feeling:
    slug: str
    name: str
    ticked: bool


@dataclass(frozen=True, slots=True)
class FeelingSuggestions:
    """What the suggestions part of a form shows. ``asked``: the person (or htmx) asked;
    ``ready``: the model could answer; ``wrote``: there was text to look at; ``live``: htmx
    asked as the person typed (then a model still loading says nothing); ``painful``: the
    words call for the help card, so no feeling words, only the way to help."""

    asked: bool = False
    live: bool = False
    painful: bool = False
    ready: bool = True
    wrote: bool = True
    found: tuple[Feeling, ...] = ()


def is_partial(request: Request) -> bool:
    """Sent by htmx: only the suggestions go back, swapped in under the text."""
    return request.headers.get("HX-Request") == "true"


def is_live(request: Request, asked: str) -> bool:
    """Sent by htmx as the person types (not by the button, ``asked``): a model still
    loading is not waited for."""
    return is_partial(request) and not asked


def _offers(features: Registry) -> tuple[Callable[..., Any], Callable[..., Any]] | None:
    suggest, enabled = features.offer(SUGGEST_EMOTIONS), features.offer(SUGGEST_ENABLED)
    if suggest is None or enabled is None:
        return None
    return suggest, enabled


def offered(features: Registry, session: Session, owner: Owner) -> FeelingSuggestions | None:
    """The part as a form first shows it (nothing asked yet), or None when switched off."""
    found = _offers(features)
    if found is None or not found[1](session, owner):
        return None
    return FeelingSuggestions()


def suggest(
    features: Registry,
    session: Session,
    owner: Owner,
    text: str,
    *,
    live: bool,
    ticked: Iterable[str] = (),
    keep_ticked: bool = False,
) -> FeelingSuggestions | None:
    """Suggestions for ``text``, or None when switched off. ``ticked``: words the person has
    ticked already (shown ticked; with ``keep_ticked`` they stay in the list even when no
    longer suggested, so re-asking never drops a choice)."""
    found = _offers(features)
    if found is None or not found[1](session, owner):
        return None
    words = {e.slug: e.name for e in load_emotions().all}
    chosen = [slug for slug in dict.fromkeys(ticked) if slug in words]
    if not text.strip():
        kept = tuple(Feeling(s, words[s], True) for s in chosen) if keep_ticked else ()
        return FeelingSuggestions(asked=True, live=live, wrote=False, found=kept)
    wait = 0.0 if live else ASKED_WAIT
    if check_crisis(text, wait=wait):
        # never "you might be feeling ..." for such words: the help card's way comes first
        return FeelingSuggestions(asked=True, live=live, painful=True)
    suggestions = found[0](session, owner, text, SHOWN, wait=wait)
    slugs = [s.slug for s in suggestions if s.slug in words]
    if keep_ticked:
        slugs = [*chosen, *(s for s in slugs if s not in chosen)]
    feelings = tuple(Feeling(slug, words[slug], slug in chosen) for slug in slugs)
    ready = bool(suggestions) or model_status() == "ready"
    return FeelingSuggestions(asked=True, live=live, ready=ready, found=feelings)


def keep_form_token(request: Request, token: object, action: str) -> None:
    """A form shown again by its suggestion button keeps the token it was sent with, so the
    same form still saves once (``templating.form_token`` reads this)."""
    request.state.form_token = sent_forms.clean_token(token)
    request.state.form_token_action = action
