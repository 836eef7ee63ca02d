"""Joy list and resilience memories in the browser: the joy list with JavaScript (htmx swaps
"did it today" and the pick in place) and without it, a memory written with the prompts in
view, axe-core in light and dark, and a 360 px phone screen."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import OpenApp
from tests.e2e.flows import assert_accessible_light_and_dark, path_of
from tests.e2e.test_small_screen import PHONE, expect_fits

LONG_WORD = "j" * 120  # one unbroken word: it must wrap on a phone


def _add_joy(page: Page, what: str, last_done: date | None = None) -> None:
    page.get_by_label("Something that brings you joy", exact=True).fill(what)
    if last_done is not None:
        page.get_by_label("When did you last do it?").fill(last_done.isoformat())
    page.get_by_role("button", name="Add to my list").click()
    expect(page.get_by_role("status").filter(has_text="Added to your list.")).to_be_visible()


def _row(page: Page, what: str) -> Locator:
    return page.locator(".joy-row").filter(has=page.locator(".joy-name", has_text=what))


def _names(page: Page) -> list[str]:
    return page.locator(".joy-name").all_inner_texts()


def test_the_joy_list_with_javascript(open_app: OpenApp) -> None:
    page = open_app.page("/joy")
    expect(page.get_by_role("main")).to_contain_text("Your joy list is empty.")
    _add_joy(page, "Sea swimming", date.today() - timedelta(days=30))
    _add_joy(page, "Baking bread")
    _add_joy(page, "Calling my sister")
    assert _names(page) == ["Sea swimming", "Baking bread", "Calling my sister"]
    expect(_row(page, "Sea swimming").locator(".joy-when")).to_have_text(
        re.compile(r"^Last done on \d+ \w{3} \d{4}$")
    )

    # "Did it today": htmx changes the row and says so, without leaving the page.
    address = path_of(page)
    baking = _row(page, "Baking bread")
    baking.get_by_role("button", name="Did it today (Baking bread)").click()
    expect(baking.locator(".joy-when")).to_have_text("Last done today")
    expect(page.locator("#joy-status")).to_have_text("Noted: you did “Baking bread” today.")
    assert path_of(page) == address

    # "Pick one for me" never picks what was done today; "Pick another" gives the other one.
    page.get_by_role("link", name="Pick one for me").click()
    picked = page.locator(".joy-picked")
    expect(picked).to_have_text(re.compile("^(Sea swimming|Calling my sister)$"))
    first = picked.inner_text()
    expect(page.locator("#pick-button")).to_be_focused()  # the keyboard stays where it was
    page.get_by_role("link", name="Pick another").click()
    expect(picked).not_to_have_text(first)
    expect(picked).to_have_text(re.compile("^(Sea swimming|Calling my sister)$"))
    assert path_of(page) == address

    _row(page, "Sea swimming").get_by_role("button", name="Move down (Sea swimming)").click()
    expect(page.locator(".joy-name").first).to_have_text("Baking bread")
    assert _names(page) == ["Baking bread", "Sea swimming", "Calling my sister"]

    _row(page, "Calling my sister").get_by_role("link", name="Delete (Calling my sister)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Remove this from your joy list?")
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.get_by_role("status")).to_have_text("Removed from your list.")
    assert _names(page) == ["Baking bread", "Sea swimming"]


def test_the_joy_list_without_javascript(open_app: OpenApp) -> None:
    page = open_app.page("/joy", java_script_enabled=False)
    _add_joy(page, "Feeding the ducks")  # so the next one has somewhere to move up to
    _add_joy(page, "Tea on the back step")
    row = _row(page, "Tea on the back step")
    row.get_by_role("button", name="Move up (Tea on the back step)").click()
    # Waits for the list the form led back to (read at once, a page still coming in once
    # gave no names at all: a flake seen in a full run).
    expect(page.locator(".joy-name").nth(-2)).to_have_text("Tea on the back step")
    assert re.fullmatch(r"/joy#joy-\d+", path_of(page))

    row.get_by_role("button", name="Did it today (Tea on the back step)").click()
    assert re.fullmatch(r"/joy\?done=\d+#joy-\d+", path_of(page))
    expect(page.locator("#joy-status")).to_have_text("Noted: you did “Tea on the back step” today.")
    expect(row.locator(".joy-when")).to_have_text("Last done today")

    page.get_by_role("link", name="Pick one for me").click()
    assert path_of(page) == "/joy/pick#joy-pick"
    expect(page.locator(".joy-picked")).not_to_have_text("Tea on the back step")

    row.get_by_role("link", name="Edit (Tea on the back step)").click()
    page.get_by_label("Something that brings you joy", exact=True).fill(
        "Tea on the back step at dawn"
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    expect(_row(page, "Tea on the back step at dawn")).to_have_count(1)


def test_a_memory_then_every_page_passes_axe_and_fits_a_phone(open_app: OpenApp) -> None:
    page = open_app.page("/resilience/new")
    prompt = page.get_by_text("A day you felt low and still did one thing you had to do.")
    expect(prompt).to_be_hidden()  # folded away, so the form comes first
    page.get_by_text("Need help remembering?").click()
    expect(prompt).to_be_visible()
    page.get_by_label("What happened?").fill(f"The winter I moved {LONG_WORD}.")
    page.get_by_label("What did you do to get through it?").fill("Walked to the same café.")
    page.get_by_label("What does it show about you?").fill("I can build a life from scratch.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("Saved.")
    expect(page.get_by_role("article")).to_contain_text("I can build a life from scratch.")
    memory = path_of(page).split("?", 1)[0]
    page.goto(open_app.server.url("/joy"))
    _add_joy(page, f"Long {LONG_WORD} walk")

    pages = ["/joy", "/resilience", "/resilience/new", memory, f"{memory}/delete"]
    checked = open_app.page("/joy", bypass_csp=True)
    for path in pages:
        checked.goto(open_app.server.url(path))
        assert_accessible_light_and_dark(checked, path)
    checked.goto(open_app.server.url("/joy"))
    edit = checked.locator(".joy-row").first.get_by_role("link", name=re.compile("^Edit"))
    edit.click()
    assert_accessible_light_and_dark(checked, "joy edit")
    checked.get_by_label("Something that brings you joy", exact=True).fill(" ")  # passes `required`
    checked.get_by_role("button", name="Save").click()
    expect(checked.get_by_role("alert")).to_be_visible()
    assert_accessible_light_and_dark(checked, "joy edit with an error")
    checked.context.close()

    phone = open_app.page("/joy", viewport=PHONE)
    for path in [*pages, "/joy/pick"]:
        phone.goto(open_app.server.url(path))
        expect_fits(phone, path, unlocked=True)
