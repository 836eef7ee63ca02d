"""Help now: reachable while locked and without any session, and it changes country."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.conftest import OpenApp, SharedApp
from tests.e2e.flows import expect_path, help_now_link, lock, lock_button

NOT_MONITORED = "Anchored does not monitor what you write and does not alert anyone."


def expect_help_for(page: Page, country: str, emergency: str, line: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Help now")
    emergency_card = page.get_by_role("region", name=re.compile("immediate danger", re.I))
    expect(emergency_card).to_contain_text(country)
    expect(emergency_card.get_by_role("link", name=emergency, exact=True)).to_have_attribute(
        "href", f"tel:{emergency}"
    )
    lines = page.get_by_role("region", name=re.compile("talk to someone", re.I))
    expect(lines).to_contain_text(country)
    expect(lines.get_by_role("listitem").first).to_be_visible()
    expect(lines).to_contain_text(line)
    expect(page.get_by_text(NOT_MONITORED)).to_be_visible()


def test_help_now_from_the_locked_screen(open_app: OpenApp) -> None:
    page = open_app.page("/")
    lock(page)

    help_now_link(page).click()
    expect_path(page, "/help")
    expect_help_for(page, "United Kingdom", "999", "Samaritans")
    expect(page.get_by_text("112 also works.")).to_be_visible()
    expect(lock_button(page)).to_have_count(0)

    page.get_by_label("Country", exact=True).select_option(label="United States")
    page.get_by_role("button", name="Show help lines").click()
    expect_path(page, "/help?country=US")
    expect_help_for(page, "United States", "911", "988 Suicide & Crisis Lifeline")
    expect(page.get_by_role("link", name="988", exact=True)).to_have_attribute("href", "tel:988")
    # Locked: looking at another country must not offer to save it.
    expect(page.get_by_role("button", name="Make United States my country")).to_have_count(0)


def test_help_now_without_a_session(shared_app: SharedApp, new_context: Any) -> None:
    server = shared_app.server
    page = new_context().new_page()
    page.goto(server.url("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Open Anchored from its own link")
    expect(lock_button(page)).to_have_count(0)
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)
    expect(page.get_by_role("link", name="Journal")).to_have_count(0)

    page.get_by_role("main").get_by_role("link", name="Help now").click()
    expect_help_for(page, "United Kingdom", "999", "Samaritans")

    page.goto(server.url("/journal"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Open Anchored from its own link")
    help_now_link(page).click()
    expect_help_for(page, "United Kingdom", "999", "Samaritans")

    page.get_by_label("Country", exact=True).select_option(label="Canada")
    page.get_by_role("button", name="Show help lines").click()
    expect_help_for(page, "Canada", "911", "988")


def test_make_another_country_mine(open_app: OpenApp) -> None:
    page = open_app.page("/help?country=US")
    expect_help_for(page, "United States", "911", "988")
    page.get_by_role("button", name="Make United States my country").click()
    expect_path(page, "/help?country=US")
    expect(page.get_by_role("button", name="Make United States my country")).to_have_count(0)

    help_now_link(page).click()
    expect_help_for(page, "United States", "911", "988")

    page.get_by_label("Country", exact=True).select_option(label="United Kingdom")
    page.get_by_role("button", name="Show help lines").click()
    page.get_by_role("button", name="Make United Kingdom my country").click()
    help_now_link(page).click()
    expect_help_for(page, "United Kingdom", "999", "Samaritans")
