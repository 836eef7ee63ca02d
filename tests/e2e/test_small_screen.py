"""A 360 px phone screen: no sideways scrolling, and Help now and Lock stay in reach."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import OpenApp, RunningServer
from tests.e2e.flows import (
    confirm_recovery_key,
    fill_welcome,
    help_now_link,
    lock,
    lock_button,
    open_launch_link,
    path_of,
    write_entry,
)

PHONE = {"width": 360, "height": 740}
# One unbroken 120-character "word": long pasted links or keyboard mashing must wrap too.
LONG_WORD = "a" * 120


def expect_fits(page: Page, where: str, *, unlocked: bool) -> None:
    expect(page.get_by_role("main")).to_be_visible()
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"], f"{where} scrolls sideways: {scroll_width}px wide"
    expect(help_now_link(page)).to_be_visible()
    expect(help_now_link(page)).to_be_in_viewport()
    if unlocked:
        expect(lock_button(page)).to_be_visible()
        expect(lock_button(page)).to_be_in_viewport()


def test_onboarding_fits(server: RunningServer, new_context: Any) -> None:
    page = new_context(viewport=PHONE).new_page()
    open_launch_link(page, server)
    expect_fits(page, "/welcome", unlocked=False)

    page.get_by_role("button", name="Create my private vault").click()
    expect_fits(page, "/welcome with errors", unlocked=False)

    fill_welcome(page, country="United Kingdom")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery key")
    expect_fits(page, "/welcome/recovery-key", unlocked=True)
    confirm_recovery_key(page)
    expect_fits(page, "home, first visit", unlocked=True)


@pytest.mark.parametrize("path", ["/", "/journal", "/journal/new", "/help", "/about"])
def test_unlocked_pages_fit(open_app: OpenApp, path: str) -> None:
    page = open_app.page(path, viewport=PHONE)
    expect_fits(page, path, unlocked=True)


def test_long_words_wrap(open_app: OpenApp) -> None:
    page = open_app.page("/", viewport=PHONE)
    address = write_entry(page, title=f"Title {LONG_WORD}", body=f"Body {LONG_WORD} end.")
    too_wide = {}
    journal, home = open_app.server.url("/journal"), open_app.server.url("/")
    for url in (address, f"{address}/edit", f"{address}/delete", journal, home):
        page.goto(url)
        expect(page.get_by_role("main")).to_be_visible()
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path_of(page)] = width
    assert not too_wide, f"pages that scroll sideways with a long title or word: {too_wide}"


def test_locked_pages_fit(open_app: OpenApp) -> None:
    page = open_app.page("/", viewport=PHONE)
    lock(page)
    expect_fits(page, "/unlock", unlocked=False)
    page.get_by_text("Forgot your passphrase?").click()
    expect_fits(page, "/unlock with the recovery form open", unlocked=False)
    help_now_link(page).click()
    expect_fits(page, "/help while locked", unlocked=False)
