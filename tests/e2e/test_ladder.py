"""Exposure ladder in the browser: build a ladder (from an example and in your own words),
record an attempt with JavaScript and without, see the chart with its table; axe-core in light
and dark; everything fits a 360 px phone screen."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from anchored.features.ladder.examples import load_examples
from tests.e2e.conftest import OpenApp
from tests.e2e.flows import assert_accessible_light_and_dark, path_of

PHONE = {"width": 360, "height": 740}
CHART = re.compile("^Chart: predicted anxiety and the peak")


def _fits(page: Page, where: str) -> None:
    expect(page.get_by_role("main")).to_be_visible()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{where} scrolls sideways: {width}px wide"


def _add_rung(page: Page, situation: str, rating: str) -> None:
    page.get_by_label("A situation you fear").fill(situation)
    page.get_by_label("How hard does it feel?").fill(rating)
    page.get_by_role("button", name="Add to my ladder").click()
    expect(page.get_by_role("status")).to_have_text("Added to your ladder.")


def _fill_attempt(page: Page, predicted: str, peak: str, end: str, learned: str) -> None:
    page.get_by_label("How anxious did you expect to feel?").fill(predicted)
    page.get_by_label("What did you fear would happen?").fill("That he would think I'd gone cold.")
    page.get_by_label("At its highest, how anxious did you feel?").fill(peak)
    page.get_by_label("How anxious were you at the end?").fill(end)
    page.get_by_label("What actually happened?").fill("He sent a photo of his dinner.")
    page.get_by_label("What did you learn?").fill(learned)
    page.get_by_role("button", name="Save attempt").click()


def test_build_a_ladder_and_record_an_attempt_on_a_phone(open_app: OpenApp) -> None:
    page = open_app.page("/ladder", viewport=PHONE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Exposure ladder")
    _fits(page, "/ladder, empty")
    example = load_examples().examples[0].text
    page.get_by_role("link", name=f"Start from this: {example}").click()
    expect(page.get_by_label("A situation you fear")).to_have_value(example)
    page.get_by_label("How hard does it feel?").fill("25")
    page.get_by_role("button", name="Add to my ladder").click()
    expect(page.get_by_role("status")).to_have_text("Added to your ladder.")
    _add_rung(page, "Tell him I need a quiet evening on my own", "65")

    rungs = page.locator(".ladder-rungs li")
    expect(rungs.first).to_contain_text(example)  # easiest first
    expect(rungs.nth(1)).to_contain_text("quiet evening")
    _fits(page, "/ladder with rungs")

    next_rung = page.get_by_role("region", name="Your next rung")
    expect(next_rung).to_contain_text(example)
    next_rung.get_by_role("link", name="Record an attempt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record an attempt")
    expect(page.get_by_label("Which rung did you try?")).to_contain_text(example)
    _fits(page, "the attempt form")
    _fill_attempt(page, "70", "45", "15", "The wait felt long, and it passed.")

    expect(page.get_by_role("status")).to_have_text("Attempt saved.")
    expect(page.get_by_role("heading", level=1)).to_have_text(example)
    expect(page.get_by_role("img", name=CHART)).to_be_visible()
    row = page.locator(".ladder-table tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td")).to_have_text([re.compile(r"\w+"), "70", "45", "15"])
    expect(page.get_by_role("main")).to_contain_text("The wait felt long, and it passed.")
    _fits(page, "a rung with its chart")


def test_record_an_attempt_without_javascript(open_app: OpenApp) -> None:
    page = open_app.page("/ladder", java_script_enabled=False)
    _add_rung(page, "Go to bed without a goodnight message", "40")
    page.get_by_role("link", name="Go to bed without a goodnight message").click()
    expect(page.get_by_role("main")).to_contain_text("Not tried yet.")
    for peak, learned in (
        ("60", "Hard, but I slept."),
        ("50", "Easier."),
        ("35", "I forgot to wait for it."),
    ):
        page.get_by_role("link", name="Record an attempt").click()
        chosen = page.get_by_label("Which rung did you try?").locator("option:checked")
        expect(chosen).to_have_text("Go to bed without a goodnight message (40)")
        _fill_attempt(page, "75", peak, "10", learned)
        expect(page.get_by_role("status")).to_have_text("Attempt saved.")
        assert re.fullmatch(r"/ladder/\d+\?saved=attempt#attempt-\d+", path_of(page))
    expect(page.locator(".ladder-table tbody tr")).to_have_count(3)
    expect(page.get_by_role("main")).to_contain_text("Getting easier.")
    expect(page.get_by_role("img", name=CHART)).to_be_visible()


def test_ladder_pages_pass_axe_in_light_and_dark(open_app: OpenApp) -> None:
    page = open_app.page("/ladder", bypass_csp=True)
    _add_rung(page, "Leave my phone in the car for lunch", "30")
    assert_accessible_light_and_dark(page, "/ladder")
    page.get_by_role("link", name="Record an attempt").first.click()
    page.get_by_role("button", name="Save attempt").click()  # nothing filled in
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible_light_and_dark(page, "the attempt form with notes")
    page.get_by_label("Which rung did you try?").select_option(
        label="Leave my phone in the car for lunch (30)"
    )
    _fill_attempt(page, "60", "40", "20", "Lunch was lunch.")
    expect(page.get_by_role("img", name=CHART)).to_be_visible()
    assert_accessible_light_and_dark(page, "a rung with its chart")
    page.get_by_role("link", name="Delete rung").click()
    assert_accessible_light_and_dark(page, "deleting a rung")
    page.context.close()
