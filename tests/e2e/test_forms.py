"""Forms that create something, in the browser: Back, then Save again, keeps one record (the
browser loads the form afresh and puts back what was typed), with JavaScript on and off."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import OpenApp
from tests.e2e.flows import expect_path, path_of, write_entry

NOTICE = "You had already saved this, so it wasn't saved a second time."


def _mode(javascript: bool) -> str:
    return "with JavaScript" if javascript else "without JavaScript"


def _back_and_save_again(page: Page, button: str) -> None:
    page.go_back()
    page.get_by_role("button", name=button).click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_back_then_save_again_keeps_one_entry(open_app: OpenApp, javascript: bool) -> None:
    title = f"Only once, {_mode(javascript)}"
    body = "I waited ten minutes before I replied."
    page = open_app.page("/", java_script_enabled=javascript)
    address = write_entry(page, title=title, body=body)
    entry = path_of(page).split("?", 1)[0]

    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("New entry")
    expect(page.get_by_label("What's on your mind?")).to_have_value(body)
    page.get_by_role("button", name="Save entry").click()

    expect_path(page, f"{entry}?already=1")
    assert page.url.startswith(address)
    expect(page.get_by_role("status")).to_have_text(NOTICE)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.get_by_role("link", name="All entries").click()
    expect(page.get_by_role("link", name=title)).to_have_count(1)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_back_then_save_again_keeps_one_check_in(open_app: OpenApp, javascript: bool) -> None:
    note = f"Quiet evening, saved once, {_mode(javascript)}."
    page = open_app.page("/check-in", java_script_enabled=javascript)
    page.get_by_label("Hopeful", exact=True).check()
    page.get_by_label("A note for yourself").fill(note)
    page.get_by_role("button", name="Save check-in").click()
    saved = re.fullmatch(r"/check-in/history\?saved=(\d+)#check-in-\1", path_of(page))
    assert saved is not None, path_of(page)

    _back_and_save_again(page, "Save check-in")

    expect_path(page, f"/check-in/{saved.group(1)}?already=1")
    expect(page.get_by_role("status")).to_have_text(NOTICE)
    page.goto(open_app.server.url("/check-in/history"))
    expect(page.locator("article.check-in").filter(has_text=note)).to_have_count(1)
