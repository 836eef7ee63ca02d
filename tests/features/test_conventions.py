"""The rules of docs/architecture.md that a grep can prove: one clock, the crisis check inside
services, each feature in its own folder under its own name, and nothing else naming one."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from anchored.features import FEATURES
from anchored.manifest import resolve

SRC = Path(__file__).parents[2] / "src" / "anchored"
FEATURE_DIR = SRC / "features"
FEATURE_MODULES = sorted(
    p
    for p in FEATURE_DIR.rglob("*.py")
    if p.name != "__init__.py" and "content" not in p.relative_to(FEATURE_DIR).parts
)
SHELL_MODULES = [*sorted((SRC / "web" / "routes").glob("*.py")), SRC / "cli" / "app.py"]
# Addresses kept for what people already know or bookmarked: Help now has always been /help,
# and the reassurance tracker's old /checking links redirect to /reassurance.
LEGACY_ADDRESSES = {"help", "checking"}
# Commands that go by the other half of their pair: `anchored restore` belongs with backup,
# `anchored import` with export; and `anchored summary`, the therapy feature's session summary
# (issue 16 names it so).
PAIRED_COMMANDS = {"restore", "import", "summary"}
CLOCK_READS = re.compile(r"\b(?:datetime\.now|date\.today|time\.time|utcnow)\(")


def _name(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


@pytest.mark.parametrize("path", FEATURE_MODULES + SHELL_MODULES, ids=_name)
def test_services_and_routes_take_the_time_they_are_given(path: Path) -> None:
    found = CLOCK_READS.findall(path.read_text(encoding="utf-8"))
    assert not found, f"{_name(path)} reads the clock; take `now` from the caller instead"


@pytest.mark.parametrize(
    "path", [p for p in FEATURE_MODULES if p.name in {"web.py", "cli.py"}], ids=_name
)
def test_routes_and_commands_leave_the_crisis_check_to_services(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "after_save(session" not in text
    assert "calls_for_help(" not in text
    assert "support.after_save" not in text


@pytest.mark.parametrize("feature", FEATURES, ids=[f.name for f in FEATURES])
def test_each_feature_lives_in_the_folder_of_its_name(feature: object) -> None:
    name = feature.name  # type: ignore[attr-defined]
    package = feature.package  # type: ignore[attr-defined]
    assert package == f"anchored.features.{name}"
    assert (FEATURE_DIR / name / "__init__.py").is_file()
    templates = FEATURE_DIR / name / "templates"
    if templates.is_dir():
        for template in templates.rglob("*.html"):
            text = template.read_text(encoding="utf-8")
            for other in FEATURES:
                if other.name != name:
                    assert f'"{other.name}/' not in text, (template, other.name)


def test_nothing_outside_the_features_names_one() -> None:
    names = [f.name for f in FEATURES]
    pattern = re.compile(r"anchored\.features\.(" + "|".join(names) + r")\b")
    offenders = [
        _name(path)
        for path in SRC.rglob("*.py")
        if FEATURE_DIR not in path.parents and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_feature_list_is_the_only_list() -> None:
    listed = {f.name for f in FEATURES}
    folders = {p.name for p in FEATURE_DIR.iterdir() if (p / "__init__.py").is_file()}
    assert listed == folders


def _paths(router: Any) -> list[str]:
    """Every path a router answers, also through the routers it includes."""
    paths = []
    for route in router.routes:
        if hasattr(route, "path"):
            paths.append(route.path)
        else:  # an included router
            paths += _paths(route.original_router)
    return paths


@pytest.mark.parametrize("feature", FEATURES, ids=[f.name for f in FEATURES])
def test_one_name_across_folder_address_command_and_navigation(feature: object) -> None:
    """The check-in and the reassurance tracker must never be confused: each feature goes by
    its folder's name in its address, its commands and its navigation label."""
    name = feature.name.replace("_", "-")  # type: ignore[attr-defined]
    nav = feature.nav  # type: ignore[attr-defined]
    if nav is not None:
        assert nav.path.split("/")[1].startswith(name), nav.path
        assert nav.label.lower().replace(" ", "-").startswith(name), nav.label
    router = feature.router  # type: ignore[attr-defined]
    if router is not None:
        for path in _paths(resolve(router)):
            first, _slash, rest = path[1:].partition("/")
            # A part of the settings lives under /settings/<its name> (/settings/delete for
            # delete_everything).
            second = rest.partition("/")[0]
            in_settings = first == "settings" and bool(second) and name.startswith(second)
            assert first.startswith(name) or in_settings or first in LEGACY_ADDRESSES, path
    for command in feature.cli:  # type: ignore[attr-defined]
        assert command.name.startswith(name) or command.name in PAIRED_COMMANDS, command.name
