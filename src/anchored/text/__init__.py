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

from collections.abc import Iterable
from typing import TYPE_CHECKING

from anchored.core.crisis import check as rules_check

if TYPE_CHECKING:
    from anchored.text.suggest import Suggestion

__all__ = [
    "check_crisis",
    "emotion_suggestions",
    "model_status",
    "start_loading",
    "suggest_emotions",
    "suggest_traps",
    "themes",
    "trap_suggestions",
]


def start_loading() -> None:
    """Start loading the encoder in a background thread (once per process)."""
    from anchored.text import encoder

    encoder.start_loading()


def model_status() -> str:
    """ "ready", "loading", "off" (not asked for yet) or "unavailable"."""
    from anchored.text import encoder

    return encoder.status()


def check_crisis(text: str, *, wait: float | None = 10.0) -> frozenset[str]:
    """The crisis categories ``text`` matches: rules first, then the semantic safety net.

    Waits up to ``wait`` seconds for a model that is still loading (recall first); if it
    cannot be had, the rules' answer stands.
    """
    found: frozenset[str] = frozenset(rules_check(text))
    if not text or not text.strip():
        return found
    from anchored.text import crisis

    return found | crisis.semantic(text, wait=wait)


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
