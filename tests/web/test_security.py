"""The middleware: allowed hosts, sessions, same-origin changes, headers; CSP-safe templates."""

from __future__ import annotations

import re
from pathlib import Path

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from anchored.web.state import AppState
from anchored.web.templating import TEMPLATE_DIR
from tests.support import PASSPHRASE, stranger, write_entry

NO_SESSION = "Open Anchored from its own link"


# -- Host header (DNS rebinding) -------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1:8123", "localhost:8123"])
def test_own_host_is_served(anonymous: TestClient, host: str) -> None:
    assert anonymous.get("/help", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1:9999", "localhost", ""])
def test_other_hosts_are_refused(anonymous: TestClient, host: str) -> None:
    response = anonymous.get("/help", headers={"host": host})
    assert response.status_code == 400
    assert "Help now" not in response.text


def test_other_host_is_refused_even_with_a_session(
    unlocked_client: tuple[TestClient, AppState],
) -> None:
    client, _state = unlocked_client
    assert client.get("/journal", headers={"host": "evil.example:8123"}).status_code == 400


# -- pages that need the launch link ---------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/"),
        ("GET", "/journal"),
        ("GET", "/journal/new"),
        ("GET", "/journal/1"),
        ("GET", "/unlock"),
        ("GET", "/welcome"),
        ("GET", "/welcome/recovery-key"),
        ("POST", "/lock"),
        ("POST", "/welcome"),
        ("POST", "/unlock"),
        ("POST", "/journal/new"),
        ("POST", "/help/country"),
    ],
)
def test_without_a_session_only_the_link_page_is_shown(
    anonymous: TestClient, method: str, path: str
) -> None:
    response = anonymous.request(method, path, follow_redirects=False)
    assert response.status_code == 403
    assert NO_SESSION in response.text
    assert 'href="/help"' in response.text


def test_without_a_session_onboarding_creates_nothing(
    anonymous: TestClient, state: AppState
) -> None:
    response = anonymous.post(
        "/welcome",
        data={
            "understood": "yes",
            "passphrase": PASSPHRASE,
            "passphrase_again": PASSPHRASE,
            "country": "GB",
        },
    )
    assert response.status_code == 403
    assert not (state.settings.data_dir / "vault.json").exists()
    assert not state.vault.exists()


def test_without_a_session_no_data_is_shown_and_nothing_is_changed(
    unlocked_client: tuple[TestClient, AppState],
) -> None:
    client, state = unlocked_client
    entry_id = write_entry(client, "a private line", title="Sunday evening")
    other = stranger(client.app)

    for path in ["/", "/journal", f"/journal/{entry_id}", f"/journal/{entry_id}/edit"]:
        response = other.get(path)
        assert response.status_code == 403
        assert "Sunday evening" not in response.text
        assert "a private line" not in response.text
    assert other.post(f"/journal/{entry_id}/delete").status_code == 403
    assert other.post("/lock").status_code == 403

    assert state.is_unlocked
    assert client.get(f"/journal/{entry_id}").status_code == 200


def test_without_a_session_a_locked_vault_is_not_unlocked(
    locked_client: tuple[TestClient, AppState],
) -> None:
    client, state = locked_client
    response = stranger(client.app).post("/unlock", data={"passphrase": PASSPHRASE})
    assert response.status_code == 403
    assert not state.is_unlocked


def test_forged_cookie_is_not_a_session(
    unlocked_client: tuple[TestClient, AppState],
) -> None:
    client, _state = unlocked_client
    other = stranger(client.app)
    other.cookies.set("anchored_session", "guessed-value", domain="127.0.0.1")
    response = other.get("/journal")
    assert response.status_code == 403
    assert NO_SESSION in response.text


@pytest.mark.parametrize(
    "path", ["/help", "/about", "/static/css/anchored.css", "/static/favicon.svg"]
)
def test_public_pages_work_without_a_session(anonymous: TestClient, path: str) -> None:
    assert anonymous.get(path).status_code == 200


# -- changes from other origins --------------------------------------------------------------


def test_cross_site_post_is_refused_and_changes_nothing(
    unlocked_client: tuple[TestClient, AppState],
) -> None:
    client, state = unlocked_client
    response = client.post(
        "/journal/new",
        data={"body": "planted by another site"},
        headers={"sec-fetch-site": "cross-site"},
    )
    assert response.status_code == 403
    assert "Nothing was changed" in response.text
    assert "Your journal is empty" in client.get("/journal").text

    assert client.post("/lock", headers={"sec-fetch-site": "cross-site"}).status_code == 403
    assert state.is_unlocked


def test_same_site_but_not_same_origin_is_refused(
    unlocked_client: tuple[TestClient, AppState],
) -> None:
    client, state = unlocked_client
    assert client.post("/lock", headers={"sec-fetch-site": "same-site"}).status_code == 403
    assert state.is_unlocked


def test_same_origin_post_is_accepted(unlocked_client: tuple[TestClient, AppState]) -> None:
    client, _state = unlocked_client
    response = client.post(
        "/journal/new",
        data={"body": "from my own page"},
        headers={"sec-fetch-site": "same-origin"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert "from my own page" in client.get(response.headers["location"]).text


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://127.0.0.1:9999"])
def test_foreign_origin_without_fetch_metadata_is_refused(
    unlocked_client: tuple[TestClient, AppState], origin: str
) -> None:
    client, state = unlocked_client
    assert client.post("/lock", headers={"origin": origin}).status_code == 403
    assert state.is_unlocked


@pytest.mark.parametrize("origin", ["http://127.0.0.1:8123", "http://localhost:8123"])
def test_own_origin_without_fetch_metadata_is_accepted(
    unlocked_client: tuple[TestClient, AppState], origin: str
) -> None:
    client, state = unlocked_client
    response = client.post("/lock", headers={"origin": origin}, follow_redirects=False)
    assert response.status_code == 303
    assert not state.is_unlocked


# -- headers on every response ---------------------------------------------------------------


def _assert_page_headers(response: httpx.Response) -> None:
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "base-uri 'none'" in csp
    assert "form-action 'self'" in csp
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
    # No other page may frame ours (older browsers read only this), open it in a shared
    # window, or load its responses; and no camera, microphone or location, ever.
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["cross-origin-opener-policy"] == "same-origin"
    assert response.headers["cross-origin-resource-policy"] == "same-origin"
    policy = {p.strip() for p in response.headers["permissions-policy"].split(",")}
    assert {"camera=()", "microphone=()", "geolocation=()"} <= policy


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/journal", 200),
        ("/help", 200),
        ("/about", 200),
        ("/no-such-page", 404),
        ("/journal/abc", 404),
        ("/reassurance?week=abc", 400),
        ("/journal/999", 404),
    ],
)
def test_security_headers_on_pages(
    unlocked_client: tuple[TestClient, AppState], path: str, status: int
) -> None:
    client, _state = unlocked_client
    response = client.get(path)
    assert response.status_code == status
    _assert_page_headers(response)


def test_security_headers_on_refusals(unlocked_client: tuple[TestClient, AppState]) -> None:
    client, _state = unlocked_client
    refusals = [
        (client.get("/", headers={"host": "evil.example"}), 400),
        (client.post("/lock", headers={"sec-fetch-site": "cross-site"}), 403),
        (stranger(client.app).get("/journal"), 403),
        (client.get(f"/launch?token={'x' * 43}"), 403),
    ]
    for response, status in refusals:
        assert response.status_code == status
        _assert_page_headers(response)


def test_static_files_have_security_headers_and_may_be_cached(anonymous: TestClient) -> None:
    response = anonymous.get("/static/css/anchored.css")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["cross-origin-resource-policy"] == "same-origin"
    assert "no-store" not in response.headers["cache-control"]


# -- templates must work under the CSP -------------------------------------------------------

# The shared templates and every feature's own.
TEMPLATES = sorted(Path(TEMPLATE_DIR).rglob("*.html")) + sorted(
    Path(TEMPLATE_DIR).parent.parent.glob("features/*/templates/**/*.html")
)


def test_templates_are_found() -> None:
    assert len(TEMPLATES) >= 10


# Files written for the person to open from disk (never served by the app): their styles are
# inside, under their own CSP, which allows no script at all.
OFFLINE_FILES = {"summary_file.html"}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_templates_have_no_inline_script_or_style(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    if template.name in OFFLINE_FILES:
        assert "default-src 'none'; style-src 'unsafe-inline'; img-src data:" in text
        assert not re.search(r"<script\b", text, re.IGNORECASE)
        assert not re.search(r"\son[a-z]+\s*=", text, re.IGNORECASE), "inline event handler"
        return
    for match in re.finditer(r"<script\b[^>]*>(.*?)</script>", text, re.DOTALL | re.IGNORECASE):
        assert "src=" in match.group(0).split(">", 1)[0]
        assert match.group(1).strip() == "", "inline script content is blocked by the CSP"
    assert not re.search(r"<style\b", text, re.IGNORECASE)
    assert not re.search(r"\son[a-z]+\s*=", text, re.IGNORECASE), "inline event handler"
    assert not re.search(r"\sstyle\s*=", text, re.IGNORECASE), "inline style attribute"
    assert "javascript:" not in text.lower()
