"""Forms that create something, in the browser: Back, then Save again, keeps one record. The
browser loads the form afresh and puts back what was typed; the page's script puts back the
form's first token too. (Without JavaScript the form simply saves; the same form sent twice is
still saved once: tests/web/test_sent_once.py.)"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import OpenApp
from tests.e2e.flows import expect_path, path_of, write_entry

NOTICE = "You had already saved this, so it wasn't saved a second time."


def back(page: Page) -> None:
    """The browser's Back button, once the page the form led to has loaded: pressed while
    that page is still coming in, Chromium sometimes answers "Not attached to an active page"
    (3 times in 24 on main; never in 24 once loaded)."""
    page.wait_for_load_state()
    page.go_back()


def test_back_then_save_again_keeps_one_entry(open_app: OpenApp) -> None:
    title = "Only once"
    body = "I waited ten minutes before I replied."
    page = open_app.page("/")
    address = write_entry(page, title=title, body=body)
    entry = path_of(page).split("?", 1)[0]

    back(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("New entry")
    expect(page.get_by_label("What's on your mind?")).to_have_value(body)
    page.get_by_role("button", name="Save entry").click()

    expect_path(page, f"{entry}?already=1")
    assert page.url.startswith(address)
    expect(page.get_by_role("status")).to_have_text(NOTICE)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.get_by_role("link", name="All entries").click()
    expect(page.get_by_role("link", name=title)).to_have_count(1)


def test_back_then_save_again_keeps_one_check_in(open_app: OpenApp) -> None:
    note = "Quiet evening, saved once."
    page = open_app.page("/check-in")
    page.get_by_label("Hopeful", exact=True).check()
    page.get_by_label("A note for yourself").fill(note)
    page.get_by_role("button", name="Save check-in").click()
    saved = re.fullmatch(r"/check-in/history\?saved=(\d+)#check-in-\1", path_of(page))
    assert saved is not None, path_of(page)

    back(page)
    expect(page.get_by_label("A note for yourself")).to_have_value(note)
    page.get_by_role("button", name="Save check-in").click()

    expect_path(page, f"/check-in/{saved.group(1)}?already=1")
    expect(page.get_by_role("status")).to_have_text(NOTICE)
    page.goto(open_app.server.url("/check-in/history"))
    expect(page.locator("article.check-in").filter(has_text=note)).to_have_count(1)


def test_back_then_a_change_is_saved_too(open_app: OpenApp) -> None:
    """Going back to change something: the changed words are kept (as a new entry)."""
    page = open_app.page("/")
    write_entry(page, title="First go", body="Something I wanted to say.")
    back(page)
    page.get_by_label("Title").fill("Second go")
    page.get_by_role("button", name="Save entry").click()
    expect(page.get_by_role("status")).to_have_text("Saved.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Second go")


def test_opening_the_form_again_is_a_new_form(open_app: OpenApp) -> None:
    """The same words written again on a form opened again (not Back) are saved again."""
    page = open_app.page("/")
    for _ in range(2):
        write_entry(page, title="Twice on purpose", body="Two walks today.")
    page.get_by_role("link", name="All entries").click()
    expect(page.get_by_role("link", name="Twice on purpose")).to_have_count(2)
