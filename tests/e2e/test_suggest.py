"""On-device text help in the browser: the help card for crisis words the rules miss, and trap
suggestions on the thought record with JavaScript on (fetched at once) and off (a button)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from anchored.core.crisis import check as rules
from tests.e2e.conftest import OpenApp
from tests.e2e.flows import SCHEMES, assert_accessible, path_of

NEEDS_TEXT_MODEL = True  # read by the shared_app fixture

# Written for this test; the rules alone do not match it (asserted below).
MISSED_BY_RULES = "I walked to the top of the car park and looked over the edge for ages."
THOUGHT = "He hasn't answered in three hours, he must be bored of me"
PHONE = {"width": 360, "height": 740}


def test_the_help_card_shows_for_crisis_words_the_rules_miss(open_app: OpenApp) -> None:
    assert not rules(MISSED_BY_RULES)
    page = open_app.page("/journal/new")
    page.get_by_label("What's on your mind?").fill(MISSED_BY_RULES)
    page.get_by_role("button", name="Save entry").click()
    card = page.get_by_role("region", name="Before anything else")
    expect(card).to_be_visible()
    expect(page.get_by_role("article")).to_contain_text(MISSED_BY_RULES)


def _record_at_traps(page: Page) -> str:
    page.goto(re.sub(r"(http://127\.0\.0\.1:\d+).*", r"\1/thought-records/new", page.url))
    page.get_by_label("What happened?").fill("I texted him at lunch.")
    page.get_by_role("button", name="Save and continue", exact=True).click()
    page.get_by_label("What went through your mind?").fill(THOUGHT)
    page.get_by_role("button", name="Save and continue", exact=True).click()
    address = re.sub(r"/emotions$", "", path_of(page))
    page.get_by_label("Anxious", exact=True).check()
    page.get_by_label("Anxious: how strong, 0 to 10").fill("7")
    page.get_by_role("button", name="Save and continue", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thinking traps")
    return address


def _expect_suggestions(page: Page) -> None:
    ideas = page.get_by_role("region", name="Ideas to check")
    expect(ideas).to_contain_text("This might be")
    expect(ideas).to_contain_text(THOUGHT)
    names = ideas.locator("li strong").all_inner_texts()
    assert {"mind reading", "fortune telling"} & set(names), names


def test_trap_suggestions_appear_at_once_with_javascript(open_app: OpenApp) -> None:
    page = open_app.page("/", bypass_csp=True, viewport=PHONE)
    _record_at_traps(page)
    _expect_suggestions(page)
    expect(page.get_by_role("link", name="Suggest traps")).to_have_count(0)
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
        assert scroll_width <= PHONE["width"], f"the traps step scrolls sideways: {scroll_width}px"
        assert_accessible(page, f"trap suggestions ({scheme})")
    page.get_by_label("Mind reading").check()  # ticking is the person's own choice
    page.get_by_role("button", name="Save and continue", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fact or feeling?")


def test_without_javascript_suggestions_come_after_pressing_the_button(open_app: OpenApp) -> None:
    page = open_app.page("/", java_script_enabled=False)
    _record_at_traps(page)
    ideas = page.get_by_role("region", name="Ideas to check")
    expect(ideas).not_to_contain_text("This might be")
    page.get_by_role("link", name="Suggest traps").click()
    _expect_suggestions(page)
