"""Routes are found by first path segment (web/routing.py) and answer exactly as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.testclient import TestClient

from anchored.web.routing import gate_by_first_segment

Client = tuple[TestClient, object]


def _small_app(static: Path) -> tuple[FastAPI, int]:
    first = APIRouter()
    catch_all = APIRouter()
    later = APIRouter()

    @first.get("/notes")
    def notes() -> str:
        return "notes"

    @first.get("/notes/{number}")
    def note(number: int) -> str:
        return f"note {number}"

    @catch_all.get("/{anything}")
    def anything(anything: str) -> str:
        return f"any {anything}"

    @later.get("/later")
    def shadowed() -> str:
        return "never: the catch-all comes first"

    @later.get("/")
    def home() -> str:
        return "home"

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=static))
    for router in (first, catch_all, later):
        app.include_router(router)
    return app, gate_by_first_segment(app.router.routes)


def test_gated_routes_answer_in_their_order_and_a_parameter_first_is_never_skipped(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.css").write_text("body {}")
    app, gated = _small_app(tmp_path)
    assert gated == 3  # the mount, /notes and the last router; not /{anything}
    with TestClient(app) as client:
        assert client.get("/notes").json() == "notes"
        assert client.get("/notes/7").json() == "note 7"
        assert client.get("/later").json() == "any later"  # order kept: catch-all first
        assert client.get("/").json() == "home"
        assert client.get("/static/a.css").text == "body {}"
        assert client.get("/static/missing.css").status_code == 404
        assert client.post("/notes").status_code == 405
        moved = client.get("/notes/", follow_redirects=False)
        assert (moved.status_code, moved.headers["location"]) == (307, "http://testserver/notes")


def test_every_route_of_anchored_is_gated(app: FastAPI) -> None:
    # A route whose first segment is a parameter would make every request try it again.
    assert gate_by_first_segment([]) == 0
    routes = app.router.routes
    assert all(getattr(r.matches, "__name__", "") == "gated_matches" for r in routes)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/journal/", 307),  # the slash is dropped, as before
        ("POST", "/help", 405),
        ("GET", "/no-such-page", 404),
        ("GET", "/static/css/anchored.css", 200),
        ("GET", "/static/journal/no-such-file.css", 404),
        ("GET", "/journal", 200),
        ("GET", "/", 200),
    ],
)
def test_anchored_answers_each_kind_of_address(
    unlocked_client: Client, method: str, path: str, status: int
) -> None:
    client, _state = unlocked_client
    assert client.request(method, path, follow_redirects=False).status_code == status
