"""Finding a request's route without trying all 250 of them.

The app's router tries its routes in order: the static folders, then the shell's routers and
every feature's, each router trying each of its routes (a regular expression and FastAPI's
bookkeeping for each). With 26 features that was about 100 µs for /help, 250 µs for /journal
and over a millisecond for /search or a page that does not exist, on every request.

Every router here answers paths under its own first segments (``/journal``, ``/journal/12``
→ ``journal``; the conventions test keeps features to their own names). So each route at the
top of the app is given a gate: a path whose first segment that route never answers is told
"no match" at once, and only the one router that can answer does its usual matching. Order,
partial matches (405), redirects for a missing or extra slash and everything else are
FastAPI's own; a route whose first segment is a parameter (``/{anything}``) gets no gate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from starlette.routing import BaseRoute, Match, Mount
from starlette.types import Scope

Matcher = Callable[[Scope], tuple[Match, Scope]]
NO_MATCH: tuple[Match, Scope] = (Match.NONE, {})


def first_segment(path: str) -> str:
    """``/journal/12`` → ``journal``; ``/`` → ``""``."""
    return path[1:].partition("/")[0]


def _paths(route: BaseRoute, prefix: str = "") -> Iterable[str] | None:
    """Every path ``route`` answers (a mount: its own prefix); None if it cannot tell."""
    router = getattr(route, "original_router", None)
    if router is not None:  # a router included in another (FastAPI's _IncludedRouter)
        prefix += getattr(getattr(route, "include_context", None), "prefix", "") or ""
        found: list[str] = []
        for inner in router.routes:
            paths = _paths(inner, prefix)
            if paths is None:
                return None
            found += paths
        return found
    if isinstance(route, Mount):
        return [prefix + route.path]
    path = getattr(route, "path", None)
    return [prefix + path] if isinstance(path, str) else None


def segments(route: BaseRoute) -> frozenset[str] | None:
    """The first path segments ``route`` can answer; None for "any"."""
    paths = _paths(route)
    if paths is None:
        return None
    found = {first_segment(path) for path in paths}
    if any("{" in segment for segment in found):
        return None
    return frozenset(found)


def _route_path(scope: Scope) -> str:
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    return path[len(root) :] if root and path.startswith(root) else path


_SEGMENT = "anchored.first_segment"  # (path, its first segment): worked out once a request


def _segment(scope: Scope) -> str:
    path: str = scope["path"]
    known: tuple[str, str] | None = scope.get(_SEGMENT)
    if known is not None and known[0] == path:
        return known[1]
    segment = first_segment(_route_path(scope))
    scope[_SEGMENT] = (path, segment)
    return segment


def _gated(matches: Matcher, answers: frozenset[str]) -> Matcher:
    def gated_matches(scope: Scope) -> tuple[Match, Scope]:
        if _segment(scope) not in answers:
            return NO_MATCH
        return matches(scope)

    return gated_matches


def gate_by_first_segment(routes: Iterable[Any]) -> int:
    """Give each route in ``routes`` (the app's top level) its gate; returns how many got one."""
    gated = 0
    for route in routes:
        answers = segments(route)
        if answers is not None:
            route.matches = _gated(route.matches, answers)
            gated += 1
    return gated
