"""Scripts, the trust log and the life-story timeline in the browser: build and rehearse a
script with JavaScript (the timer, the Copy button) and without (a plain note), a trust
moment and its count, the life story's "enough for today"; axe-core in light and dark, and a
360 px phone screen."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import OpenApp
from tests.e2e.flows import assert_accessible_light_and_dark, path_of
from tests.e2e.test_small_screen import PHONE, expect_fits

LONG_WORD = "a" * 120


def _build_script(page: Page, situation: str, request: str) -> str:
    page.get_by_role("link", name="Ask for what you need").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for what you need")
    page.get_by_label("What happened? (facts only)").fill(situation)
    page.get_by_label("What do I feel?").fill("Anxious")
    page.get_by_label("What would I like them to do?").fill(request)
    page.get_by_role("button", name="Put it together").click()
    expect(page.get_by_role("status").first).to_have_text("Saved.")
    return path_of(page).split("?", 1)[0]


def test_build_a_script_and_rehearse_it_with_and_without_javascript(open_app: OpenApp) -> None:
    page = open_app.page("/tools")
    page.get_by_role("link", name="Scripts").click()
    address = _build_script(page, "You never text when you're late", "text me if you'll be late")
    words = page.locator("#script-words")
    expect(words).to_have_text(
        "When you never text when you're late, I feel anxious. "
        "Would you be willing to text me if you'll be late?"
    )
    expect(page.get_by_role("heading", name="A gentle suggestion")).to_be_visible()
    expect(page.get_by_role("button", name="Copy")).to_be_visible()

    page.get_by_role("link", name="Rehearse").click()
    start = page.get_by_role("button", name="Start 30 seconds")
    start.click()
    expect(page.get_by_role("status")).to_have_text("Started. Read it aloud, slowly.")
    expect(start).to_be_disabled()
    page.get_by_label("How did it feel to say it?").select_option("7")
    page.get_by_role("button", name="Save how it felt").click()
    expect(page.get_by_role("status").first).to_have_text("Your rehearsal is noted.")
    expect(page.locator(".rehearsals td").last).to_have_text("7")

    plain = open_app.page(f"{address}/rehearse", java_script_enabled=False)
    expect(plain.get_by_text("Take 30 seconds; there is no rush.")).to_be_visible()
    expect(plain.get_by_role("button", name="Start 30 seconds")).to_be_hidden()
    plain.get_by_label("How did it feel to say it?").select_option("9")
    plain.get_by_role("button", name="Save how it felt").click()
    expect(plain.locator(".rehearsals td").last).to_have_text("9")
    expect(plain.get_by_role("button", name="Copy")).to_be_hidden()


def test_a_trust_moment_and_a_paced_life_story(open_app: OpenApp) -> None:
    page = open_app.page("/trust")
    page.get_by_role("link", name="Note a moment").click()
    page.get_by_label("Who?").fill("Maya")
    page.get_by_label("What did they say they would do?").fill("Call after her meeting")
    page.get_by_label("Yes, they did").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("Saved.")
    page.get_by_role("link", name="The trust log").click()
    row = page.get_by_role("row", name="Maya")
    expect(row.get_by_role("cell")).to_have_text(["1", "0"])

    page.goto(open_app.server.url("/life-story"))
    for age, title in (("7", "Dad moved out"), ("9", "A new school"), ("4", "Grandma's house")):
        page.goto(open_app.server.url("/life-story/new"))
        page.get_by_label("Your age").fill(age)
        page.get_by_label("What happened, in a few words").fill(title)
        page.get_by_label("A note").fill(f"Private note about {title}.")
        page.get_by_role("button", name="Save event").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("heading", name="That's enough for today")).to_be_visible()
    page.get_by_role("link", name="Look at your timeline").click()
    timeline = page.locator(".story-timeline li")
    expect(timeline).to_have_text(
        ["Age 4 Grandma's house", "Age 7 Dad moved out", "Age 9 A new school"]
    )
    expect(page.get_by_role("main")).not_to_contain_text("Private note")
    expect(page.get_by_role("link", name="Help now").last).to_be_visible()

    page.get_by_role("link", name="Add an event").first.click()
    expect(page.get_by_label("What happened, in a few words")).to_have_count(0)
    page.get_by_role("button", name="I'd like to add one more today").click()
    expect(page.get_by_label("What happened, in a few words")).to_be_visible()


def test_the_pages_pass_axe(open_app: OpenApp) -> None:
    page = open_app.page("/scripts", bypass_csp=True)
    assert_accessible_light_and_dark(page, "/scripts")
    address = _build_script(page, "Checked by axe", "tell me")
    assert_accessible_light_and_dark(page, "a script")
    for path in (
        f"{address}/rehearse",
        f"{address}/edit",
        "/scripts/new?kind=repair",
        "/trust",
        "/trust/new",
        "/life-story",
        "/life-story/new",
    ):
        page.goto(open_app.server.url(path))
        assert_accessible_light_and_dark(page, path)
    page.goto(open_app.server.url("/trust/new"))
    page.get_by_label("Who?").fill(" ")
    page.get_by_label("What did they say they would do?").fill(" ")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible_light_and_dark(page, "/trust/new with errors")


def test_the_pages_fit_a_phone(open_app: OpenApp) -> None:
    page = open_app.page("/scripts", viewport=PHONE)
    address = _build_script(page, f"Long {LONG_WORD}", f"ask {LONG_WORD}")
    paths = [
        "/scripts",
        "/scripts/new",
        address,
        f"{address}/rehearse",
        "/trust",
        "/trust/new",
        "/life-story",
        "/life-story/new",
    ]
    for path in paths:
        page.goto(open_app.server.url(path))
        expect_fits(page, path, unlocked=True)
