"""Progress in the browser: rate the signs of progress (JavaScript on and off) and see them
charted with their table on /progress, no CSP complaints; axe-core in light and dark mode on
the progress pages, which fit a 360 px phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.e2e.conftest import OpenApp
from tests.e2e.flows import SCHEMES, assert_accessible, assert_accessible_light_and_dark
from tests.e2e.test_small_screen import PHONE, expect_fits

PAGES = ["/progress", "/progress/signs", "/progress/week"]


def _rate(page: Page, calmer: str, openness: str, note: str) -> None:
    page.get_by_label("Calmer in relationships").select_option(calmer)
    page.get_by_label("Openness rather than fear").select_option(openness)
    page.get_by_label("Anything you noticed").fill(note)
    page.get_by_role("button", name="Save today's rating").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_rate_the_signs_then_see_them_charted_with_their_numbers(
    open_app: OpenApp, javascript: bool
) -> None:
    page = open_app.page("/tools", java_script_enabled=javascript)
    complaints: list[str] = []

    def listen(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            complaints.append(message.text)

    page.on("console", listen)
    page.get_by_role("link", name="Signs of progress").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signs of progress")
    _rate(page, "4", "7", f"Waited before texting ({javascript=}).")
    expect(page.get_by_role("status")).to_have_text("Saved. Only you can see it.")
    expect(page.get_by_role("row", name="Calmer in relationships 4")).to_be_visible()

    page.get_by_role("link", name="All ratings").click()
    page.get_by_role("link", name="All your progress").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your progress")
    part = page.locator("#progress-signs")
    expect(part.get_by_role("img", name="Signs of progress, in your own view")).to_be_visible()
    table = part.get_by_role("table", name="Signs of progress, in your own view: the numbers")
    expect(table.get_by_role("columnheader", name="Openness rather than fear")).to_be_visible()
    expect(table.get_by_role("cell", name="7").first).to_be_visible()
    page.get_by_label("How far back").select_option("26")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.get_by_label("How far back")).to_have_value("26")
    assert complaints == []


def test_progress_pages_are_accessible_and_fit_a_phone(open_app: OpenApp) -> None:
    page = open_app.page("/progress/signs", bypass_csp=True, viewport=PHONE)
    _rate(page, "6", "5", "A steadier week.")
    for path in PAGES:
        page.goto(open_app.server.url(path))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            expect_fits(page, f"{path} ({scheme})", unlocked=True)
            assert_accessible(page, f"{path} ({scheme}, 360 px)")
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(open_app.server.url("/progress"))
    assert_accessible_light_and_dark(page, "/progress (desktop)")
