"""Unlocking: back to the page asked for; and a forgotten passphrase, where the recovery key
(typed loosely) opens the vault with a new one, asked for twice and confirmed."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import RunningServer
from tests.e2e.flows import PASSPHRASE, expect_path, lock, onboard, unlock, write_entry

NEW_PASSPHRASE = "copper kite under the winter bridge"


def test_unlock_with_the_recovery_key(server: RunningServer, page: Page) -> None:
    recovery_key = onboard(page, server, country="United Kingdom")
    write_entry(page, title="Kept safe", body="Still here after a new passphrase.")
    lock(page)
    page.goto(server.url("/journal"))  # asked for while locked
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome back")

    page.get_by_text("Forgot your passphrase? Use your recovery key").click()
    page.get_by_label("Recovery key").fill("not a key")
    page.get_by_label("New passphrase", exact=True).fill(NEW_PASSPHRASE)
    page.get_by_label("New passphrase again").fill(NEW_PASSPHRASE)
    page.get_by_role("button", name="Unlock and set the new passphrase").click()
    expect(page.get_by_label("Recovery key")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("letters and digits in groups of four")).to_be_visible()

    # Lower case and spaces instead of dashes: as someone might copy it from paper.
    page.get_by_label("Recovery key").fill(recovery_key.lower().replace("-", " "))
    page.get_by_label("New passphrase", exact=True).fill(NEW_PASSPHRASE)
    page.get_by_label("New passphrase again").fill(NEW_PASSPHRASE + " too")
    page.get_by_role("button", name="Unlock and set the new passphrase").click()
    expect(page.get_by_label("New passphrase again")).to_have_attribute("aria-invalid", "true")

    page.get_by_label("New passphrase", exact=True).fill(NEW_PASSPHRASE)
    page.get_by_label("New passphrase again").fill(NEW_PASSPHRASE)
    page.get_by_role("button", name="Unlock and set the new passphrase").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your new passphrase is set")
    expect(page.get_by_role("status")).to_contain_text("Your recovery key still works")
    page.get_by_role("link", name="Continue").click()
    expect_path(page, "/journal")
    expect(page.get_by_role("link", name="Kept safe")).to_be_visible()

    lock(page)
    unlock(page, PASSPHRASE)
    expect(page.get_by_role("alert")).to_be_visible()
    unlock(page, NEW_PASSPHRASE)
    expect(page.get_by_role("heading", level=1)).to_have_text("How are you right now?")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_unlocking_goes_back_to_the_page_asked_for(
    server: RunningServer, new_context: Any, javascript: bool
) -> None:
    page = new_context(java_script_enabled=javascript).new_page()
    onboard(page, server, country="United Kingdom")
    lock(page)
    page.goto(server.url("/journal/prompts?step=3"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome back")

    unlock(page, "not the right one at all")
    expect(page.get_by_role("alert")).to_be_visible()
    unlock(page, PASSPHRASE)
    expect_path(page, "/journal/prompts?step=3")
