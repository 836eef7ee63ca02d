"""Support people and the secure-base kit in the browser: add someone, walk the kit after a
pause (JavaScript on and off), copy a reach-out message, axe in light and dark, 360 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import OpenApp
from tests.e2e.flows import SCHEMES, assert_accessible_light_and_dark, header, path_of
from tests.e2e.test_small_screen import PHONE, expect_fits


def add_person(page: Page, name: str, phone: str) -> None:
    """From any page: add someone through the Support people pages."""
    page.goto(re.sub(r"(http://127\.0\.0\.1:\d+).*", r"\1/people", page.url))
    page.get_by_role("link", name=re.compile("^Add (someone|your first person)$")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add someone")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Phone").fill("ring me")  # refused plainly; nothing is lost
    page.get_by_label("Listening").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Use digits, spaces and + ( ) - only")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value(name)
    expect(page.get_by_label("Listening")).to_be_checked()
    page.get_by_label("Phone").fill(phone)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("Saved.")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def finish_a_pause(page: Page) -> None:
    """Close a pause an earlier test left open, then pause, end early and finish."""
    page.goto(re.sub(r"(http://127\.0\.0\.1:\d+).*", r"\1/pause", page.url))
    still_open = page.get_by_role("link", name="Go back to it")
    if still_open.count():
        still_open.click()
        page.get_by_role("button", name="Stop without finishing").click()
    header(page).get_by_role("button", name="Pause", exact=True).click()
    page.get_by_role("button", name="End now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your pause has ended")
    page.get_by_role("button", name="Save and finish").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pause on")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_kit_after_a_pause_holds_a_person_to_call(open_app: OpenApp, javascript: bool) -> None:
    name = "Maya" if javascript else "Jo"
    page = open_app.page("/", java_script_enabled=javascript)
    add_person(page, name, "07700 900123")
    finish_a_pause(page)

    offer = page.get_by_role("region", name="Lean on your secure base")
    offer.get_by_role("link", name="Open my secure-base kit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your secure base")
    person = page.get_by_role("region", name="Someone in your corner")
    today = person.locator(".kit-text").inner_text()
    assert today in {"Maya", "Jo"}
    expect(person.get_by_role("link", name="Call 07700 900123")).to_have_attribute(
        "href", "tel:07700900123"
    )
    expect(person.get_by_role("link", name="Text 07700 900123")).to_have_attribute(
        "href", "sms:07700900123"
    )
    page.reload()
    expect(person.locator(".kit-text")).to_have_text(today)  # the same all day

    page.get_by_role("link", name="Show me another").click()
    assert path_of(page) == "/secure-base?another=1"
    expect(page.get_by_role("region", name="Someone in your corner")).to_be_visible()
    page.get_by_role("link", name="Back to today's").click()
    assert path_of(page) == "/secure-base"


def test_reach_out_copies_and_the_pages_are_accessible_and_fit(open_app: OpenApp) -> None:
    context = open_app.context(bypass_csp=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(open_app.server.url("/people"))
    if page.get_by_text("Nobody here yet").count():
        assert_accessible_light_and_dark(page, "/people, empty")
        add_person(page, "Sam", "+44 7700 900123")
    page.goto(open_app.server.url("/people"))
    assert_accessible_light_and_dark(page, "/people")
    page.goto(open_app.server.url("/people/new"))
    assert_accessible_light_and_dark(page, "/people/new")

    page.goto(open_app.server.url("/people"))
    page.get_by_role("link", name=re.compile("^Draft a message to ")).first.click()
    page.get_by_label("What I'd like to share").fill("Rough evening, feeling a bit alone.")
    page.get_by_label("Just to listen for a bit").check()
    page.get_by_role("button", name="Put my message together").click()
    message = page.get_by_label("The message, to select and copy (change anything you like)")
    expect(message).to_have_value(re.compile(r"^Hi .+,\n\nRough evening, feeling a bit alone\."))
    page.get_by_role("button", name="Copy the message").click()
    expect(page.get_by_text("Copied. Nothing was sent")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == message.input_value()
    assert_accessible_light_and_dark(page, "/people/reach-out with a message")

    page.goto(open_app.server.url("/secure-base"))
    assert_accessible_light_and_dark(page, "/secure-base")
    page.goto(open_app.server.url("/"))
    expect(page.get_by_role("region", name="From your secure base")).to_be_visible()
    context.close()

    small = open_app.page("/", viewport=PHONE)
    for path in ("/people", "/people/new", "/people/reach-out", "/secure-base", "/"):
        small.goto(open_app.server.url(path))
        for scheme in SCHEMES:
            small.emulate_media(color_scheme=scheme)
            expect_fits(small, f"{path} ({scheme})", unlocked=True)
    small.context.close()
