"""Feeling suggestions in the browser: under the check-in's note as typing pauses (JavaScript
on), and under a journal entry after pressing "Suggest feelings" (JavaScript off)."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

from tests.e2e.conftest import OpenApp
from tests.e2e.flows import SCHEMES, assert_accessible, path_of

NEEDS_TEXT_MODEL = True  # read by the shared_app fixture

SAD = "I cried all evening. I feel so sad and heartbroken since she left"
PHONE = {"width": 360, "height": 740}


def _write_until_suggested(box: Locator, ideas: Locator) -> None:
    """Write; if the model is still loading nothing shows, so write on as a person would
    (each pause asks again) until the suggestions come."""
    box.fill(SAD)
    for _ in range(15):
        try:
            expect(ideas.first).to_be_visible(timeout=2500)
            return
        except AssertionError:
            box.press("End")
            box.press_sequentially(".")
    raise AssertionError("no feeling suggestions appeared")


def test_check_in_suggestions_appear_as_typing_pauses(open_app: OpenApp) -> None:
    page = open_app.page("/check-in", bypass_csp=True, viewport=PHONE)
    part = page.get_by_role("region", name="Words for what you wrote")
    expect(part.get_by_role("button", name="Suggest feelings")).to_be_visible()
    ideas = part.get_by_role("checkbox")
    _write_until_suggested(page.get_by_label("A note for yourself"), ideas)
    assert path_of(page) == "/check-in"  # no page load: only the suggestions came
    expect(part).to_contain_text("It sounds like you might be feeling")
    assert 1 <= ideas.count() <= 3
    word = ideas.first.get_attribute("value")
    name = part.locator(f'label[for="suggested-{word}"]').inner_text()
    ideas.first.check()
    expect(page.locator(f"#emotion-{word}")).to_be_checked()  # the same word in the list
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
        assert scroll_width <= PHONE["width"], f"the check-in scrolls sideways: {scroll_width}px"
        assert_accessible(
            page, f"check-in with feeling suggestions ({scheme})", colours_only=scheme == "dark"
        )
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("check-ins", re.I))
    expect(page.locator(".just-saved")).to_contain_text(name)


def test_journal_suggestions_without_javascript_keep_the_entry(open_app: OpenApp) -> None:
    page = open_app.page("/journal/new", java_script_enabled=False)
    page.get_by_label("Title").fill("Sunday night")
    page.get_by_label("What's on your mind?").fill(SAD)
    part = page.get_by_role("region", name="Words for how you feel")
    expect(part).not_to_contain_text("It sounds like")
    part.get_by_role("button", name="Suggest feelings").click()
    expect(part).to_contain_text("It sounds like you might be feeling")
    assert page.url.endswith("#feeling-suggestions")  # the page opens at the suggestions
    expect(page.get_by_label("Title")).to_have_value("Sunday night")
    expect(page.get_by_label("What's on your mind?")).to_have_value(SAD)
    box = part.get_by_role("checkbox").first
    name = part.locator(f'label[for="{box.get_attribute("id")}"]').inner_text()
    box.check()
    page.get_by_role("button", name="Save entry").click()
    expect(page.get_by_role("status")).to_have_text("Saved.")
    expect(page.get_by_role("article")).to_contain_text(f"Feelings: {name.lower()}.")
