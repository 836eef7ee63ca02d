"""The header on a 360 px phone: one row, with Help now, Pause and Lock always in reach, and the
other pages in a menu that opens without JavaScript. Wider screens show the whole navigation."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import OpenApp, RunningServer
from tests.e2e.flows import (
    assert_accessible_light_and_dark,
    expect_path,
    fill_welcome,
    header,
    help_now_link,
    lock,
    lock_button,
    menu_button,
    open_launch_link,
    unlock,
)

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
# One row of 44 px buttons and its padding is about 61 px; the nav used to wrap to ~190 px.
ONE_ROW_PX = 72
JAVASCRIPT = [pytest.param(True, id="js"), pytest.param(False, id="no-js")]


def pause_control(page: Page) -> Locator:
    return header(page).get_by_text("Pause", exact=True)


def main_nav(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Main")


def expect_one_row(page: Page, where: str, *, unlocked: bool, menu: bool = True) -> None:
    page.evaluate("() => window.scrollTo(0, 0)")
    box = header(page).bounding_box()
    assert box is not None
    assert box["height"] <= ONE_ROW_PX, f"{where}: the header is {box['height']:.0f} px tall"
    controls = [help_now_link(page)]
    if unlocked:
        controls += [pause_control(page), lock_button(page)]
    if unlocked and menu:
        controls.append(menu_button(page))
    middles = []
    for control in controls:
        expect(control).to_be_visible()
        expect(control).to_be_in_viewport()
        control_box = control.bounding_box()
        assert control_box is not None
        middles.append(control_box["y"] + control_box["height"] / 2)
    assert max(middles) - min(middles) <= 4, f"{where}: the header's buttons are not in one row"


@pytest.mark.parametrize("javascript", JAVASCRIPT)
def test_one_row_on_a_phone_on_every_page(open_app: OpenApp, javascript: bool) -> None:
    page = open_app.page("/", viewport=PHONE, java_script_enabled=javascript)
    for path in ["/", "/journal", "/journal/new", "/help", "/about", "/pause", "/safety-plan"]:
        page.goto(open_app.server.url(path))
        expect_one_row(page, path, unlocked=True)
        expect(main_nav(page)).to_be_hidden()  # folded into the menu

    pause_control(page).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pause")
    expect_one_row(page, "a running pause", unlocked=True)
    page.get_by_role("button", name="Stop without finishing").click()


@pytest.mark.parametrize("javascript", JAVASCRIPT)
def test_the_menu_opens_and_marks_the_current_page(open_app: OpenApp, javascript: bool) -> None:
    page = open_app.page("/journal", viewport=PHONE, java_script_enabled=javascript)
    menu_button(page).click()
    nav = main_nav(page)
    expect(nav).to_be_visible()
    expect(nav.get_by_role("link", name="Journal")).to_have_attribute("aria-current", "page")
    expect(nav.locator('[aria-current="page"]')).to_have_count(1)
    for name in ["Home", "Programme", "Check-in", "Safety plan", "Search"]:
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_in_viewport()
    # Opening the menu lays it over the page; Help now, Pause and Lock stay where they were.
    expect_one_row(page, "/journal with the menu open", unlocked=True)

    nav.get_by_role("link", name="Check-in").click()
    expect_path(page, "/check-in")
    expect(main_nav(page)).to_be_hidden()
    menu_button(page).click()
    expect(main_nav(page).get_by_role("link", name="Check-in")).to_have_attribute(
        "aria-current", "page"
    )


def test_one_row_while_setting_up(server: RunningServer, new_context: Any) -> None:
    page = new_context(viewport=PHONE).new_page()
    open_launch_link(page, server)
    expect_one_row(page, "/welcome", unlocked=False)
    fill_welcome(page, country="United Kingdom")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery key")
    # No menu until the recovery key is saved, but Lock and Pause are there already.
    expect(menu_button(page)).to_have_count(0)
    expect_one_row(page, "/welcome/recovery-key", unlocked=True, menu=False)


def test_locked_pages_on_a_phone(open_app: OpenApp) -> None:
    page = open_app.page("/", viewport=PHONE)
    lock(page)
    expect_one_row(page, "/unlock", unlocked=False)
    expect(menu_button(page)).to_have_count(0)
    help_now_link(page).click()
    expect_one_row(page, "/help while locked", unlocked=False)
    page.goto(open_app.server.url("/unlock"))
    unlock(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("How are you right now?")


def test_a_wide_screen_shows_the_whole_navigation(open_app: OpenApp) -> None:
    page = open_app.page("/journal", viewport=DESKTOP)
    expect(menu_button(page)).to_be_hidden()
    nav = main_nav(page)
    expect(nav).to_be_visible()
    expect(nav.get_by_role("link", name="Journal")).to_have_attribute("aria-current", "page")
    expect(nav.get_by_role("link", name="Search")).to_be_visible()
    for control in (help_now_link(page), pause_control(page), lock_button(page)):
        expect(control).to_be_in_viewport()


def test_the_menu_is_accessible(open_app: OpenApp) -> None:
    page = open_app.page("/journal", viewport=PHONE, bypass_csp=True)
    assert_accessible_light_and_dark(page, "/journal at 360 px, menu closed")
    menu_button(page).click()
    expect(main_nav(page)).to_be_visible()
    assert_accessible_light_and_dark(page, "/journal at 360 px, menu open")
    menu_button(page).focus()
    page.keyboard.press("Enter")
    expect(main_nav(page)).to_be_hidden()
