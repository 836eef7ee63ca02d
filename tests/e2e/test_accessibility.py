"""axe-core on every page, light and dark: no serious or critical violations.

axe is injected as a script tag, which the app's CSP forbids, so these contexts bypass CSP.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import OpenApp, RunningServer, SharedApp
from tests.e2e.flows import (
    WRONG_PASSPHRASE,
    assert_accessible_light_and_dark,
    axe_violations,
    confirm_recovery_key,
    fill_welcome,
    lock,
    open_launch_link,
    unlock,
    unlock_if_locked,
    write_entry,
)


def test_onboarding(server: RunningServer, new_context: Any) -> None:
    page = new_context(bypass_csp=True).new_page()
    open_launch_link(page, server)
    assert_accessible_light_and_dark(page, "/welcome")

    page.get_by_role("button", name="Create my private vault").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert_accessible_light_and_dark(page, "/welcome with errors")

    fill_welcome(page, country="United Kingdom")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery key")
    assert_accessible_light_and_dark(page, "/welcome/recovery-key")
    confirm_recovery_key(page)
    assert_accessible_light_and_dark(page, "home, first visit")


@pytest.mark.parametrize(
    "path", ["/", "/journal", "/journal/new", "/help", "/about", "/safety-plan/print"]
)
def test_unlocked_pages(open_app: OpenApp, path: str) -> None:
    page = open_app.page(path, bypass_csp=True)
    expect(page.get_by_role("main")).to_be_visible()
    assert_accessible_light_and_dark(page, path)


def test_journal_entry_pages(open_app: OpenApp) -> None:
    page = open_app.page("/", bypass_csp=True)
    write_entry(page, title="Checked by axe", body="A line to look at.\nAnd another.")
    assert_accessible_light_and_dark(page, "journal entry")

    page.get_by_role("link", name="Edit").click()
    assert_accessible_light_and_dark(page, "edit form")
    page.get_by_label("What's on your mind?").fill("   ")  # passes `required`, not the server
    page.get_by_role("button", name="Save entry").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible_light_and_dark(page, "edit form with an error")

    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("main").get_by_role("link", name="Delete").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete this entry?")
    assert_accessible_light_and_dark(page, "delete confirmation")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Journal").click()
    expect(page.get_by_role("link", name="Checked by axe").first).to_be_visible()
    assert_accessible_light_and_dark(page, "journal list with entries")

    page.goto(open_app.server.url("/journal/999999"))
    assert_accessible_light_and_dark(page, "404 page")


def test_locked_pages(open_app: OpenApp) -> None:
    page = open_app.page("/", bypass_csp=True)
    lock(page)
    assert_accessible_light_and_dark(page, "/unlock")

    unlock(page, WRONG_PASSPHRASE)
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible_light_and_dark(page, "/unlock after a wrong passphrase")

    page.get_by_text("Forgot your passphrase?").click()
    expect(page.get_by_label("Recovery key")).to_be_visible()
    assert_accessible_light_and_dark(page, "/unlock with the recovery form open")

    page.goto(open_app.server.url("/help"))
    assert_accessible_light_and_dark(page, "/help while locked")
    page.goto(open_app.server.url("/"))
    unlock_if_locked(page)


def test_pages_without_a_session(shared_app: SharedApp, new_context: Any) -> None:
    page = new_context(bypass_csp=True).new_page()
    page.goto(shared_app.server.url("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Open Anchored from its own link")
    assert_accessible_light_and_dark(page, "no-session page")
    page.goto(shared_app.server.url("/help"))
    assert_accessible_light_and_dark(page, "/help without a session")


def test_keyboard_skip_link(open_app: OpenApp) -> None:
    page = open_app.page("/journal/new")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Title")).to_be_focused()


def test_the_check_itself_reports_what_a_person_would_stumble_on(new_context: Any) -> None:
    """The check above can fail: on a page with an unlabelled field, an image without a text
    and grey-on-grey words, axe reports each as serious or critical; with only the rules that
    read colours, the grey words alone."""
    page = new_context(bypass_csp=True).new_page()
    page.set_content(
        '<html lang="en"><head><title>t</title></head><body><main>'
        '<input type="text"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<p style="color:#bbb;background:#ccc">Hard to read</p></main></body></html>'
    )
    found = {v["id"] for v in axe_violations(page)}
    assert {"label", "image-alt", "color-contrast"} <= found, found
    # The dark scheme's pass (the rules that read colours) finds the grey words too.
    colours = {v["id"] for v in axe_violations(page, colours_only=True)}
    assert colours == {"color-contrast"}, colours
