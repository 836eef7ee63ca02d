"""The Tools page lists every tool the features put on the shelf, grouped, in order."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from anchored.features import FEATURES
from anchored.manifest import Feature, Registry, RegistryError, ShelfEntry
from anchored.web.state import AppState


def test_every_shelf_entry_is_on_the_tools_page_under_its_group(
    unlocked_client: tuple[TestClient, AppState],
) -> None:
    client, _state = unlocked_client
    page = client.get("/tools")
    assert page.status_code == 200
    text = page.text
    main = text[text.index("<h1>Tools</h1>") :]
    groups = Registry(FEATURES).in_mode(hosted=False).shelf  # personal mode: no sharing
    assert [group for group, _entries in groups] == [
        main[at + 1 : main.index("</h2>", at)]
        for at in (main.index(f">{group}</h2>") for group, _entries in groups)
    ]
    for number, (group, entries) in enumerate(groups):
        section = main[main.index(f">{group}</h2>") :]
        if number + 1 < len(groups):
            section = section[: section.index(f">{groups[number + 1][0]}</h2>")]
        found = [section.index(f'href="{entry.path}"') for entry in entries]
        assert found == sorted(found), group  # in the features' order
        for entry in entries:
            assert entry.label in section


def test_the_tools_page_asks_to_unlock_first(
    locked_client: tuple[TestClient, AppState],
) -> None:
    client, _state = locked_client
    response = client.get("/tools", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/unlock")


def test_a_shelf_entry_must_name_a_known_group() -> None:
    odd = Feature("odd", "Odd", shelf=(ShelfEntry("Somewhere else", "Odd", "/odd", "x", 1),))
    with pytest.raises(RegistryError, match="group"):
        Registry((*FEATURES, odd))
