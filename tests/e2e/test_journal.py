"""Journal in the browser: edit, delete with confirmation, and a form sent after locking."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import OpenApp
from tests.e2e.flows import PASSPHRASE, expect_path, lock_button, unlock, write_entry


def test_edit_an_entry(open_app: OpenApp) -> None:
    page = open_app.page("/")
    address = write_entry(page, title="Before the call", body="I kept checking my phone.")

    page.get_by_role("link", name="Edit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit entry")
    body = page.get_by_label("What's on your mind?")
    expect(body).to_have_value("I kept checking my phone.")
    body.fill("I kept checking my phone. Then I went for a walk instead.")
    page.get_by_label("Title").fill("After the call")
    page.get_by_role("button", name="Save entry").click()

    expect(page).to_have_url(f"{address}?saved=1")
    expect(page.get_by_role("status")).to_have_text("Saved.")
    expect(page.get_by_role("heading", level=1)).to_have_text("After the call")
    expect(page.get_by_role("article")).to_contain_text("Then I went for a walk instead.")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Journal").click()
    expect(page.get_by_role("link", name="After the call")).to_be_visible()
    expect(page.get_by_role("link", name="Before the call")).to_have_count(0)


def test_cancel_an_edit_keeps_the_text(open_app: OpenApp) -> None:
    page = open_app.page("/")
    write_entry(page, title="Unchanged", body="This stays as it was.")
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("What's on your mind?").fill("Something else")
    page.get_by_role("link", name="Cancel").click()
    expect(page.get_by_role("article")).to_contain_text("This stays as it was.")


def test_delete_asks_first(open_app: OpenApp) -> None:
    page = open_app.page("/")
    address = write_entry(page, title="To be deleted", body="A note I will not need.")

    page.get_by_role("main").get_by_role("link", name="Delete").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete this entry?")
    expect(page.get_by_role("main")).to_contain_text("To be deleted")
    page.get_by_role("link", name="No, keep it").click()
    expect(page).to_have_url(address)
    expect(page.get_by_role("article")).to_contain_text("A note I will not need.")

    page.get_by_role("main").get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Yes, delete it").click()
    expect_path(page, "/journal?deleted=1")
    expect(page.get_by_role("status")).to_have_text("The entry was deleted.")
    expect(page.get_by_role("link", name="To be deleted")).to_have_count(0)

    response = page.goto(address)
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("We couldn't find that page")
    expect(page.get_by_text("A note I will not need.")).to_have_count(0)


def test_text_written_while_locked_elsewhere_is_not_lost(open_app: OpenApp) -> None:
    """The vault locks (here: from another tab) while a form is open; saving still works."""
    writing = open_app.page("/journal/new")
    expect(writing.get_by_role("heading", level=1)).to_have_text("New entry")
    writing.get_by_label("Title").fill("Written across a lock")
    writing.get_by_label("What's on your mind?").fill("Words that must survive the lock.")

    other_tab = writing.context.new_page()
    other_tab.goto(open_app.server.url("/"))
    lock_button(other_tab).click()
    expect(other_tab.get_by_role("heading", level=1)).to_have_text("Welcome back")

    writing.get_by_role("button", name="Save entry").click()
    expect(writing.get_by_role("heading", level=1)).to_have_text("Welcome back")
    expect(writing.get_by_role("status")).to_contain_text("It is not lost")
    unlock(writing, PASSPHRASE)
    writing.get_by_role("button", name="Save it now").click()
    expect(writing.get_by_role("status")).to_have_text("Saved.")
    expect(writing.get_by_role("heading", level=1)).to_have_text("Written across a lock")
    expect(writing.get_by_role("article")).to_contain_text("Words that must survive the lock.")


def test_an_entry_about_an_earlier_moment(open_app: OpenApp) -> None:
    """The 'When' field is the person's local time, winter or summer (server TZ: London)."""
    page = open_app.page("/journal/new")
    page.get_by_label("Title").fill("A summer evening")
    page.get_by_label("What's on your mind?").fill("Written about later.")
    page.get_by_label("When").fill("2026-07-01T21:30")
    page.get_by_role("button", name="Save entry").click()
    when = page.get_by_role("article").locator("time")
    expect(when).to_have_text("Wed 1 Jul 2026, 21:30")
    expect(when).to_have_attribute("datetime", "2026-07-01T21:30+01:00")

    page.get_by_role("link", name="Edit").click()
    expect(page.get_by_label("When")).to_have_value("2026-07-01T21:30")
    page.get_by_label("When").fill("2026-01-15T08:05")
    page.get_by_role("button", name="Save entry").click()
    expect(when).to_have_text("Thu 15 Jan 2026, 08:05")
    expect(when).to_have_attribute("datetime", "2026-01-15T08:05+00:00")
