"""Thought records in the browser: a whole record with JavaScript on and off (an own trap added
on the way), resuming a draft from the list, axe-core on every step, and a 360 px phone."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import OpenApp
from tests.e2e.flows import assert_accessible_light_and_dark, path_of

PHONE = {"width": 360, "height": 740}
LONG_WORD = "a" * 80  # the longest own trap name: one unbroken word


def heading(page: Page) -> str:
    return page.get_by_role("heading", level=1).inner_text()


def expect_step(page: Page, title: str, number: int) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".tr-progress")).to_contain_text(f"Step {number} of 7")


def expect_thought(page: Page, thought: str) -> None:
    quote = page.locator("figure.tr-thought")
    expect(quote).to_be_visible()
    expect(quote.locator("figcaption")).to_have_text("Your automatic thought")
    expect(quote.locator("blockquote")).to_have_text(thought)


def go_on(page: Page, name: str = "Save and continue") -> None:
    page.get_by_role("button", name=name, exact=True).click()


def start(page: Page, situation: str, thought: str) -> str:
    """From any page: start a record and save its first two steps; returns its address."""
    page.goto(re.sub(r"(http://127\.0\.0\.1:\d+).*", r"\1/thought-records", page.url))
    page.get_by_role("link", name="Start a thought record").click()
    expect_step(page, "The situation", 1)
    expect(page.locator("figure.tr-thought")).to_have_count(0)
    page.get_by_label("What happened?").fill(situation)
    go_on(page)
    expect_step(page, "The automatic thought", 2)
    address = re.sub(r"/thought$", "", path_of(page))
    page.get_by_label("What went through your mind?").fill(thought)
    go_on(page)
    expect_step(page, "Emotions", 3)
    expect_thought(page, thought)
    return address


def rate(page: Page, emotion: str, value: int) -> None:
    page.get_by_label(emotion, exact=True).check()
    page.get_by_label(f"{emotion}: how strong, 0 to 10").fill(str(value))


def whole_record(page: Page, *, thought: str, own_trap: str) -> None:
    start(page, "He read my message at six and still hasn't replied.", thought)
    rate(page, "Abandoned", 8)
    rate(page, "Anxious", 6)
    go_on(page)

    expect_step(page, "Thinking traps", 4)
    expect_thought(page, thought)
    page.get_by_label("Mind reading", exact=True).check()
    about = page.locator("details").filter(has_text="About Emotional reasoning")
    about.locator("summary").click()
    expect(about).to_contain_text("Is this a fact or a feeling?")
    expect(about).to_contain_text("I feel abandoned, so I must be abandoned")
    page.get_by_label("Name", exact=True).fill(own_trap)
    page.get_by_label("A question that helps me step back").fill("Has it ever really happened?")
    page.get_by_role("button", name="Add this trap").click()
    expect(page.get_by_role("status")).to_contain_text("Your trap was added")
    expect(page.get_by_label(own_trap)).to_be_checked()
    expect(page.get_by_label("Mind reading", exact=True)).to_be_checked()
    expect_thought(page, thought)
    go_on(page)

    expect_step(page, "Fact or feeling?", 5)
    expect_thought(page, thought)
    expect(page.get_by_text("Has it ever really happened?")).to_be_visible()
    page.get_by_label("Evidence for the thought").fill("No reply for three hours.")
    page.get_by_label("Evidence against the thought").fill("He said he loved me this morning.")
    page.get_by_label("What would I tell a friend who thought this?").fill("Give it time.")
    go_on(page)

    expect_step(page, "A balanced thought", 6)
    expect_thought(page, thought)
    page.get_by_label("A more balanced thought").fill("He is often quiet at work.")
    go_on(page)

    expect_step(page, "Emotions now", 7)
    expect_thought(page, thought)
    page.get_by_label("Abandoned (before: 8)").fill("4")
    page.get_by_label("Anxious (before: 6)").fill("6")
    go_on(page, "Finish")

    expect(page.get_by_role("status")).to_have_text("Saved.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thought record")
    changes = page.locator(".tr-changes li")
    expect(changes).to_have_count(2)
    # In the order the words are listed: Anxious (fear and worry) before Abandoned (hurt).
    expect(changes.nth(0).locator('[aria-hidden="true"]')).to_have_text("Anxious 6 → 6")
    expect(changes.nth(1).locator('[aria-hidden="true"]')).to_have_text("Abandoned 8 → 4")
    expect(changes.nth(1).locator(".visually-hidden")).to_have_text(
        "Abandoned: 8 out of 10 before, 4 after (4 lower)"
    )
    main = page.get_by_role("main")
    expect(main).to_contain_text(thought)
    expect(main).to_contain_text("Mind reading")
    expect(main).to_contain_text(own_trap)
    expect(main).to_contain_text("He said he loved me this morning.")
    expect(main).to_contain_text("He is often quiet at work.")

    page.get_by_role("link", name="All thought records").click()
    finished = page.get_by_role("region", name="Finished")
    expect(finished.get_by_role("link", name=thought)).to_be_visible()


def test_a_whole_record_with_javascript(open_app: OpenApp) -> None:
    page = open_app.page("/")
    whole_record(page, thought="He is losing interest in me.", own_trap="Bracing for the drop")


def test_a_whole_record_without_javascript(open_app: OpenApp) -> None:
    page = open_app.page("/", java_script_enabled=False)
    whole_record(page, thought="She will get tired of me.", own_trap="Counting the silences")


def test_a_wrong_intensity_is_explained_and_kept(open_app: OpenApp) -> None:
    page = open_app.page("/", java_script_enabled=False)
    start(page, "Plans changed at the last minute.", "I am not a priority.")
    page.get_by_label("Rejected", exact=True).check()
    go_on(page)  # ticked, but no number yet
    expect(page.get_by_role("alert")).to_contain_text("Nothing was lost")
    expect(page.get_by_text("Rejected needs a number from 0 to 10.")).to_be_visible()
    expect(page.get_by_label("Rejected", exact=True)).to_be_checked()
    expect(page.get_by_label("Rejected: how strong, 0 to 10")).to_have_attribute(
        "aria-invalid", "true"
    )


def test_resume_a_draft_from_the_list(open_app: OpenApp) -> None:
    page = open_app.page("/")
    thought = "Nobody would notice if I stopped texting first."
    address = start(page, "A quiet weekend on my own.", thought)
    rate(page, "Lonely", 7)
    go_on(page)
    expect_step(page, "Thinking traps", 4)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Thought records").click()
    drafts = page.get_by_role("region", name="Drafts")
    expect(drafts).to_contain_text("Step 4 of 7: thinking traps")
    drafts.get_by_role("link", name=f"Continue: {thought}").click()
    expect_step(page, "Thinking traps", 4)
    expect_thought(page, thought)

    page.get_by_role("link", name="Back", exact=True).click()
    expect_step(page, "Emotions", 3)
    expect(page.get_by_label("Lonely", exact=True)).to_be_checked()
    expect(page.get_by_label("Lonely: how strong, 0 to 10")).to_have_value("7")

    page.goto(open_app.server.url(f"{address}/delete"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete this draft?")
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.get_by_role("status")).to_have_text("The record was deleted.")
    expect(page.get_by_role("link", name=f"Continue: {thought}")).to_have_count(0)


# -- accessibility -----------------------------------------------------------------------------


def test_every_step_passes_axe(open_app: OpenApp) -> None:
    page = open_app.page("/thought-records", bypass_csp=True)
    assert_accessible_light_and_dark(page, "/thought-records")
    page.get_by_role("link", name="Start a thought record").click()
    assert_accessible_light_and_dark(page, "step 1, new")
    page.get_by_label("What happened?").fill("   ")  # passes `required`, not the server
    go_on(page)
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible_light_and_dark(page, "step 1 with an error")
    page.get_by_label("What happened?").fill("Checked by axe")
    go_on(page)
    assert_accessible_light_and_dark(page, "step 2")
    page.get_by_label("What went through your mind?").fill("They will leave.")
    go_on(page)
    assert_accessible_light_and_dark(page, "step 3")
    page.get_by_label("Sad", exact=True).check()
    page.get_by_label("Calm", exact=True).check()
    go_on(page)
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible_light_and_dark(page, "step 3 with errors")
    page.get_by_label("Sad: how strong, 0 to 10").fill("7")
    page.get_by_label("Calm: how strong, 0 to 10").fill("2")
    go_on(page)
    assert_accessible_light_and_dark(page, "step 4")
    for trap in page.locator("details.tr-trap-details summary").all()[:3]:
        trap.click()
    assert_accessible_light_and_dark(page, "step 4 with traps open")
    go_on(page)
    assert_accessible_light_and_dark(page, "step 5")
    go_on(page)
    assert_accessible_light_and_dark(page, "step 6")
    page.get_by_label("A more balanced thought").fill("Maybe not.")
    go_on(page)
    assert_accessible_light_and_dark(page, "step 7")
    page.get_by_label("Sad (before: 7)").fill("5")
    page.get_by_label("Calm (before: 2)").fill("4")
    go_on(page, "Finish")
    expect(page.get_by_role("status")).to_have_text("Saved.")
    assert_accessible_light_and_dark(page, "finished record")
    page.get_by_role("main").get_by_role("link", name="Delete").click()
    assert_accessible_light_and_dark(page, "delete confirmation")
    page.goto(open_app.server.url("/thought-records/traps"))
    assert_accessible_light_and_dark(page, "/thought-records/traps")
    page.get_by_label("Name", exact=True).fill("  ")
    page.get_by_role("button", name="Add trap").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible_light_and_dark(page, "/thought-records/traps with an error")


# -- a 360 px phone screen ---------------------------------------------------------------------


def _width(page: Page) -> int:
    expect(page.get_by_role("main")).to_be_visible()
    width: int = page.evaluate("() => document.documentElement.scrollWidth")
    return width


def test_the_steps_fit_a_phone(open_app: OpenApp) -> None:
    page = open_app.page("/", viewport=PHONE)
    address = start(page, f"Long {LONG_WORD} situation", f"Long {LONG_WORD} thought")
    assert _width(page) <= PHONE["width"], "the emotions step scrolls sideways"
    intensity = page.get_by_label("Abandoned: how strong, 0 to 10").bounding_box()
    assert intensity is not None
    assert intensity["x"] + intensity["width"] <= PHONE["width"]
    rate(page, "Abandoned", 9)
    go_on(page)
    page.get_by_label("Name", exact=True).fill(LONG_WORD)
    page.get_by_role("button", name="Add this trap").click()
    expect(page.get_by_role("status")).to_contain_text("Your trap was added")

    too_wide = {}
    for stage in ("traps", "evidence", "balanced"):
        page.goto(open_app.server.url(f"{address}/{stage}"))
        if (width := _width(page)) > PHONE["width"]:
            too_wide[stage] = width
    for path in (address, "/thought-records", "/thought-records/traps"):
        page.goto(open_app.server.url(path))
        if (width := _width(page)) > PHONE["width"]:
            too_wide[path] = width
    assert not too_wide, f"pages that scroll sideways on a phone: {too_wide}"
    assert heading(page) == "Thinking traps"
