"""The 13 steps in the browser: an exercise from step 1 to the journal and back; axe-core checks."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from anchored.content.programme import load_programme
from anchored.features.learn.signs import load_signs
from tests.e2e.conftest import OpenApp
from tests.e2e.flows import assert_accessible_light_and_dark, expect_path

STEP_ONE = load_programme().steps[0]
STORY = STEP_ONE.exercise("tell-your-story")
BODY = "My grandmother's kitchen felt steady. The weekends at my father's flat did not."


def test_step_one_exercise_from_start_to_finish(open_app: OpenApp) -> None:
    assert STORY is not None
    assert STORY.prompt is not None
    page = open_app.page("/programme")
    expect(page.get_by_role("heading", level=1)).to_have_text("The 13 steps")
    page.get_by_role("link", name=f"1. {STEP_ONE.title}").click()
    expect_path(page, "/programme/1")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"1. {STEP_ONE.title}")
    mine = page.get_by_role("region", name="What I've written for this step")
    expect(mine).to_contain_text("Nothing yet.")

    page.get_by_role("link", name=re.compile(r"^Tell your story")).click()
    expect_path(page, "/journal/new?step=1&exercise=tell-your-story")
    expect(page.get_by_role("heading", level=1)).to_have_text("New entry")
    prompt = page.get_by_role("region", name="Step 1: Tell your story")
    expect(prompt).to_contain_text(STORY.prompt)
    expect(page.get_by_label("Title")).to_have_value("Tell your story")

    page.get_by_label("What's on your mind?").fill(BODY)
    page.get_by_role("button", name="Save entry").click()
    expect(page.get_by_role("status")).to_have_text("Saved.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell your story")
    expect(page.get_by_role("article")).to_contain_text(BODY)

    page.get_by_role("article").get_by_role("link", name="Step 1").click()
    expect_path(page, "/programme/1")
    mine = page.get_by_role("region", name="What I've written for this step")
    expect(mine.get_by_role("link", name="Tell your story")).to_be_visible()
    expect(mine).not_to_contain_text("Nothing yet.")

    page.get_by_role("link", name="Step 2", exact=True).click()
    expect_path(page, "/programme/2")
    expect(page.get_by_role("region", name="What I've written for this step")).to_contain_text(
        "Nothing yet."
    )


def test_mark_exploring_and_home_suggests_the_step(open_app: OpenApp) -> None:
    page = open_app.page("/programme/1")
    page.get_by_label("Where I am with this step").select_option(label="Exploring")
    page.get_by_role("button", name="Save", exact=True).click()
    expect_path(page, "/programme/1#step-1")
    expect(page.get_by_label("Where I am with this step")).to_have_value("exploring")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Programme").click()
    expect(page.get_by_label("Where I am with this step").first).to_have_value("exploring")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Home").click()
    today = page.get_by_role("region", name=re.compile(r"^Today's step"))
    expect(today.get_by_role("heading", level=2)).to_have_text(f"Today's step: 1. {STEP_ONE.title}")
    expect(today).to_contain_text(STEP_ONE.try_today)
    today.get_by_role("link", name="Open step 1").click()
    expect_path(page, "/programme/1")


@pytest.mark.parametrize(
    ("javascript", "solid", "practising"), [(True, 10, 11), (False, 12, 13)], ids=["js", "no-js"]
)
def test_one_save_for_every_step(
    open_app: OpenApp, javascript: bool, solid: int, practising: int
) -> None:
    page = open_app.page("/programme", java_script_enabled=javascript)
    glance = page.get_by_role("region", name="At a glance")
    expect(glance).to_be_visible()
    page.get_by_label(f"Where I am with this step (step {solid})").select_option(
        label="Feels solid"
    )
    page.get_by_label(f"Where I am with this step (step {practising})").select_option(
        label="Practising"
    )
    page.get_by_role("button", name="Save where I am").click()
    expect_path(page, "/programme?saved=1")
    expect(page.get_by_role("status")).to_contain_text("Saved.")
    solid_select = page.get_by_label(f"Where I am with this step (step {solid})")
    expect(solid_select).to_have_value("solid")
    expect(page.get_by_label(f"Where I am with this step (step {practising})")).to_have_value(
        "practising"
    )
    selects = page.get_by_label("Where I am with this step")
    values = [selects.nth(i).input_value() for i in range(13)]
    for status, label in [("solid", "Feels solid"), ("practising", "Practising")]:
        count = values.count(status)
        shown = f"{count} step{'' if count == 1 else 's'}"
        term = glance.get_by_text(label, exact=True)
        expect(term.locator("xpath=following-sibling::dd[1]")).to_have_text(shown)


def test_the_one_save_stays_in_reach_on_a_phone(open_app: OpenApp) -> None:
    page = open_app.page("/programme", viewport={"width": 360, "height": 740})
    save = page.get_by_role("button", name="Save where I am")
    for number in (1, 7, 13):
        page.get_by_label(f"Where I am with this step (step {number})").scroll_into_view_if_needed()
        expect(save).to_be_in_viewport()
    for path in ("/programme", "/programme/2", "/pause/breathe"):
        page.goto(open_app.server.url(path))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways: {width}px wide"


def test_breathing_and_grounding_exercises_open_the_guides(open_app: OpenApp) -> None:
    page = open_app.page("/programme/2")
    page.get_by_role("link", name=re.compile(r"^Slow breathing")).click()
    expect_path(page, "/pause/breathe")
    expect(page.get_by_role("heading", name="Breathe slowly")).to_be_visible()
    page.go_back()
    page.get_by_role("link", name=re.compile(r"^Ground yourself")).click()
    expect_path(page, "/pause/breathe#ground")
    expect(page.get_by_text("5 things you can see.")).to_be_in_viewport()


def test_fact_or_feeling_opens_a_thought_record(open_app: OpenApp) -> None:
    page = open_app.page("/programme/8")
    page.get_by_role("link", name=re.compile(r"^Is this a fact or a feeling\?")).click()
    expect_path(page, "/thought-records/new")


def test_an_empty_signs_reflection_is_refused(open_app: OpenApp) -> None:
    page = open_app.page("/learn/signs", java_script_enabled=False)
    page.get_by_role("button", name="Save today's reflection").click()
    error = page.get_by_text("Tick at least one sign")
    expect(error).to_be_visible()
    expect(
        page.get_by_role("group", name="Signs I recognise in myself right now")
    ).to_have_attribute("aria-describedby", "signs-error")
    expect(page.get_by_text("0 of 13 felt familiar")).to_have_count(0)


# -- accessibility -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/programme",
        "/programme/1",
        "/programme/13",
        "/journal/new?step=1&exercise=tell-your-story",
        "/learn",
        "/learn/what-it-is",
        "/learn/signs",
        "/partner-guide",
        "/therapy",
        "/pause/breathe",
    ],
)
def test_programme_pages_are_accessible(open_app: OpenApp, path: str) -> None:
    page = open_app.page(path, bypass_csp=True)
    expect(page.get_by_role("main")).to_be_visible()
    assert_accessible_light_and_dark(page, path)


def test_pages_after_using_them_are_accessible(open_app: OpenApp) -> None:
    page = open_app.page("/learn/signs", bypass_csp=True)
    page.get_by_role("button", name="Save today's reflection").click()
    expect(page.get_by_text("Tick at least one sign")).to_be_visible()
    assert_accessible_light_and_dark(page, "/learn/signs refusing an empty reflection")
    page.get_by_label(load_signs().signs[0].text).check()
    page.get_by_role("button", name="Save today's reflection").click()
    expect(page.get_by_role("status")).to_contain_text("Saved with today's date.")
    expect(page.get_by_text(re.compile(r"\d+ of 13 felt familiar")).first).to_be_visible()
    assert_accessible_light_and_dark(page, "/learn/signs with a reflection")

    page.goto(open_app.server.url("/programme"))
    page.get_by_role("button", name="Save where I am").click()
    expect(page.get_by_role("status")).to_contain_text("Saved.")
    assert_accessible_light_and_dark(page, "/programme after saving")

    page.goto(open_app.server.url("/therapy"))
    page.get_by_role("button", name="See what might fit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Professional help")
    assert_accessible_light_and_dark(page, "/therapy with an error")

    page.get_by_label("No, I don't feel safe.").check()
    page.get_by_role("button", name="See what might fit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What might fit: Individual therapy")
    expect(page.get_by_role("status")).to_contain_text("Your safety comes first")
    assert_accessible_light_and_dark(page, "decision aid suggestion")

    page.goto(open_app.server.url("/therapy"))
    page.get_by_label("Add something to bring up").fill("Checked by axe")
    page.get_by_role("button", name="Add to my list").click()
    expect(page.get_by_text("Checked by axe", exact=True)).to_be_visible()
    assert_accessible_light_and_dark(page, "/therapy with session notes")
