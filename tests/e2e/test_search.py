"""One search finds a check-in and a thought record written in the browser, with JavaScript on
(results as you type) and off (the plain form), and each result opens what was written."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import OpenApp
from tests.e2e.flows import assert_accessible


def check_in(page: Page, note: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Check-in").click()
    page.get_by_label("Lonely", exact=True).check()
    page.get_by_label("How strong is lonely, 0 to 10").select_option("6")
    page.get_by_label("A note for yourself").fill(note)
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your check-ins")


def thought_record(page: Page, situation: str, thought: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Thought records").click()
    page.get_by_role("link", name="Start a thought record").click()
    steps = [
        ("What happened?", situation),
        ("What went through your mind?", thought),
    ]
    for label, text in steps:
        page.get_by_label(label).fill(text)
        page.get_by_role("button", name="Save and continue", exact=True).click()
    page.get_by_label("Abandoned", exact=True).check()
    page.get_by_label("Abandoned: how strong, 0 to 10").fill("8")
    page.get_by_role("button", name="Save and continue", exact=True).click()
    page.get_by_label("Fortune telling", exact=True).check()
    page.get_by_role("button", name="Save and continue", exact=True).click()
    page.get_by_label("Evidence against the thought").fill("She came back every other time.")
    page.get_by_role("button", name="Save and continue", exact=True).click()
    page.get_by_label("A more balanced thought").fill("A quiet evening is not a goodbye.")
    page.get_by_role("button", name="Save and continue", exact=True).click()
    page.get_by_label("Abandoned (before: 8)").fill("5")
    page.get_by_role("button", name="Finish", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thought record")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_one_search_finds_a_check_in_and_a_thought_record(
    open_app: OpenApp, javascript: bool
) -> None:
    # A made-up word per run, so results from other tests in the shared app never match.
    word = "lighthousequill" if javascript else "harbourfinch"
    # axe-core is injected as a script, so it needs JavaScript and a CSP bypass in the test.
    page = open_app.page("/", java_script_enabled=javascript, bypass_csp=javascript)
    check_in(page, f"The {word} on the shelf reminded me of our trip.")
    thought_record(page, f"I saw the {word} photo and she had not called.", "She is pulling away.")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    expect(page.get_by_role("main")).to_contain_text("kept only inside your encrypted vault")
    box = page.get_by_role("searchbox", name="Search your writing")
    if javascript:
        box.press_sequentially(f'"{word}', delay=20)  # a stray quote is searched as text
    else:
        box.fill(f'"{word}')
        page.get_by_role("button", name="Search", exact=True).click()
    results = page.locator(".search-list > li")
    expect(page.get_by_role("status")).to_contain_text(f'2 results for “"{word}”')
    expect(results).to_have_count(2)
    expect(results.locator("mark").first).to_have_text(word)
    kinds = sorted(results.locator(".meta").all_inner_texts())
    assert kinds[0].startswith("Check-in ·"), kinds
    assert kinds[1].startswith("Thought record ·"), kinds
    if javascript:
        assert_accessible(page, "search results")

    page.get_by_role("link", name="She is pulling away.").click()
    expect(page.get_by_role("main")).to_contain_text("A quiet evening is not a goodbye.")
    page.go_back()
    page.locator(".search-list > li").filter(has_text="Check-in ·").get_by_role("link").click()
    expect(page.get_by_role("main")).to_contain_text(f"The {word} on the shelf")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_trigger_log_entry_and_an_emoji_are_found(open_app: OpenApp, javascript: bool) -> None:
    """Words written only in a trigger-log entry find it; an emoji on its own is searched for."""
    word, emoji = ("kestrelmoor", "🦉") if javascript else ("wrenhollow", "🦔")
    page = open_app.page("/trigger-log/new", java_script_enabled=javascript, bypass_csp=javascript)
    page.get_by_label("What set it off?").fill(f"He cancelled again {emoji}")
    page.get_by_label("Where might it come from?").fill(f"The {word} summer Dad left.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("main")).to_contain_text(f"The {word} summer Dad left.")

    for query, marked in ((word, word), (emoji, emoji)):
        page.goto(open_app.server.url("/search"))
        box = page.get_by_role("searchbox", name="Search your writing")
        if javascript:
            box.press_sequentially(query, delay=20)
        else:
            box.fill(query)
            page.get_by_role("button", name="Search", exact=True).click()
        expect(page.get_by_role("status")).to_contain_text(f"1 result for “{query}”")
        result = page.locator(".search-list > li")
        expect(result.locator(".meta")).to_contain_text("Trigger log ·")
        expect(result.locator("mark").first).to_have_text(marked)
    page.get_by_role("link", name=f"He cancelled again {emoji}").click()
    expect(page.get_by_role("main")).to_contain_text(f"The {word} summer Dad left.")
