"""Crisis language in the journal: saved as usual, and the help card comes first."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import OpenApp
from tests.e2e.flows import assert_accessible

NEEDS_TEXT_MODEL = True  # read by the shared_app fixture

CRISIS = "Since he left I keep thinking everyone would be better off without me."


def test_crisis_sentence_is_saved_and_the_help_card_shows_first(open_app: OpenApp) -> None:
    page = open_app.page("/journal/new", bypass_csp=True)  # only so axe-core can be injected
    page.get_by_label("What's on your mind?").fill(CRISIS)
    page.get_by_role("button", name="Save entry").click()

    card = page.get_by_role("region", name="Before anything else")
    expect(card).to_be_visible()
    expect(card).to_contain_text("Nobody has been alerted")
    expect(card.get_by_role("link", name="Open my safety plan")).to_be_visible()
    # The card is the first thing in the page's main content, before the saved entry.
    first = page.locator("main > *").first
    expect(first).to_have_attribute("aria-labelledby", "support-heading")
    expect(page.get_by_role("article")).to_contain_text(CRISIS)
    assert_accessible(page, "help card after a journal entry")

    card.get_by_role("link", name="Open my safety plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My safety plan")


def test_ordinary_entry_shows_no_card(open_app: OpenApp) -> None:
    page = open_app.page("/journal/new")
    page.get_by_label("What's on your mind?").fill("We talked it through and it felt better.")
    page.get_by_role("button", name="Save entry").click()
    expect(page.get_by_role("status")).to_have_text("Saved.")
    expect(page.get_by_role("region", name="Before anything else")).to_have_count(0)
