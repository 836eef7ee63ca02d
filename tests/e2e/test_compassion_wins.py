"""Self-compassion and wins in the browser: the break with JavaScript on and off, a win
logged in one tap after a pause, axe in light and dark, and the pages fit a 360 px phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import OpenApp
from tests.e2e.flows import (
    SCHEMES,
    assert_accessible_light_and_dark,
    header,
    path_of,
)

PHONE = {"width": 360, "height": 740}


def expect_fits(page: Page, where: str) -> None:
    expect(page.get_by_role("main")).to_be_visible()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{where} scrolls sideways: {width}px wide"


def rate(page: Page, question: str, value: int) -> None:
    page.get_by_role("group", name=question).get_by_role(
        "radio", name=str(value), exact=True
    ).check()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_self_compassion_break(open_app: OpenApp, javascript: bool) -> None:
    page = open_app.page("/self-compassion", viewport=PHONE, java_script_enabled=javascript)
    expect_fits(page, "/self-compassion")
    page.get_by_role("link", name="Start a break").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A self-compassion break")
    rate(page, "How hard does this moment feel?", 7)
    page.get_by_role("button", name="Begin").click()

    titles = ["Notice the hurt", "You are not alone in this", "A kind word for yourself"]
    for number, title in enumerate(titles, start=1):
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.get_by_text(f"Part {number} of 3")).to_be_visible()
        timer = page.get_by_role("timer")
        if javascript:  # a gentle minute, counting down; it never moves on by itself
            expect(timer).to_have_text(re.compile(r"^A gentle minute: [01]:\d\d$"))
        else:
            expect(timer).to_be_hidden()
        expect_fits(page, title)
        name = "How is it now?" if number == 3 else "Next"
        page.get_by_role("main").get_by_role("link", name=name, exact=True).click()

    expect(page.get_by_role("group", name="How hard does this moment feel now?")).to_contain_text(
        "At the start it was 7."
    )
    rate(page, "How hard does this moment feel now?", 4)
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_role("status")).to_have_text(
        "Saved. You were kind to yourself, and that is a skill you just practised."
    )
    expect(page.get_by_text("A little lighter than when you started.")).to_be_visible()
    page.get_by_role("link", name="Self-compassion", exact=True).click()
    expect(page.get_by_role("table")).to_contain_text("7 → 4")


def test_a_win_in_one_tap_after_a_pause(open_app: OpenApp) -> None:
    """Without JavaScript: the one-tap form is a plain POST."""
    page = open_app.page("/pause", java_script_enabled=False)
    still_open = page.get_by_role("link", name="Go back to it")
    if still_open.count():
        still_open.click()
        page.get_by_role("button", name="Stop without finishing").click()
    header(page).get_by_role("button", name="Pause", exact=True).click()
    page.get_by_label("The message you want to send").fill("Why aren't you answering?")
    page.get_by_role("button", name="End now").click()
    page.get_by_label("Don't send it").check()
    page.get_by_role("button", name="Save and finish").click()
    expect(page.get_by_role("heading", name="That was a win")).to_be_visible()

    page.get_by_role("button", name="Log it as a win").click()
    assert re.fullmatch(r"/pause/\d+\?win=1", path_of(page)), page.url
    expect(page.get_by_text("Logged in your wins. Waiting took strength.")).to_be_visible()
    expect(page.get_by_role("button", name="Log it as a win")).to_have_count(0)
    page.get_by_role("link", name="a win", exact=True).click()
    expect(page.get_by_text("and didn't send the message.")).to_be_visible()
    expect(page.get_by_text("Logged after a pause")).to_be_visible()

    page.goto(open_app.server.url("/wins/far"))
    expect(page.get_by_role("heading", name="A few of your wins")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("1")


def test_the_pages_are_accessible_and_fit_a_phone(open_app: OpenApp) -> None:
    page = open_app.page("/wins/new", bypass_csp=True)
    page.get_by_label("Your win").fill("Went to bed without checking his status.")
    page.get_by_label("What it took").fill("Leaving the phone in the kitchen.")
    page.get_by_role("button", name="Save win").click()
    expect(page.get_by_role("status")).to_have_text("Saved. That's a win worth noticing.")
    page.goto(open_app.server.url("/self-compassion/phrases?starter=0"))
    page.get_by_role("button", name="Save phrase").click()
    expect(page.get_by_role("status")).to_have_text("Saved.")
    paths = [
        "/self-compassion",
        "/self-compassion/break",
        "/self-compassion/phrases",
        "/self-compassion/letter",
        "/wins",
        "/wins/new",
        "/wins/far",
        "/wins/affirmations",
    ]
    for path in paths:
        page.goto(open_app.server.url(path))
        assert_accessible_light_and_dark(page, f"{path}")
    page.set_viewport_size(PHONE)
    for path in paths:
        page.goto(open_app.server.url(path))
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            expect_fits(page, f"{path} at 360 px ({scheme})")
