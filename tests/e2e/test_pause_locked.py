"""Pause without an open vault, in the browser: while locked and before setup it works, keeps
nothing, and at its end can be kept by unlocking or let go. JavaScript on and off."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from anchored.services.vault import Vault
from tests.e2e.conftest import OpenApp, RunningServer
from tests.e2e.flows import (
    assert_accessible_light_and_dark,
    expect_path,
    header,
    help_now_link,
    lock,
    open_launch_link,
    path_of,
    unlock,
)

PHONE = {"width": 360, "height": 740}
RUNNING_QUESTION = "How strong is the urge to act right now?"
END_QUESTION = "How strong is the urge to act now?"
NOT_SAVED = "Nothing you write here is saved"


def pause_button(page: Page) -> Any:
    return header(page).get_by_role("button", name="Pause", exact=True)


def urge(page: Page, question: str, value: int) -> None:
    group = page.get_by_role("group", name=question)
    group.get_by_role("radio", name=str(value), exact=True).check()


def pauses_kept(page: Page) -> int:
    page.goto(re.sub(r"(http://127\.0\.0\.1:\d+).*", r"\1/pause", page.url))
    return page.locator(".pause-list > li").count()


def locked_pause(open_app: OpenApp, **kwargs: Any) -> tuple[Page, int]:
    """Lock, then press Pause in the header. Returns the page and how many pauses were kept
    before."""
    page = open_app.page("/", **kwargs)
    before = pauses_kept(page)
    lock(page)
    pause_button(page).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pause")
    assert path_of(page).startswith("/pause/unsaved"), page.url
    expect(page.get_by_text(NOT_SAVED)).to_be_visible()
    return page, before


def write_and_sort(page: Page) -> None:
    urge(page, RUNNING_QUESTION, 8)
    page.get_by_label("What happened, in a few words?").fill("Seen at 01:50, no reply")
    page.get_by_label("The message you want to send").fill("Fine. I get it. Don't bother.")
    page.get_by_label("What I'm telling myself").fill("He read it at 01:50.\nHe's done with me.")
    page.get_by_role("button", name="Sort them").click()
    page.get_by_role("group", name="He read it at 01:50.").get_by_label(
        "I know this for a fact"
    ).check()
    page.get_by_role("group", name="He's done with me.").get_by_label(
        "This is a feeling or a guess"
    ).check()
    page.get_by_role("button", name="Update").click()
    expect(page.get_by_text("They are not proof")).to_be_visible()
    expect(page.get_by_label("The message you want to send")).to_have_value(
        "Fine. I get it. Don't bother."
    )
    page.get_by_text("Come back to the room: 5, 4, 3, 2, 1").click()
    expect(page.get_by_text("5 things you can see.")).to_be_visible()


def reach_the_end(page: Page) -> None:
    page.get_by_role("button", name="End now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your pause has ended")
    expect(page.get_by_role("group", name=END_QUESTION)).to_contain_text("At the start it was 8.")
    expect(page.get_by_label("Your message (change it here if you like)")).to_have_value(
        "Fine. I get it. Don't bother."
    )
    urge(page, END_QUESTION, 3)
    page.get_by_label("Don't send it").check()
    page.get_by_label("A note for yourself").fill("Breathing, in the dark.")


def test_locked_pause_with_javascript_kept_by_unlocking(open_app: OpenApp) -> None:
    page, before = locked_pause(open_app)
    clock = page.get_by_role("timer", name="Time left")
    expect(clock).to_have_text(re.compile(r"^19:5\d$"))  # counts down live, in the browser
    expect(page.get_by_text("Your safety plan stays locked")).to_be_visible()
    write_and_sort(page)
    reach_the_end(page)

    page.get_by_role("button", name="Unlock and keep it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome back")
    expect(page.get_by_role("status")).to_contain_text("It is not lost")
    unlock(page)
    page.get_by_role("button", name="Save it now").click()
    expect(page.get_by_role("status").first).to_have_text(
        "Kept in your vault. You gave yourself a pause, and that counts."
    )
    facts = page.locator(".pause-facts")
    expect(facts).to_contain_text("8 → 3")
    expect(facts).to_contain_text("Didn't send it")
    expect(facts).to_contain_text("Seen at 01:50, no reply")
    expect(page.get_by_text("Breathing, in the dark.")).to_be_visible()
    thoughts = page.locator(".thought-list")
    expect(thoughts.get_by_role("listitem").first).to_contain_text("Fact")
    expect(thoughts.get_by_role("listitem").last).to_contain_text("Feeling or guess")
    assert pauses_kept(page) == before + 1


def test_locked_pause_without_javascript_let_go(open_app: OpenApp) -> None:
    page, before = locked_pause(open_app, java_script_enabled=False)
    clock = page.get_by_role("timer", name="Time left")
    expect(clock).to_have_text("20:00")  # the server's time, as of this page
    page.get_by_role("button", name="10 min").click()
    expect(page.locator("[data-left]")).to_have_text(re.compile(r"^(10|9) minutes? left$"))
    expect(page.get_by_role("button", name="10 min")).to_have_attribute("aria-pressed", "true")
    write_and_sort(page)
    page.get_by_role("button", name="5 more minutes").click()
    expect(page.get_by_label("What happened, in a few words?")).to_have_value(
        "Seen at 01:50, no reply"
    )
    reach_the_end(page)
    expect(page.get_by_role("button", name="Copy the message")).to_have_count(0)

    page.get_by_role("link", name="Let it go").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You let it go")
    expect(page.get_by_text("Nothing from this pause was kept.")).to_be_visible()
    page.goto(open_app.server.url("/"))
    unlock(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("How are you right now?")
    assert pauses_kept(page) == before


def test_before_setup_a_pause_works_and_says_it_cannot_be_kept(
    server: RunningServer, new_context: Any
) -> None:
    page = new_context().new_page()
    open_launch_link(page, server)
    expect_path(page, "/welcome")
    pause_button(page).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pause")
    expect(page.get_by_text(NOT_SAVED)).to_contain_text("isn't set up yet")
    page.get_by_label("The message you want to send").fill("Please just answer me.")
    page.get_by_role("button", name="End now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your pause has ended")
    expect(page.get_by_label("Your message (change it here if you like)")).to_have_value(
        "Please just answer me."
    )
    expect(page.get_by_role("button", name="Unlock and keep it")).to_have_count(0)
    expect(page.get_by_text("Anchored isn't set up yet").first).to_be_visible()
    page.get_by_role("link", name="Let it go").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You let it go")
    assert not Vault(server.data_dir).exists()


def test_the_safety_plan_says_it_is_behind_the_lock(open_app: OpenApp) -> None:
    page = open_app.page("/")
    lock(page)
    page.goto(open_app.server.url("/safety-plan"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your safety plan is behind the lock")
    expect(page.get_by_text("names and numbers")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Help now").click()
    expect_path(page, "/help")
    expect(page.get_by_role("heading", level=1)).to_have_text("Help now")


def test_locked_pause_pages_are_accessible(open_app: OpenApp) -> None:
    page, _before = locked_pause(open_app, bypass_csp=True)
    assert_accessible_light_and_dark(page, "locked pause")
    page.get_by_label("What I'm telling myself").fill("No reply yet.\nShe's angry with me.")
    page.get_by_role("button", name="Sort them").click()
    expect(page.get_by_role("group", name="No reply yet.")).to_be_visible()
    assert_accessible_light_and_dark(page, "locked pause with thoughts")
    page.get_by_role("button", name="End now").click()
    assert_accessible_light_and_dark(page, "locked pause's end")
    page.get_by_role("link", name="Let it go").click()
    assert_accessible_light_and_dark(page, "let it go")
    page.goto(open_app.server.url("/safety-plan"))
    assert_accessible_light_and_dark(page, "safety plan behind the lock")


def expect_fits(page: Page, where: str) -> None:
    expect(page.get_by_role("main")).to_be_visible()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{where} scrolls sideways: {width}px wide"
    page.evaluate("() => window.scrollTo(0, 0)")
    for control in (help_now_link(page), pause_button(page)):
        expect(control).to_be_in_viewport()


def test_locked_pause_fits_a_phone(open_app: OpenApp) -> None:
    long_word = "a" * 120
    page, _before = locked_pause(open_app, viewport=PHONE)
    expect_fits(page, "locked pause")
    page.get_by_label("The message you want to send").fill(f"Message {long_word}")
    page.get_by_label("What I'm telling myself").fill(f"Thought {long_word}")
    page.get_by_role("button", name="Sort them").click()
    expect(page.get_by_role("group", name=f"Thought {long_word}")).to_be_visible()
    expect_fits(page, "locked pause with long words")
    page.get_by_role("button", name="End now").click()
    expect_fits(page, "locked pause's end")
