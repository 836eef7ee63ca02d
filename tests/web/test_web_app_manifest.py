"""A phone can add hosted Anchored to its home screen: a web app manifest with real icons."""

from __future__ import annotations

import json
import struct

from fastapi.testclient import TestClient

from anchored.features import FEATURES
from anchored.manifest import Registry
from anchored.web.templating import build_templates


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_manifest_names_the_app_and_icons_that_exist(anonymous: TestClient) -> None:
    response = anonymous.get("/static/manifest.webmanifest")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/manifest+json")
    manifest = json.loads(response.text)
    assert manifest["name"] == "Anchored"
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/"
    pngs = [icon for icon in manifest["icons"] if icon["type"] == "image/png"]
    assert {icon["sizes"] for icon in pngs} >= {"192x192", "512x512"}
    for icon in manifest["icons"]:
        served = anonymous.get(icon["src"])
        assert served.status_code == 200, icon["src"]
        if icon["type"] == "image/png":
            width, height = _png_size(served.content)
            assert f"{width}x{height}" == icon["sizes"]


def test_personal_mode_pages_offer_no_manifest(anonymous: TestClient) -> None:
    # Personal mode's address changes with every start: an installed icon would lead nowhere.
    page = anonymous.get("/help")
    assert page.status_code == 200
    assert 'rel="manifest"' not in page.text


def test_pages_link_the_manifest_when_the_app_is_a_web_app() -> None:
    templates = build_templates(Registry(FEATURES), hosted=True)
    html = templates.get_template("errors/404.html").render(theme="system", status=404)
    assert '<link rel="manifest" href="/static/manifest.webmanifest">' in html
    assert 'rel="apple-touch-icon"' in html
