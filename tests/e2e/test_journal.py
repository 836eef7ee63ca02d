"""Journal in the browser: edit, delete with confirmation, a form sent after locking, guided
prompts, and finding an entry again with search (with and without JavaScript)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import OpenApp
from tests.e2e.flows import (
    PASSPHRASE,
    assert_accessible_light_and_dark,
    expect_path,
    lock_button,
    unlock,
    write_entry,
)

PHONE = {"width": 360, "height": 740}
LONG_WORD = "b" * 90


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


# -- guided prompts and search -----------------------------------------------------------------


def test_write_from_the_prompt_of_the_day_then_find_it(open_app: OpenApp) -> None:
    page = open_app.page("/journal")
    card = page.get_by_role("region", name="Prompt of the day")
    prompt_title = card.get_by_role("heading", level=3).inner_text()
    step_link = card.get_by_role("link", name=re.compile(r"^Step \d+: "))
    step_name = step_link.inner_text()
    card.get_by_role("link", name="Write about this").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("New entry")
    expect(page.get_by_role("heading", level=2, name=prompt_title)).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value(prompt_title)
    page.get_by_label("What's on your mind?").fill("The kittiwakes came back to the cliff.")
    page.get_by_role("button", name="Save entry").click()

    expect(page.get_by_role("status")).to_have_text("Saved.")
    address = page.url.split("?", 1)[0]
    article = page.get_by_role("article")
    expect(article).to_contain_text(f"Written for the prompt “{prompt_title}”")
    expect(article.get_by_role("link", name=step_name)).to_have_attribute(
        "href", re.compile(r"^/programme/\d+$")
    )

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Journal").click()
    page.get_by_label("Search your writing").fill("kittiwakes")
    page.get_by_role("button", name="Search").click()
    expect_path(page, "/search?q=kittiwakes")
    expect(page.get_by_role("status")).to_have_text("1 result for “kittiwakes”")
    expect(page.locator(".search-list mark")).to_have_text("kittiwakes")
    page.locator(".search-list").get_by_role("link", name=prompt_title).click()
    expect(page).to_have_url(address)
    expect(page.get_by_role("article")).to_contain_text("The kittiwakes came back")


def test_browse_prompts_by_step_and_write_one(open_app: OpenApp) -> None:
    page = open_app.page("/journal")
    page.get_by_role("link", name="Browse prompts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Journal prompts")
    page.get_by_role("link", name="Step 3: Foster resilience").click()
    expect(
        page.get_by_role("heading", level=2, name="Step 3: Foster resilience")
    ).to_be_in_viewport()
    page.get_by_role("link", name="Write about this: Things that bring you joy").click()
    expect(page.get_by_role("heading", level=2, name="Things that bring you joy")).to_be_visible()
    page.get_by_label("What's on your mind?").fill("Warm bread, and rain on the window.")
    page.get_by_role("button", name="Save entry").click()
    expect(page.get_by_role("article")).to_contain_text(
        "Written for the prompt “Things that bring you joy”"
    )


def test_live_search_as_you_type(open_app: OpenApp) -> None:
    page = open_app.page("/")
    write_entry(page, title="Lighthouse", body="A lighthouse keeper's quiet evening.")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    expect(page.get_by_role("main")).to_contain_text("only inside your encrypted vault")
    page.get_by_label("Search your writing").press_sequentially("lighthous")
    # No button pressed: the results arrive, and the address can be bookmarked or shared.
    expect(page.locator(".search-list").get_by_role("link", name="Lighthouse")).to_be_visible()
    expect_path(page, "/search?q=lighthous")
    expect(page.get_by_label("Search your writing")).to_be_focused()


def test_search_without_javascript(open_app: OpenApp) -> None:
    page = open_app.page("/search", java_script_enabled=False)
    page.get_by_label("Search your writing").fill('"no such (thing')
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_have_text('Nothing matched “"no such (thing”.')
    expect(page.get_by_label("Search your writing")).to_have_value('"no such (thing')


def test_prompt_and_search_pages_pass_axe(open_app: OpenApp) -> None:
    page = open_app.page("/journal", bypass_csp=True)
    assert_accessible_light_and_dark(page, "/journal with the prompt of the day")
    page.goto(open_app.server.url("/journal/prompts"))
    assert_accessible_light_and_dark(page, "/journal/prompts")
    page.goto(open_app.server.url("/journal/prompts?step=6"))
    assert_accessible_light_and_dark(page, "/journal/prompts?step=6")
    page.goto(open_app.server.url("/journal/new?prompt=unknown"))
    assert_accessible_light_and_dark(page, "form with an unknown prompt")
    page.goto(open_app.server.url("/journal/new?prompt=my-calming-kit"))
    assert_accessible_light_and_dark(page, "form with a prompt")
    page.get_by_label("What's on your mind?").fill("A song, a scarf, and slow breaths.")
    page.get_by_role("button", name="Save entry").click()
    expect(page.get_by_role("status")).to_have_text("Saved.")
    assert_accessible_light_and_dark(page, "entry answering a prompt")

    page.goto(open_app.server.url("/search"))
    assert_accessible_light_and_dark(page, "/search before searching")
    page.goto(open_app.server.url("/search?q=scarf"))
    expect(page.locator(".search-list mark").first).to_be_visible()
    assert_accessible_light_and_dark(page, "/search with results")
    page.goto(open_app.server.url("/search?q=" + "w" * 201))
    assert_accessible_light_and_dark(page, "/search with a too-long query")


def test_prompt_and_search_pages_fit_a_phone(open_app: OpenApp) -> None:
    page = open_app.page("/", viewport=PHONE)
    write_entry(page, title=f"Title {LONG_WORD}", body=f"Searchable {LONG_WORD} end.")
    too_wide = {}
    for path in [
        "/journal",
        "/journal/prompts",
        "/journal/prompts?step=1",
        "/journal/new?prompt=tell-your-story",
        "/search",
        "/search?q=searchable",
        f"/search?q={LONG_WORD}",
    ]:
        page.goto(open_app.server.url(path))
        expect(page.get_by_role("main")).to_be_visible()
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
    assert not too_wide, f"pages that scroll sideways on a phone: {too_wide}"
