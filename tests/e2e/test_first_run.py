"""First run in the browser: launch link, onboarding, a first entry, lock and unlock."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import SERVER_TZ, RunningServer
from tests.e2e.flows import (
    PASSPHRASE,
    WRONG_PASSPHRASE,
    WRONG_PASSPHRASE_MESSAGE,
    assert_accessible,
    confirm_recovery_key,
    expect_path,
    fill_welcome,
    lock,
    open_launch_link,
    unlock,
)

MARKER = "The kettle sang while I waited for the message that never came."
TITLE = "Evening on the balcony"


def check_entry_page(page: Page, saved: tuple[datetime, datetime]) -> None:
    """The entry, dated (to the minute) within ``saved``: from before Save was pressed to
    after the page said it was saved."""
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    article = page.get_by_role("article")
    expect(article).to_contain_text(MARKER)
    when = article.locator("time")
    written = datetime.fromisoformat(when.get_attribute("datetime") or "")
    pressed, confirmed = saved
    assert pressed.replace(second=0, microsecond=0) <= written <= confirmed
    shown = written.astimezone(ZoneInfo(SERVER_TZ)).strftime("%a %-d %b %Y, %H:%M")
    expect(when).to_have_text(shown)


def first_run(page: Page, server: RunningServer, *, javascript: bool) -> None:
    open_launch_link(page, server)
    expect(page).to_have_url(server.url("/welcome"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome to Anchored")

    if not javascript:
        # Without htmx the strength hint arrives with the submitted form instead.
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        page.get_by_label("Passphrase", exact=True).fill("too short")
        expect(page.locator("#strength-hint")).to_contain_text("At least 10 characters")
        fill_welcome(page, passphrase="too short", country="United Kingdom")
        expect(page.get_by_role("alert").first).to_have_text(
            "Some things need another look. They are marked below."
        )
        # Typing asked the server nothing: the only request was the form itself.
        assert not [url for url in asked if url.endswith("/welcome/strength")], asked
        expect(page.locator("#passphrase-error")).to_contain_text("Use at least 10 characters")
        expect(page.get_by_label("Passphrase", exact=True)).to_have_value("")
        expect(page.get_by_label("Passphrase", exact=True)).to_have_attribute(
            "aria-invalid", "true"
        )
        expect(page.get_by_label("Country for help lines")).to_have_value("GB")

    fill_welcome(page, passphrase=PASSPHRASE, country="United Kingdom")
    confirm_recovery_key(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("How are you right now?")
    expect(page.get_by_role("status")).to_contain_text("Your vault is ready.")
    expect(page.get_by_text("Nothing here yet.")).to_be_visible()

    page.get_by_role("link", name="Write in your journal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New entry")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("What's on your mind?").fill(MARKER)
    pressed = datetime.now(UTC)
    page.get_by_role("button", name="Save entry").click()
    expect(page.get_by_role("status")).to_have_text("Saved.")
    saved = (pressed, datetime.now(UTC))
    check_entry_page(page, saved)

    lock(page)
    expect_path(page, "/unlock")
    expect(page.get_by_role("button", name="Lock", exact=True)).to_have_count(0)

    unlock(page, WRONG_PASSPHRASE)
    expect(page.get_by_role("alert")).to_have_text(WRONG_PASSPHRASE_MESSAGE)
    expect(page.get_by_label("Passphrase", exact=True)).to_have_value("")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome back")

    unlock(page, PASSPHRASE)
    expect(page.get_by_role("heading", level=1)).to_have_text("How are you right now?")
    recent = page.get_by_role("region", name="Recent entries")
    recent.get_by_role("link", name=TITLE).click()
    check_entry_page(page, saved)


def test_first_run_with_javascript(cold_server: RunningServer, page: Page) -> None:
    """The real first run: `anchored serve` in a fresh interpreter (no fork server)."""
    first_run(page, cold_server, javascript=True)


def test_first_run_without_javascript(server: RunningServer, new_context: Any) -> None:
    page = new_context(java_script_enabled=False).new_page()
    first_run(page, server, javascript=False)


def test_launch_link_works_once(server: RunningServer, new_context: Any) -> None:
    first = new_context().new_page()
    open_launch_link(first, server)
    expect(first.get_by_role("heading", level=1)).to_have_text("Welcome to Anchored")

    second = new_context().new_page()
    second.goto(server.launch_url)
    expect(second.get_by_role("heading", level=1)).to_have_text("Open Anchored from its own link")
    expect(second.get_by_text("That start link has already been used.")).to_be_visible()


def test_strength_hint_updates_while_typing(server: RunningServer, page: Page) -> None:
    open_launch_link(page, server)
    field = page.get_by_label("Passphrase", exact=True)
    hint = page.locator("#strength-hint")
    expect(hint).to_contain_text("At least 10 characters")

    field.press_sequentially("short")
    expect(hint).to_contain_text("Too short.")

    field.fill("river stone quiet morning light")
    expect(hint).to_contain_text("Strong.")
    expect(hint).not_to_contain_text("river stone")
    # The swapped-in hint is still the one the field points to, and still announced.
    expect(field).to_have_attribute("aria-describedby", "strength-hint")
    expect(hint).to_have_attribute("aria-live", "polite")

    field.fill("short")
    expect(hint).to_contain_text("Too short.")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_weak_passphrase_asks_use_it_anyway(
    server: RunningServer, new_context: Any, javascript: bool
) -> None:
    page = new_context(java_script_enabled=javascript, bypass_csp=True).new_page()
    open_launch_link(page, server)
    use_anyway = page.get_by_label("Use it anyway, even though it would be quick to guess")
    expect(use_anyway).to_have_count(0)

    fill_welcome(page, passphrase="password123", country="United Kingdom")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome to Anchored")
    expect(use_anyway).not_to_be_checked()
    expect(use_anyway).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#passphrase_weak-error")).to_contain_text("would be quick to guess")
    expect(page.get_by_label("Passphrase", exact=True)).to_have_value("")
    if javascript:  # axe-core runs as a script
        assert_accessible(page, "/welcome asking about a weak passphrase")

    use_anyway.check()
    fill_welcome(page, passphrase="password123", country="United Kingdom")
    confirm_recovery_key(page)
