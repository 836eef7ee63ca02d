"""Every feature's manifest holds what it promises: its references resolve, its pages open,
and every free-text field it stores goes through the crisis check."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from anchored.features import FEATURES
from anchored.manifest import Feature, Registry, resolve
from anchored.services.vault import OpenVault
from anchored.storage.base import Base, is_free_text
from anchored.web.state import AppState
from tests.support import PEOPLE

REGISTRY = Registry(FEATURES)
NOW = datetime(2026, 12, 1, 21, 45, tzinfo=UTC)
CRISIS = "I want to end my life tonight."
CALM = "We walked by the river and had soup."
ids = [f.name for f in FEATURES]


def _refs(feature: Feature) -> list[str]:
    refs = [feature.router, feature.step_items, feature.free_text, feature.export]
    refs += [feature.delete, feature.check, feature.prepare, feature.after_unlock]
    refs += [panel.context for panel in feature.home]
    refs += [kind.loader for kind in feature.search]
    refs += [command.target for command in feature.cli]
    refs += [ref for _name, ref in feature.offers]
    refs += [feature.kit]
    refs += list(feature.progress.refs()) if feature.progress else []
    return [ref for ref in refs if ref]


@pytest.mark.parametrize("feature", FEATURES, ids=ids)
def test_every_reference_resolves(feature: Feature) -> None:
    for ref in _refs(feature):
        assert resolve(ref) is not None, ref
    if feature.models:
        importlib.import_module(feature.models)


def test_the_features_fit_together() -> None:
    assert REGISTRY.problems() == []
    assert len({f.name for f in FEATURES}) == len(FEATURES)


def _free_text_columns(feature: Feature) -> set[str]:
    if not feature.models:
        return set()
    module = importlib.import_module(feature.models)
    found = set()
    for value in vars(module).values():
        if (
            isinstance(value, type)
            and issubclass(value, Base)
            and value.__module__ == module.__name__
        ):
            table = value.__table__
            found |= {f"{table.name}.{c.name}" for c in table.columns if is_free_text(c)}
    return found


@pytest.mark.parametrize("feature", FEATURES, ids=ids)
def test_every_free_text_field_goes_through_the_crisis_check(
    feature: Feature, open_vault: OpenVault
) -> None:
    """Save a crisis sentence through each of the feature's free-text fields: each save must
    ask for the help card, and a calm sentence must not."""
    columns = _free_text_columns(feature)
    if not feature.free_text:
        assert not columns, f"{feature.name} stores words a person wrote but has no free_text hook"
        return
    probe = resolve(feature.free_text)
    with open_vault.session() as session:
        crisis = dict(probe(session, PEOPLE.me, CRISIS, NOW))
    with open_vault.session() as session:
        calm = dict(probe(session, PEOPLE.me, CALM, NOW))
    assert columns <= set(crisis), f"not probed: {sorted(columns - set(crisis))}"
    assert all(crisis.values()), [field for field, shown in crisis.items() if not shown]
    assert not any(calm.values()), [field for field, shown in calm.items() if shown]


PERSONAL = REGISTRY.in_mode(hosted=False)  # hosted-only features: tests/hosted


@pytest.mark.parametrize(
    "path",
    sorted(
        {entry.path for entry in PERSONAL.nav}
        | {action.path.partition("#")[0] for action in PERSONAL.actions}
        | {b.path for b in PERSONAL.header_buttons if b.method == "get"}
        | {entry.path.partition("#")[0] for f in PERSONAL.features for entry in f.shelf}
    ),
)
def test_every_link_the_manifests_put_in_the_chrome_opens(
    unlocked_client: tuple[TestClient, AppState], path: str
) -> None:
    client, _state = unlocked_client
    response = client.get(path)
    assert response.status_code == 200, path


def test_the_nav_and_header_come_from_the_manifests(
    unlocked_client: tuple[TestClient, AppState],
) -> None:
    client, _state = unlocked_client
    page = client.get("/").text
    for entry in REGISTRY.nav:
        assert f'<a href="{entry.path}"' in page, entry
    for button in REGISTRY.header_buttons:
        assert button.label in page
    for href in REGISTRY.stylesheets:
        assert f'<link rel="stylesheet" href="{href}">' in page
        assert client.get(href).status_code == 200, href


PREPARERS = [f for f in FEATURES if f.prepare]


@pytest.mark.parametrize("feature", PREPARERS, ids=[f.name for f in PREPARERS])
def test_prepare_makes_the_same_rows_however_often_it_runs(
    feature: Feature, open_vault: OpenVault
) -> None:
    """It runs at every unlock, so a second run (or two at once) changes nothing."""
    from anchored.services.owned import export_feature

    assert feature.prepare
    hook = resolve(feature.prepare)
    with open_vault.session() as session:
        hook(session, PEOPLE.me)
    with open_vault.session() as session:
        once = export_feature(session, PEOPLE.me, feature)
        hook(session, PEOPLE.me)
    with open_vault.session() as session:
        assert export_feature(session, PEOPLE.me, feature) == once
        assert not any(export_feature(session, PEOPLE.stranger, feature).values())


WRITERS = [f for f in FEATURES if f.free_text]


@pytest.mark.parametrize("feature", WRITERS, ids=[f.name for f in WRITERS])
def test_export_and_delete_take_only_the_owners_records(
    feature: Feature, open_vault: OpenVault
) -> None:
    """The export and delete-everything hooks (default: every owned table of the feature)
    see only the owner's records, and deleting leaves no searchable text behind."""
    from anchored.features.search.service import search_writing
    from anchored.services.owned import delete_feature, export_feature

    assert feature.free_text
    probe = resolve(feature.free_text)
    with open_vault.session() as session:
        list(probe(session, PEOPLE.me, "Heron by the river at dawn.", NOW))
        list(probe(session, PEOPLE.stranger, "Heron by the river at dawn.", NOW))
    with open_vault.session() as session:
        mine = export_feature(session, PEOPLE.me, feature)
        theirs = export_feature(session, PEOPLE.stranger, feature)
        assert any(mine.values()), "the owner's records are exported"
        assert all(row["owner_id"] == PEOPLE.me.id for rows in mine.values() for row in rows)
        assert delete_feature(session, PEOPLE.me, feature) > 0
    with open_vault.session() as session:
        assert not any(export_feature(session, PEOPLE.me, feature).values())
        assert export_feature(session, PEOPLE.stranger, feature) == theirs
        kinds = {k.code: k for k in feature.search}
        if kinds:
            assert search_writing(session, PEOPLE.me, "heron", kinds).total == 0
            assert search_writing(session, PEOPLE.stranger, "heron", kinds).total > 0


MARKER = "Quince lanterns drifted over the harbour wall at dusk."


@pytest.mark.sqlcipher_only  # PostgreSQL: tests/storage/test_atrest_postgres.py (pg_dump)
@pytest.mark.parametrize("feature", [f for f in FEATURES if f.free_text], ids=lambda f: f.name)
def test_no_free_text_field_reaches_the_disk_in_plain_text(
    feature: Feature, open_vault: OpenVault, data_dir: Path
) -> None:
    """Every free-text field of every feature (through its probe) is stored encrypted: after
    saving a marker sentence through each and closing the vault, no file under the data folder
    holds it (the database, its journal and WAL files, vault.json), in UTF-8 or UTF-16."""
    probe = resolve(feature.free_text)
    with open_vault.session() as session:
        fields = dict(probe(session, PEOPLE.me, MARKER, NOW))
    assert fields, feature.name
    stored = 0
    with open_vault.session() as session:  # the words really are in the vault, readable
        for field in sorted(_free_text_columns(feature)):
            table, column = field.split(".")
            query = f"SELECT count(*) FROM {table} WHERE {column} LIKE :words"  # noqa: S608
            stored += session.execute(text(query), {"words": "%Quince lanterns%"}).scalar_one()
    assert stored > 0, feature.name
    open_vault.lock()
    needles = [MARKER.encode("utf-8"), MARKER.encode("utf-16-le"), b"harbour wall"]
    files = [path for path in data_dir.rglob("*") if path.is_file()]
    assert any(path.name == "anchored.db" for path in files)
    for path in files:
        content = path.read_bytes()
        for needle in needles:
            assert needle not in content, f"{needle!r} found in {path.name} ({feature.name})"
