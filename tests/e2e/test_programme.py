"""The 13 steps in the browser: an exercise from step 1 to the journal and back; axe-core checks."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from anchored.content.programme import load_programme
from anchored.features.learn.signs import load_signs
from tests.e2e.conftest import OpenApp
from tests.e2e.flows import assert_accessible, expect_path

STEP_ONE = load_programme().steps[0]
STORY = STEP_ONE.exercise("tell-your-story")
SCHEMES = ["light", "dark"]
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


# -- accessibility -------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
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
    ],
)
def test_programme_pages_are_accessible(open_app: OpenApp, path: str, scheme: str) -> None:
    page = open_app.page(path, bypass_csp=True, color_scheme=scheme)
    expect(page.get_by_role("main")).to_be_visible()
    assert_accessible(page, f"{path} ({scheme})")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_pages_after_using_them_are_accessible(open_app: OpenApp, scheme: str) -> None:
    page = open_app.page("/learn/signs", bypass_csp=True, color_scheme=scheme)
    page.get_by_label(load_signs().signs[0].text).check()
    page.get_by_role("button", name="Save today's reflection").click()
    expect(page.get_by_role("status")).to_contain_text("Saved with today's date.")
    expect(page.get_by_text(re.compile(r"\d+ of 13 felt familiar")).first).to_be_visible()
    assert_accessible(page, f"/learn/signs with a reflection ({scheme})")

    page.goto(open_app.server.url("/therapy"))
    page.get_by_role("button", name="See what might fit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Professional help")
    assert_accessible(page, f"/therapy with an error ({scheme})")

    page.get_by_label("No, I don't feel safe.").check()
    page.get_by_role("button", name="See what might fit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What might fit: Individual therapy")
    expect(page.get_by_role("status")).to_contain_text("Your safety comes first")
    assert_accessible(page, f"decision aid suggestion ({scheme})")

    page.goto(open_app.server.url("/therapy"))
    page.get_by_label("Add something to bring up").fill(f"Checked by axe ({scheme})")
    page.get_by_role("button", name="Add to my list").click()
    expect(page.get_by_text(f"Checked by axe ({scheme})", exact=True)).to_be_visible()
    assert_accessible(page, f"/therapy with session notes ({scheme})")
