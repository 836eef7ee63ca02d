"""Settings in the browser: the theme overrides the system's light or dark and stays while
locked; the passphrase changes with JavaScript off; reminders offer their calendar file;
axe in light and dark and a 360 px phone on the main pages."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import OpenApp
from tests.e2e.flows import PASSPHRASE, SCHEMES, assert_accessible, lock, unlock
from tests.e2e.test_small_screen import PHONE, expect_fits

NEW_PASSPHRASE = "seven quiet boats at the harbour wall"
LIGHT_BG = "rgb(247, 245, 240)"
DARK_BG = "rgb(21, 27, 28)"


def background(page: Page) -> str:
    return str(page.evaluate("() => getComputedStyle(document.body).backgroundColor"))


def choose_theme(page: Page, label: str) -> None:
    page.get_by_label(label).check()
    page.get_by_role("button", name="Save how it looks").click()
    expect(page.get_by_role("status")).to_contain_text("Saved.")


def test_theme_persists_while_locked_and_pages_are_accessible(open_app: OpenApp) -> None:
    page = open_app.page("/settings", color_scheme="light")
    expect(page.get_by_role("heading", level=1)).to_have_text("Settings")
    assert background(page) == LIGHT_BG
    choose_theme(page, "Always dark")
    assert background(page) == DARK_BG  # dark although the system asks for light
    lock(page)
    assert background(page) == DARK_BG  # the unlock page follows it too
    page.goto(open_app.server.url("/help"))
    assert background(page) == DARK_BG
    page.goto(open_app.server.url("/settings"))
    unlock(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Settings")
    choose_theme(page, "Always light")
    assert background(page) == LIGHT_BG
    choose_theme(page, "Like this device (light or dark as it is set)")
    page.context.close()

    dark = open_app.page("/settings", color_scheme="dark")
    assert background(dark) == DARK_BG  # the system's choice again
    dark.context.close()

    page = open_app.page("/settings", viewport=PHONE, bypass_csp=True)
    for path in ("/settings", "/settings/reminders", "/settings/passphrase"):
        page.goto(open_app.server.url(path))
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            expect_fits(page, f"{path} ({scheme})", unlocked=True)
            if path != "/settings/passphrase" or scheme == "light":
                assert_accessible(page, f"{path}, phone, {scheme}")
    page.context.close()
    page = open_app.page("/settings/reminders", color_scheme="dark", bypass_csp=True)
    page.get_by_label("Remind me").first.check()
    page.get_by_role("button", name="Save my reminders").click()
    expect(page.get_by_role("status")).to_contain_text("Saved.")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the calendar file").click()
    assert download.value.suggested_filename == "anchored-reminders.ics"
    assert_accessible(page, "/settings/reminders saved, dark")


def test_change_the_passphrase_without_javascript(open_app: OpenApp) -> None:
    page = open_app.page("/settings", java_script_enabled=False)
    page.get_by_role("link", name="Change your passphrase").click()
    page.get_by_label("Your passphrase now").fill("not my passphrase at all")
    page.get_by_label("New passphrase", exact=True).fill(NEW_PASSPHRASE)
    page.get_by_label("The new passphrase again").fill(NEW_PASSPHRASE)
    page.get_by_role("button", name="Change my passphrase").click()
    expect(page.get_by_text("not the passphrase that unlocks Anchored now")).to_be_visible()
    expect(page.get_by_label("New passphrase", exact=True)).to_have_value("")  # never echoed

    page.get_by_label("Your passphrase now").fill(PASSPHRASE)
    page.get_by_label("New passphrase", exact=True).fill(NEW_PASSPHRASE)
    page.get_by_label("The new passphrase again").fill(NEW_PASSPHRASE)
    page.get_by_role("button", name="Change my passphrase").click()
    expect(page.get_by_role("status")).to_contain_text("Your passphrase is changed")
    open_app.app.passphrase = NEW_PASSPHRASE  # for any later test of this module's app

    lock(page)
    unlock(page, PASSPHRASE)
    expect(page.get_by_role("alert")).to_contain_text("didn't open your vault")
    unlock(page, NEW_PASSPHRASE)
    expect(page.get_by_role("heading", level=1)).to_have_text("How are you right now?")
