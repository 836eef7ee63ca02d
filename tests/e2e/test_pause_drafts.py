"""A pause's text boxes keep what was typed: saved as the person types (htmx), before the
header's Lock, and when the page is left by a link or closed."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.conftest import OpenApp
from tests.e2e.flows import header, lock, path_of, unlock

TRIES = 20  # a page left by a link or closed sends its last words as it goes: look again


def pause_button(page: Page) -> Any:
    return header(page).get_by_role("button", name="Pause", exact=True)


def start_pause(page: Page) -> str:
    """Close a pause an earlier test left open, then press Pause; returns its address."""
    page.goto(re.sub(r"(http://127\.0\.0\.1:\d+).*", r"\1/pause", page.url))
    still_open = page.get_by_role("link", name="Go back to it")
    if still_open.count():
        still_open.click()
        page.get_by_role("button", name="Stop without finishing").click()
        expect(page.get_by_text("Stopped. Everything you wrote is saved.")).to_be_visible()
    pause_button(page).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pause")
    page.wait_for_load_state("load")  # htmx and pause.js are ready
    return path_of(page)


def expect_kept(open_app: OpenApp, page: Page, address: str, label: str, text: str) -> None:
    """Open the pause again until the box shows ``text`` (its last draft may still be on its
    way when the page was left), a few times at most."""
    box = page.get_by_label(label)
    for _ in range(TRIES):
        page.goto(open_app.server.url(address))
        if box.input_value() == text:
            break
    expect(box).to_have_value(text)


def test_typing_is_saved_and_a_nav_link_loses_nothing(open_app: OpenApp) -> None:
    page = open_app.page("/")
    address = start_pause(page)
    page.get_by_label("The message you want to send").fill("Waiting here, not sent.")
    status = page.locator("#message-draft")
    expect(status).to_have_text(re.compile(r"^Saved in your vault at \d\d:\d\d\.$"))
    expect(page.locator("#now-draft")).to_have_text("")  # only the box typed in says so

    page.get_by_label("What happened, in a few words?").fill("No reply since 23:10")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Journal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Journal")
    expect_kept(open_app, page, address, "What happened, in a few words?", "No reply since 23:10")
    expect(page.get_by_label("The message you want to send")).to_have_value(
        "Waiting here, not sent."
    )


def test_lock_saves_what_was_just_typed(open_app: OpenApp) -> None:
    page = open_app.page("/")
    address = start_pause(page)
    page.get_by_label("What I'm telling myself").fill("He's busy.\nHe's leaving me.")
    lock(page)  # at once: no time for the typing pause that saves a draft
    unlock(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("How are you right now?")
    page.goto(open_app.server.url(address))
    expect(page.get_by_label("What I'm telling myself")).to_have_value(
        "He's busy.\nHe's leaving me."
    )


def test_closing_the_tab_keeps_what_was_typed(open_app: OpenApp) -> None:
    page = open_app.page("/")
    address = start_pause(page)
    page.get_by_label("The message you want to send").fill("Typed, then the tab closed.")
    context = page.context
    page.close(run_before_unload=True)
    again = context.new_page()
    expect_kept(
        open_app, again, address, "The message you want to send", "Typed, then the tab closed."
    )


def test_a_draft_that_cannot_be_saved_says_so(open_app: OpenApp) -> None:
    page = open_app.page("/")
    start_pause(page)
    other = page.context.new_page()
    other.goto(open_app.server.url("/"))
    lock(other)
    page.get_by_label("The message you want to send").fill("After the lock.")
    expect(page.locator("#message-draft")).to_have_text(
        re.compile("^Not saved: Anchored has locked")
    )
    # The button still carries it through unlocking.
    page.get_by_role("button", name="Keep it here").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome back")
    unlock(page)
    page.get_by_role("button", name="Save it now").click()
    expect(page.get_by_label("The message you want to send")).to_have_value("After the lock.")


def test_without_javascript_only_the_buttons_save(open_app: OpenApp) -> None:
    page = open_app.page("/", java_script_enabled=False)
    address = start_pause(page)
    page.get_by_label("The message you want to send").fill("Kept by the button.")
    expect(page.locator("#message-draft")).to_have_text("")  # nothing claims a save
    page.get_by_role("button", name="Keep it here").click()
    expect(page.locator("#message").get_by_role("status").first).to_have_text(
        "Saved in your vault."
    )
    page.goto(open_app.server.url(address))
    expect(page.get_by_label("The message you want to send")).to_have_value("Kept by the button.")
