"""On-device text help: a crisis safety net, thinking-trap and emotion suggestions.

Everything runs on this machine with a small sentence encoder (see docs/model-card.md); nothing
leaves it. The public, stable API:

- :func:`check_crisis` - the crisis rules (``anchored.core.crisis``) OR the semantic layer
  (each sentence compared with team-written exemplars). If the model cannot load, the rules
  alone answer and nothing alarming is shown.
- :func:`suggest_traps` - ``[(trap slug, score)]``, best first, slugs of the thought record.
- :func:`suggest_emotions` - ``[(emotion slug, score)]``, the app's own emotion words.
- :func:`themes` - for some texts, how many show each abandonment theme (``text.abandonment``).
- :func:`start_loading` - load the model in the background (the web app calls it at unlock).

Importing this package is cheap: numpy, onnxruntime and tokenizers are loaded on first use, so
``anchored --help`` stays fast.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from anchored.core.crisis import check as rules_check

if TYPE_CHECKING:
    from anchored.text.suggest import Suggestion

__all__ = [
    "CRISIS_WAIT",
    "check_crisis",
    "crisis_in_any",
    "emotion_suggestions",
    "model_status",
    "start_loading",
    "suggest_emotions",
    "suggest_traps",
    "themes",
    "trap_suggestions",
]


log = logging.getLogger(__name__)

#: How long a save's crisis check waits, at most, for a model that is still loading (it loads
#: in the background from unlock and takes about half a second, up to ~2 s on a busy machine).
#: After that the rules' answer stands, so a save is never slow and never fails for the model.
CRISIS_WAIT: Final = 3.0


def start_loading() -> None:
    """Start loading the encoder and its heads in a background thread (once per process).

    The suggest feature's ``after_unlock`` hook calls it, so no page waits for the model."""
    from anchored.text import encoder, heads

    encoder.start_loading(warm=heads.load, warm_traps=heads.load_tuned)


def model_status() -> str:
    """ "ready", "loading", "off" (not asked for yet) or "unavailable"."""
    from anchored.text import encoder

    return encoder.status()


def check_crisis(text: str, *, wait: float | None = CRISIS_WAIT) -> frozenset[str]:
    """The crisis categories ``text`` matches: rules first, then the semantic safety net.

    Waits up to ``wait`` seconds for a model that is still loading (``None``: as long as it
    takes); if it cannot be had, or anything in the model fails, the rules' answer stands.
    """
    found: frozenset[str] = frozenset(rules_check(text))
    if not text or not text.strip():
        return found
    return found | _semantic(text, wait)


def crisis_in_any(texts: Iterable[str | None], *, wait: float | None = CRISIS_WAIT) -> bool:
    """Whether any of ``texts`` (the fields of one save) calls for the help card. The rules run
    on each field; the semantic layer on all of them at once, so a save waits for a loading
    model at most once (``wait`` seconds)."""
    written = [text for text in texts if text and text.strip()]
    if any(rules_check(text) for text in written):
        return True
    return bool(written) and bool(_semantic("\n".join(written), wait))


def _semantic(text: str, wait: float | None) -> frozenset[str]:
    try:
        from anchored.text import crisis

        return crisis.semantic(text, wait=wait)
    except Exception:  # a missing or broken runtime: the rules alone answer, quietly
        log.exception("semantic crisis check unavailable; rules only")
        return frozenset()


def suggest_traps(text: str, k: int = 3) -> list[tuple[str, float]]:
    """Up to ``k`` thinking traps that ``text`` might show, as (slug, score), best first."""
    return [(s.slug, s.score) for s in trap_suggestions(text, k)]


def suggest_emotions(text: str, k: int = 3) -> list[tuple[str, float]]:
    """Up to ``k`` of the app's emotion words ``text`` might express, as (slug, score)."""
    return [(s.slug, s.score) for s in emotion_suggestions(text, k)]


def trap_suggestions(text: str, k: int = 3, *, wait: float | None = 10.0) -> list[Suggestion]:
    """Like :func:`suggest_traps`, each with the sentence that suggested it."""
    from anchored.text import suggest

    return suggest.traps(text, k, wait=wait)


def emotion_suggestions(text: str, k: int = 3, *, wait: float | None = 10.0) -> list[Suggestion]:
    """Like :func:`suggest_emotions`, each with the sentence that suggested it."""
    from anchored.text import suggest

    return suggest.emotions(text, k, wait=wait)


def themes(texts: Iterable[str], *, wait: float | None = 10.0) -> dict[str, int]:
    """For each abandonment theme (``anchored.text.abandonment.THEMES``), how many of ``texts``
    show it; every theme is a key (all 0 when the model is unavailable)."""
    from anchored.text import abandonment

    return abandonment.themes(texts, wait=wait)
