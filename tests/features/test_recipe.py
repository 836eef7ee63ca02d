"""docs/architecture.md's "How to add a feature", followed for real: a throw-away feature in a
temporary package, one folder and one more entry in the feature list, shows up in the
navigation, the command line and search without touching anything else."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from anchored.cli.app import make_app
from anchored.core.owner import PERSONAL_OWNER
from anchored.features import FEATURES
from anchored.manifest import Feature
from anchored.storage.search import index_document
from anchored.web.app import create_app
from anchored.web.state import AppState
from tests.support import BASE_URL, PORT, launch, onboard

ARCHITECTURE = Path(__file__).parents[2] / "docs" / "architecture.md"

FILES = {
    "__init__.py": """
        from anchored.manifest import CliCommand, Feature, NavEntry, SearchKind

        SEARCH = SearchKind("gratitude", 63, "Gratitude", f"{__name__}.service:search_results")
        FEATURE = Feature(
            name="gratitude",
            title="Gratitude",
            package=__name__,
            router=f"{__name__}.web:router",
            nav=NavEntry("Gratitude", "/gratitude", order=95),
            cli=(CliCommand("gratitude", "Three good things.", f"{__name__}.cli:gratitude"),),
            search=(SEARCH,),
        )
    """,
    "web.py": """
        from fastapi import APIRouter
        from starlette.requests import Request
        from starlette.responses import Response

        from anchored.web.deps import Unlocked
        from anchored.web.templating import render

        router = APIRouter(prefix="/gratitude")


        @router.get("")
        def page(request: Request, _state: Unlocked) -> Response:
            return render(request, "gratitude/page.html", {"count": 3})
    """,
    "templates/page.html": """
        {% extends "base.html" %}
        {% block main %}<h1>Three good things</h1><p>{{ count }} a day.</p>{% endblock %}
    """,
    "cli.py": '''
        import typer


        def gratitude() -> None:
            """Three good things."""
            typer.echo("Name three good things from today.")
    ''',
    "service.py": """
        from anchored.services.search_results import Shown


        def search_results(session, owner, ids):
            from datetime import UTC, datetime

            when = datetime(2026, 12, 1, tzinfo=UTC)
            return {i: Shown(when, f"Good thing {i}", f"/gratitude#{i}") for i in ids}
    """,
}


@pytest.fixture
def gratitude(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Feature]:
    """Step 1 of the recipe: a folder with its manifest (in a package of its own here)."""
    folder = tmp_path / "recipe_features" / "gratitude"
    for name, text in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    (folder.parent / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    from recipe_features.gratitude import FEATURE  # type: ignore[import-not-found]

    yield FEATURE
    for module in [m for m in sys.modules if m.startswith("recipe_features")]:
        del sys.modules[module]


def test_the_recipe_has_five_steps() -> None:
    recipe = ARCHITECTURE.read_text(encoding="utf-8").split("## How to add a feature", 1)[1]
    assert [
        line[:2] for line in recipe.splitlines() if line[:2] in {"1.", "2.", "3.", "4.", "5."}
    ] == [
        "1.",
        "2.",
        "3.",
        "4.",
        "5.",
    ]


def test_a_new_feature_appears_in_nav_pages_and_search(state: AppState, gratitude: Feature) -> None:
    # Step 4 of the recipe: one more entry in the feature list.
    app = create_app(state.settings, PORT, state=state, features=(*FEATURES, gratitude))
    with TestClient(app, base_url=BASE_URL) as client:
        launch(client, state)
        onboard(client)
        home = client.get("/").text
        assert '<a href="/gratitude" >Gratitude</a>' in home
        page = client.get("/gratitude")
        assert page.status_code == 200
        assert "<h1>Three good things</h1><p>3 a day.</p>" in page.text
        assert 'aria-current="page">Gratitude</a>' in page.text
        with state.session() as session:
            index_document(session, PERSONAL_OWNER.id, 63, 7, "", "a warm cup of tea")
        found = client.get("/search?q=tea").text
        assert "Good thing 7" in found
        assert "Gratitude" in found
        assert 'href="/gratitude#7"' in found


def test_without_it_nothing_shows(state: AppState) -> None:
    app = create_app(state.settings, PORT, state=state)
    with TestClient(app, base_url=BASE_URL) as client:
        launch(client, state)
        onboard(client)
        assert "/gratitude" not in client.get("/").text
        assert client.get("/gratitude").status_code == 404


def test_a_new_feature_appears_in_the_command_line(gratitude: Feature) -> None:
    app = make_app((*FEATURES, gratitude))
    runner = CliRunner()
    listed = runner.invoke(app, ["--help"])
    assert listed.exit_code == 0
    assert "gratitude" in listed.stdout
    assert "Three good things." in listed.stdout
    ran = runner.invoke(app, ["gratitude"])
    assert ran.exit_code == 0, ran.stdout
    assert "Name three good things from today." in ran.stdout
    assert "gratitude" not in runner.invoke(make_app(FEATURES), ["--help"]).stdout
