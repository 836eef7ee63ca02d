"""The session summary in the browser: choose the weeks and what to include (JavaScript off:
a plain form), then the print view at A4 shows the summary alone, each section on a page of
its own; axe-core in light and dark mode, and it fits a 360 px phone."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import OpenApp
from tests.e2e.flows import SCHEMES, assert_accessible, assert_accessible_light_and_dark, header
from tests.e2e.test_small_screen import PHONE, expect_fits

PATH = "/therapy/summary"


def _add_to_list(page: Page, text: str) -> None:
    page.get_by_label("Add something to bring up").fill(text)
    page.get_by_role("button", name="Add to my list").click()


def _style(page: Page, selector: str, name: str) -> str:
    found: str = page.eval_on_selector(
        selector, "(el, name) => getComputedStyle(el).getPropertyValue(name)", name
    )
    return found


def test_choose_what_to_include_then_print_it_at_a4(open_app: OpenApp) -> None:
    page = open_app.page("/therapy", java_script_enabled=False)
    _add_to_list(page, "The weekend I didn't text first.")
    page.goto(open_app.server.url("/tools"))
    page.get_by_role("link", name="A summary for your sessions").click()
    expect(page.get_by_role("heading", level=1).first).to_have_text("A summary for your sessions")

    page.get_by_label("How far back").select_option("4")
    for label in ("Signs of progress (my own ratings)", "Trigger patterns"):
        page.get_by_role("checkbox", name=label).uncheck()
    page.get_by_label("Paper size for printing").select_option("letter")
    page.get_by_role("button", name="Show the summary").click()
    expect(page.get_by_label("How far back")).to_have_value("4")
    sheet = page.locator("article.summary-sheet")
    expect(sheet).to_have_class("summary-sheet paper-letter")
    expect(sheet.get_by_role("heading", name="Things I'd like to bring up")).to_be_visible()
    expect(sheet.get_by_text("The weekend I didn't text first.")).to_be_visible()
    expect(sheet.get_by_role("heading", name="Trigger patterns")).to_have_count(0)

    page.get_by_label("Paper size for printing").select_option("a4")
    page.get_by_role("button", name="Show the summary").click()
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Show the summary")).to_be_hidden()
    expect(header(page)).to_be_hidden()
    expect(sheet.get_by_role("heading", level=1)).to_have_text("My summary for a therapy session")
    assert _style(page, "article.summary-sheet", "page") == "summary-a4"
    assert _style(page, ".summary-section + .summary-section", "break-before") == "page"


def test_the_summary_is_accessible_and_fits_a_phone(open_app: OpenApp) -> None:
    page = open_app.page(PATH, bypass_csp=True, viewport=PHONE)
    expect(page.locator("article.summary-sheet")).to_be_visible()
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        expect_fits(page, f"{PATH} ({scheme})", unlocked=True)
        assert_accessible(page, f"{PATH} ({scheme}, 360 px)")
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(open_app.server.url(PATH))
    assert_accessible_light_and_dark(page, f"{PATH} (desktop)")
    for scheme in SCHEMES:  # on paper: dark ink on white, whatever the screen's mode
        page.emulate_media(media="print", color_scheme=scheme)
        assert _style(page, ".summary-section h2", "color") == "rgb(0, 0, 0)"
        assert_accessible(page, f"{PATH} ({scheme}, print)")
