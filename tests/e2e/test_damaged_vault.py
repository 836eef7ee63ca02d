"""A vault file damaged on disk, in a real browser on a phone-sized screen: a calm page that
says what happened, the entry being written handed back to copy, and the rest still opens."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.damage import damage_table
from tests.e2e.conftest import RunningServer
from tests.e2e.flows import (
    PASSPHRASE,
    SCHEMES,
    assert_accessible,
    assert_accessible_light_and_dark,
    lock,
    onboard,
    unlock,
    write_entry,
)

PHONE = {"width": 360, "height": 740}
DAMAGED = "Part of your vault could not be read"
BODY = "He was late again and I wanted to send ten messages.\nI wrote here instead."


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_damaged_vault_hands_back_what_was_being_written(
    server: RunningServer, new_context: Any, javascript: bool
) -> None:
    page = new_context(bypass_csp=True, viewport=PHONE, java_script_enabled=javascript).new_page()
    onboard(page, server, country="United Kingdom")
    write_entry(page, title="Before", body="Written before the damage.")
    lock(page)
    damage_table(server.data_dir, "journal_entries", PASSPHRASE)  # one bad byte, as from a disk
    unlock(page)
    # Home opens, with a note where the journal's part would be.
    expect(page.get_by_role("heading", level=1)).to_have_text("How are you right now?")
    expect(page.get_by_role("heading", name="This part could not be read")).to_be_visible()
    if javascript:
        assert_accessible_light_and_dark(page, "home with a damaged part")

    page.goto(server.url("/journal/new"))
    page.get_by_label("Title").fill("Tonight")
    page.get_by_label("What's on your mind?").fill(BODY)
    page.get_by_role("button", name="Save entry").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(DAMAGED)
    expect(page.get_by_text("It was not saved. Copy it somewhere safe")).to_be_visible()
    expect(page.get_by_label("Body")).to_have_value(BODY)
    expect(page.get_by_label("Title")).to_have_value("Tonight")
    expect(page.get_by_role("link", name="Help now").first).to_be_visible()
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        if javascript:  # axe runs as a script
            where = f"damaged vault, entry handed back ({scheme})"
            assert_accessible(page, where, colours_only=scheme == "dark")

    # The rest of the vault still opens.
    page.goto(server.url("/reassurance"))
    expect(page.get_by_role("heading", level=1)).not_to_have_text(DAMAGED)
    assert "(the database file looks damaged)" in server.log_text()  # the kind of error...
    assert "ten messages" not in server.log_text()  # ...and never the words
