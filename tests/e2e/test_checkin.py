"""Check-ins in the browser, with JavaScript on and off: pick feelings with their strength,
tags (one made on the spot), a note; see it in the history, edit it, delete it. axe-core on
every page, and a 360 px phone screen."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import OpenApp
from tests.e2e.flows import (
    assert_accessible,
    assert_accessible_light_and_dark,
    expect_path,
    path_of,
)

PHONE = {"width": 360, "height": 740}
LONG_WORD = "w" * 60  # the longest own tag: one unbroken word


def _article(page: Page, text: str) -> Locator:
    return page.locator("article.check-in").filter(has_text=text)


def _strength(article: Locator, feeling: str) -> Locator:
    return article.locator(".feeling").filter(has_text=feeling).locator(".feeling-strength")


def _pick(page: Page, feeling: str, strength: str) -> None:
    page.get_by_label(feeling, exact=True).check()
    page.get_by_label(f"How strong is {feeling.lower()}, 0 to 10").select_option(strength)


def _check_in(page: Page, note: str, *, own_tag: str = "") -> Locator:
    """From the form: two feelings, a tag, perhaps a new own tag, a note; then save."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Check in")
    _pick(page, "Lonely", "7")
    _pick(page, "Anxious", "3")
    page.get_by_label("Texting", exact=True).check()
    if own_tag:
        page.get_by_label("Add one of your own").fill(own_tag)
    page.get_by_label("A note for yourself").fill(note)
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your check-ins")
    assert re.fullmatch(r"/check-in/history\?saved=(\d+)#check-in-\1", path_of(page))
    return _article(page, note)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_check_in_then_edit_then_delete(open_app: OpenApp, javascript: bool) -> None:
    note = f"He went quiet after lunch ({'with' if javascript else 'without'} JavaScript)."
    own_tag = f"Night shifts {'js' if javascript else 'no js'}"
    page = open_app.page("/", java_script_enabled=javascript)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Check-in").click()

    article = _check_in(page, note, own_tag=own_tag)
    expect(article.get_by_role("status")).to_have_text("Saved. Thank you for checking in.")
    expect(_strength(article, "Lonely")).to_contain_text("7")
    expect(_strength(article, "Anxious")).to_contain_text("3")
    expect(article).to_contain_text(f"Played a part: Texting, {own_tag}")
    expect(article).to_contain_text(note)
    today = page.get_by_role("heading", level=2, name=re.compile(r"^Today, "))
    expect(today).to_be_visible()

    # Edit: the form comes back filled in.
    article.get_by_role("link", name=re.compile(r"^Edit")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit check-in")
    expect(page.get_by_label("Lonely", exact=True)).to_be_checked()
    expect(page.get_by_label("Anxious", exact=True)).to_be_checked()
    expect(page.get_by_label("Calm", exact=True)).not_to_be_checked()
    expect(page.get_by_label("How strong is lonely, 0 to 10")).to_have_value("7")
    expect(page.get_by_label("Texting", exact=True)).to_be_checked()
    expect(page.get_by_label(own_tag, exact=True)).to_be_checked()
    expect(page.get_by_label("A note for yourself")).to_have_value(note)
    page.get_by_label("How strong is lonely, 0 to 10").select_option("4")
    page.get_by_label("Anxious", exact=True).uncheck()
    _pick(page, "Hopeful", "6")
    edited = f"{note} A walk helped."
    page.get_by_label("A note for yourself").fill(edited)
    page.get_by_role("button", name="Save changes").click()
    article = _article(page, edited)
    expect(article.get_by_role("status")).to_have_text("Saved. Thank you for checking in.")
    expect(_strength(article, "Lonely")).to_contain_text("4")
    expect(_strength(article, "Hopeful")).to_contain_text("6")
    expect(article.locator(".feeling").filter(has_text="Anxious")).to_have_count(0)

    # Delete: asked first; "No" keeps it.
    article.get_by_role("link", name=re.compile(r"^Delete")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete this check-in?")
    expect(page.get_by_role("main")).to_contain_text(edited)
    page.get_by_role("link", name="No, keep it").click()
    expect(_article(page, edited)).to_have_count(1)
    _article(page, edited).get_by_role("link", name=re.compile(r"^Delete")).click()
    page.get_by_role("button", name="Yes, delete it").click()
    expect_path(page, "/check-in/history?deleted=1")
    expect(page.get_by_role("status")).to_have_text("The check-in was deleted.")
    expect(_article(page, edited)).to_have_count(0)

    # The tag made on the way stays on offer.
    page.goto(open_app.server.url("/check-in"))
    expect(page.get_by_label(own_tag, exact=True)).not_to_be_checked()


def test_bad_input_keeps_what_was_chosen(open_app: OpenApp) -> None:
    page = open_app.page("/check-in", java_script_enabled=False)
    page.get_by_label("Sleep", exact=True).check()
    page.get_by_label("Add one of your own").fill("x" * 61)
    page.get_by_role("button", name="Save check-in").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Pick at least one feeling, or write a few words")
    expect(alert).to_contain_text("up to 60 characters")
    expect(page.locator("#emotions-error")).to_be_visible()
    expect(page.get_by_label("Sleep", exact=True)).to_be_checked()
    expect(page.get_by_label("Add one of your own")).to_have_value("x" * 61)
    alert.get_by_role("link", name=re.compile("up to 60 characters")).click()
    expect(page.get_by_label("Add one of your own")).to_be_focused()


# -- accessibility -----------------------------------------------------------------------------


def test_check_in_pages_pass_axe(open_app: OpenApp) -> None:
    page = open_app.page("/check-in", bypass_csp=True)
    assert_accessible_light_and_dark(page, "/check-in")
    page.get_by_label("Lonely", exact=True).check()
    assert_accessible_light_and_dark(page, "/check-in with a feeling ticked")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your check-ins")
    page.goto(open_app.server.url("/check-in"))
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible_light_and_dark(page, "/check-in with an error")

    page.goto(open_app.server.url("/check-in"))
    article = _check_in(page, "Checked by axe", own_tag="Axe check")
    assert_accessible_light_and_dark(page, "/check-in/history after saving")
    article.get_by_role("link", name=re.compile(r"^Edit")).click()
    assert_accessible_light_and_dark(page, "edit form")
    page.go_back()
    _article(page, "Checked by axe").get_by_role("link", name=re.compile(r"^Delete")).click()
    assert_accessible_light_and_dark(page, "delete confirmation")
    check_in_id = re.search(r"/check-in/(\d+)/delete", path_of(page))
    assert check_in_id is not None
    page.goto(open_app.server.url(f"/check-in/{check_in_id.group(1)}"))
    assert_accessible_light_and_dark(page, "one check-in")
    page.goto(open_app.server.url("/check-in/tags"))
    assert_accessible_light_and_dark(page, "/check-in/tags")
    page.get_by_role("link", name="Remove “Axe check”").click()
    assert_accessible_light_and_dark(page, "remove tag confirmation")


def test_a_page_past_the_end_shows_the_last_and_passes_axe(open_app: OpenApp) -> None:
    """A page past the end leads to the last page there is."""
    page = open_app.page("/check-in/history?page=500", bypass_csp=True)
    expect(page).to_have_url(re.compile(r"/check-in/history(\?page=\d+)?$"))
    assert "page=500" not in path_of(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your check-ins")
    assert_accessible(page, "/check-in/history past the end")


# -- a 360 px phone screen ---------------------------------------------------------------------


def _width(page: Page) -> int:
    expect(page.get_by_role("main")).to_be_visible()
    width: int = page.evaluate("() => document.documentElement.scrollWidth")
    return width


def test_pages_fit_a_phone(open_app: OpenApp) -> None:
    page = open_app.page("/check-in", viewport=PHONE)
    article = _check_in(page, f"Long {LONG_WORD} note", own_tag=LONG_WORD)
    expect(article).to_contain_text(LONG_WORD)
    article.get_by_role("link", name=re.compile(r"^Edit")).click()
    edit = path_of(page)
    one = edit.removesuffix("/edit")

    too_wide: dict[str, Any] = {}
    for path in ["/check-in", "/check-in/history", edit, one, f"{one}/delete", "/check-in/tags"]:
        page.goto(open_app.server.url(path))
        if (width := _width(page)) > PHONE["width"]:
            too_wide[path] = width
    assert not too_wide, f"pages that scroll sideways on a phone: {too_wide}"

    # The form still works one-handed: tick, choose, save.
    page.goto(open_app.server.url("/check-in"))
    _pick(page, "Calm", "8")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_role("status")).to_have_text("Saved. Thank you for checking in.")
