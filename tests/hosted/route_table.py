"""The app's own route table, for the access tests (tests/hosted/test_access.py): every route
with its methods, which path parameters name someone's record (and of which table), and an
owner who has written through every feature (each manifest's ``free_text`` probe, its
``prepare`` hook, and a factory below for records no probe makes). A route added later whose
parameter has no entry here fails the access test, naming it.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from fastapi.routing import APIRoute
from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.features import FEATURES
from anchored.features.reassurance import service as reassurance
from anchored.features.self_checks import service as self_checks
from anchored.features.self_compassion import service as self_compassion
from anchored.features.sharing.models import SharingGrant
from anchored.manifest import Registry, resolve
from anchored.services.hosted import acting_as, prepare_owner
from anchored.services.owned import export_feature
from tests.hosted.conftest import Browser, Hosted
from tests.support import NOW

MARK = "Quokkalantern"  # a word nobody else writes
WORDS = f"{MARK} evening, words only the owner wrote."

# Records no probe makes: (feature, factory(session, owner)).
EXTRA: list[Callable[[Session, Owner], object]] = [
    lambda s, o: reassurance.record(s, o, reassurance.list_behaviours(s, o)[0].id, "act", now=NOW),
    lambda s, o: self_compassion.start_break(s, o, 5, now=NOW),
    lambda s, o: self_checks.take(s, o, "gad7", dict.fromkeys(range(1, 8), 1), now=NOW),
    # A grant to a therapist who is neither of the two trying (see test_sharing_access.py for
    # what a therapist with a grant may see).
    lambda s, o: s.add(
        SharingGrant(
            owner_id=o.id,
            therapist_id=10**6,
            categories="self_checks",
            since=NOW.date(),
            created_at=NOW,
            ends_at=NOW + timedelta(days=180),
        )
    ),
]

# Each path parameter that names someone's record: (first path segment, parameter) -> the
# table whose ids it takes. "accounts": the account id itself.
RECORDS: dict[tuple[str, str], str] = {
    ("pause", "episode_id"): "pause_episodes",
    ("check-in", "check_in_id"): "check_ins",
    ("check-in", "tag_id"): "own_factors",
    ("journal", "entry_id"): "journal_entries",
    ("thought-records", "record_id"): "thought_records",
    ("thought-records", "trap_id"): "own_traps",
    ("trigger-log", "entry_id"): "trigger_log_entries",
    ("reassurance", "behaviour_id"): "checking_behaviours",
    ("reassurance", "event_id"): "checking_events",
    ("habits", "habit_id"): "habits",
    ("habits", "review_id"): "habit_reviews",
    ("ladder", "rung_id"): "ladder_rungs",
    ("ladder", "attempt_id"): "ladder_attempts",
    ("scripts", "script_id"): "scripts",
    ("trust", "moment_id"): "trust_moments",
    ("life-story", "event_id"): "life_story_events",
    ("joy", "joy_id"): "joy_items",
    ("resilience", "memory_id"): "resilience_memories",
    ("self-compassion", "break_id"): "compassion_breaks",
    ("self-compassion", "phrase_id"): "kind_phrases",
    ("wins", "win_id"): "wins",
    ("wins", "affirmation_id"): "affirmations",
    ("people", "person_id"): "support_people",
    ("therapy", "item_id"): "session_prep_items",
    ("therapy", "summary_id"): "shared_summaries",
    ("self-checks", "result_id"): "self_check_results",
    ("progress", "rating_id"): "progress_ratings",
    ("admin", "account_id"): "accounts",
    ("sharing", "grant_id"): "sharing_grants",
    ("sharing", "note_id"): "therapist_notes",
    ("sharing", "client_id"): "accounts",
}
# Parameters that name no one's record (a step, a lesson, a questionnaire, a screen of a
# flow, an invitation): the value used. Such a page may open for anyone; it must not show
# the owner's words.
NOT_RECORDS: dict[tuple[str, str], str] = {
    ("programme", "number"): "3",
    ("learn", "slug"): "signs",
    ("self-checks", "instrument_id"): "gad7",
    ("thought-records", "stage"): "evidence",
    ("self-compassion", "screen"): "notice",
    ("checking", "rest"): "anything",
    ("invite", "token"): "not-a-real-invitation",
    ("sharing", "category"): "self_checks",
}
# Built-in rows every owner starts with (the reassurance tracker's behaviours) are the
# owner's own copies, so their ids are someone's records like any other.


# Form fields whose value must make sense for the form to reach the record at all (a service
# checks what was sent before it looks the record up; either way nothing is read).
FIELD_VALUES = {"when": "2026-11-30T21:00", "last_done": "2026-11-30", "direction": "up"}


@dataclass(frozen=True)
class Route:
    path: str
    method: str
    route: APIRoute

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}"


def _walk(routes: Any, prefix: str = "") -> Iterator[APIRoute]:
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            context = getattr(route, "include_context", None)
            yield from _walk(inner.routes, prefix + (getattr(context, "prefix", "") or ""))
        elif isinstance(route, APIRoute):
            yield route if not prefix else _prefixed(route, prefix)


def _prefixed(route: APIRoute, prefix: str) -> APIRoute:
    route.__dict__.setdefault("_full_path", prefix + route.path)
    return route


def _full_path(route: APIRoute) -> str:
    return str(route.__dict__.get("_full_path", route.path))


def routes_of(app: Any) -> list[Route]:
    found = []
    for route in _walk(app.routes):
        for method in sorted(route.methods or ()):
            if method != "HEAD":
                found.append(Route(_full_path(route), method, route))
    return found


def _params(path: str) -> list[str]:
    return [part[1:-1].split(":")[0] for part in path.split("/") if part.startswith("{")]


def _segment(path: str) -> str:
    return path[1:].split("/")[0]


def _form_for(route: APIRoute) -> dict[str, str]:
    """A plausible value for every form field the route takes, so it is the record check
    that answers, not the form's validation."""
    data: dict[str, str] = {}
    for param in route.dependant.body_params:
        if param.alias in FIELD_VALUES:
            data[param.alias] = FIELD_VALUES[param.alias]
            continue
        annotation = param.field_info.annotation
        args = typing.get_args(annotation)
        literal = next(
            (a for a in [annotation, *args] if typing.get_origin(a) is typing.Literal), None
        )
        if literal is not None:
            data[param.alias] = str(typing.get_args(literal)[0])
        elif annotation is int or int in args:
            data[param.alias] = "1"
        elif annotation is bool or bool in args:
            data[param.alias] = "true"
        else:
            data[param.alias] = "Stranger's words."
    return data


def _write_everything(hosted: Hosted, owner: Owner) -> None:
    registry = Registry(FEATURES)
    prepare_owner(hosted.state.db, owner, registry)
    for feature in FEATURES:
        if feature.free_text:
            with hosted.state.session() as session, acting_as(owner.id):
                list(resolve(feature.free_text)(session, owner, WORDS, NOW))
    for make in EXTRA:
        with hosted.state.session() as session, acting_as(owner.id):
            make(session, owner)


def _export(hosted: Hosted, owner: Owner) -> str:
    with hosted.state.session() as session:
        rows = {f.name: export_feature(session, owner, f) for f in FEATURES}
    return json.dumps(rows, default=str, sort_keys=True)


def _ids(hosted: Hosted, owner: Owner) -> dict[str, list[int]]:
    with hosted.state.session() as session:
        ids: dict[str, list[int]] = {"accounts": [owner.id]}
        for feature in FEATURES:
            for table, rows in export_feature(session, owner, feature).items():
                ids[table] = [row["id"] for row in rows if "id" in row]
    return ids


def _url(path: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        path = path.replace("{" + name + ":path}", value).replace("{" + name + "}", value)
    return path


def _try(browser: Browser, route: Route, url: str) -> int:
    if route.method == "GET":
        return browser.get(url).status_code
    return browser.client.request(
        route.method,
        url,
        data={**_form_for(route.route), "csrf_token": browser.csrf},
        follow_redirects=False,
    ).status_code
