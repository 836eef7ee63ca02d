"""Pause in the browser: a whole pause with JavaScript on and off, reduced motion, axe, 360 px."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.conftest import OpenApp
from tests.e2e.flows import (
    assert_accessible_light_and_dark,
    header,
    help_now_link,
    lock_button,
    path_of,
)

PHONE = {"width": 360, "height": 740}
RUNNING_QUESTION = "How strong is the urge to act right now?"
END_QUESTION = "How strong is the urge to act now?"


def pause_button(page: Page) -> Any:
    return header(page).get_by_role("button", name="Pause", exact=True)


def start_pause(page: Page) -> str:
    """From any page: close a pause an earlier test left open, then press Pause."""
    page.goto(re.sub(r"(http://127\.0\.0\.1:\d+).*", r"\1/pause", page.url))
    still_open = page.get_by_role("link", name="Go back to it")
    if still_open.count():
        still_open.click()
        page.get_by_role("button", name="Stop without finishing").click()
        expect(page.get_by_text("Stopped. Everything you wrote is saved.")).to_be_visible()
    pause_button(page).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pause")
    assert re.fullmatch(r"/pause/\d+", path_of(page)), page.url
    return path_of(page)


def urge(page: Page, question: str, value: int) -> None:
    group = page.get_by_role("group", name=question)
    group.get_by_role("radio", name=str(value), exact=True).check()


def write_during_pause(page: Page) -> None:
    urge(page, RUNNING_QUESTION, 8)
    page.get_by_label("What happened, in a few words?").fill("Seen at 22:10, no reply")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#now").get_by_role("status")).to_have_text("Saved in your vault.")

    page.get_by_label("The message you want to send").fill("Fine. I get it. Don't bother.")
    page.get_by_role("button", name="Keep it here").click()
    expect(page.locator("#message").get_by_role("status")).to_have_text("Saved in your vault.")

    page.get_by_label("What I'm telling myself").fill("He read it at 22:10.\nHe's done with me.")
    page.get_by_role("button", name="Save and sort").click()
    page.get_by_role("group", name="He read it at 22:10.").get_by_label(
        "I know this for a fact"
    ).check()
    page.get_by_role("group", name="He's done with me.").get_by_label(
        "This is a feeling or a guess"
    ).check()
    page.locator("#thoughts").get_by_role("button", name="Save").click()
    expect(page.get_by_text("They are not proof")).to_be_visible()

    # 5-4-3-2-1 works without script: a <details> the person opens.
    page.get_by_text("Come back to the room: 5, 4, 3, 2, 1").click()
    expect(page.get_by_text("5 things you can see.")).to_be_visible()
    expect(page.get_by_text("1 thing you can taste.")).to_be_visible()


def finish_pause(page: Page, address: str) -> None:
    page.get_by_role("button", name="End now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your pause has ended")
    expect(page.get_by_role("group", name=END_QUESTION)).to_contain_text("At the start it was 8.")
    message = page.get_by_label("Your message (change it here if you like)")
    expect(message).to_have_value("Fine. I get it. Don't bother.")
    urge(page, END_QUESTION, 3)
    message.fill("I felt hurt when I didn't hear back. Can we talk tomorrow?")
    page.get_by_label("Change it, then send").check()
    page.get_by_label("A note for yourself").fill("Breathing, then the walk to the kitchen.")
    page.get_by_role("button", name="Save and finish").click()

    expect(page).to_have_url(re.compile(re.escape(address) + r"\?finished=1$"))
    expect(page.get_by_role("status").first).to_have_text(
        "Saved. You gave yourself a pause, and that counts."
    )
    expect(page.get_by_label("The text, to select and copy")).to_have_value(
        "I felt hurt when I didn't hear back. Can we talk tomorrow?"
    )
    facts = page.locator(".pause-facts")
    expect(facts).to_contain_text("8 → 3")
    expect(facts).to_contain_text("Sent a changed message")
    expect(facts).to_contain_text("Seen at 22:10, no reply")
    link = page.get_by_role("link", name="Add it to my trigger log")
    expect(link).to_have_attribute("href", f"/trigger-log/new?from_pause={address.split('/')[-1]}")

    page.get_by_role("link", name="All pauses").click()
    row = page.locator(".pause-list > li").first
    expect(row).to_contain_text("8 → 3")
    expect(row).to_contain_text("Sent a changed message")


def test_a_whole_pause_with_javascript(open_app: OpenApp) -> None:
    context = open_app.context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(open_app.server.url("/journal"))
    address = start_pause(page)

    clock = page.get_by_role("timer", name="Time left")
    expect(clock).to_have_text(re.compile(r"^(20:00|19:5\d)$"))
    expect(clock).to_have_text(re.compile(r"^19:5\d$"))  # counts down live
    expect(page.locator("[data-left]")).to_have_text("20 minutes left")

    # Pressing Pause again goes back to the same pause: no duplicates.
    pause_button(page).click()
    expect(page).to_have_url(re.compile(re.escape(address) + "$"))

    write_during_pause(page)

    page.get_by_role("button", name="End now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your pause has ended")
    copy = page.get_by_role("button", name="Copy the message")
    expect(copy).to_be_visible()
    copy.click()
    expect(page.get_by_text("Copied. Nothing was sent")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == "Fine. I get it. Don't bother."
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your pause has ended")
    page.get_by_role("button", name="5 more minutes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pause")
    expect(page.locator("[data-left]")).to_have_text("5 minutes left")
    finish_pause(page, address)
    context.close()


def test_the_live_countdown_ends_calmly(open_app: OpenApp) -> None:
    """With a fake browser clock: at zero the page says so and offers the way on."""
    page = open_app.page("/")
    page.clock.install()
    start_pause(page)
    expect(page.get_by_role("button", name="End now")).to_be_visible()
    expect(page.locator("[data-time-up]")).to_be_hidden()
    page.wait_for_load_state("load")  # pause.js has run and set its timers on the fake clock
    # The browser's clock jumps 7 minutes; the server's did not: asking the server for the
    # time left (every 30 s) puts the countdown back in step with it.
    with page.expect_response("**/pause/*/time"):
        page.clock.fast_forward("07:00")
    expect(page.locator("[data-left]")).to_have_text("20 minutes left")
    # Without answers from the server, the page keeps counting on its own to zero.
    page.route("**/pause/*/time", lambda route: route.abort())
    page.clock.fast_forward("20:01")
    expect(page.get_by_role("timer", name="Time left")).to_have_text("0:00")
    expect(page.locator("[data-left]")).to_have_text("Time's up")
    expect(page.get_by_role("status").filter(has_text="Time's up.")).to_be_visible()
    page.get_by_role("button", name="Go to the end").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your pause has ended")
    page.get_by_role("button", name="Stop without finishing").click()


def test_a_whole_pause_without_javascript(open_app: OpenApp) -> None:
    page = open_app.page("/", java_script_enabled=False)
    address = start_pause(page)
    clock = page.get_by_role("timer", name="Time left")
    # The server's time, as of this page load, and nothing on the page that would change it
    # by itself without JavaScript (a refresh).
    remaining = int(clock.get_attribute("data-remaining") or "")
    expect(clock).to_have_text(f"{remaining // 60}:{remaining % 60:02d}")
    expect(page.locator('meta[http-equiv="refresh" i]')).to_have_count(0)

    page.get_by_role("button", name="10 min").click()
    expect(page.locator("[data-left]")).to_have_text("10 minutes left")
    expect(page.get_by_role("button", name="10 min")).to_have_attribute("aria-pressed", "true")

    write_during_pause(page)
    expect(page.get_by_role("button", name="Copy the message")).to_have_count(0)
    finish_pause(page, address)
    expect(page.get_by_role("button", name="Copy the message")).to_have_count(0)


def test_typed_text_survives_a_timer_button(open_app: OpenApp) -> None:
    """Every button on the running page sends the form: nothing typed is lost."""
    page = open_app.page("/", java_script_enabled=False)
    address = start_pause(page)
    page.get_by_label("The message you want to send").fill("Typed, then the timer pressed")
    page.get_by_role("button", name="5 more minutes").click()
    expect(page.get_by_label("The message you want to send")).to_have_value(
        "Typed, then the timer pressed"
    )
    page.get_by_role("button", name="Stop without finishing").click()
    expect(page).to_have_url(re.compile(re.escape(address) + r"\?stopped=1$"))
    expect(page.get_by_label("The text, to select and copy")).to_have_value(
        "Typed, then the timer pressed"
    )
    expect(page.get_by_role("link", name="Add it to my trigger log")).to_have_count(0)


def test_a_wrong_urge_is_explained_and_nothing_is_lost(open_app: OpenApp) -> None:
    page = open_app.page("/")
    address = start_pause(page)
    page.get_by_label("The message you want to send").fill("Keep me")
    # The chips only offer 0-10; a tampered value must still be refused plainly.
    page.locator('input[name="urge_before"][value="7"]').evaluate("el => { el.value = '11' }")
    urge(page, RUNNING_QUESTION, 7)
    page.get_by_role("button", name="Keep it here").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was lost")
    expect(page.get_by_text("Choose a number from 0 (no urge at all) to 10")).to_be_visible()
    expect(page.get_by_label("The message you want to send")).to_have_value("Keep me")
    page.goto(open_app.server.url(address))
    expect(page.get_by_label("The message you want to send")).to_have_value("")
    page.get_by_role("button", name="Stop without finishing").click()


def test_reduced_motion_shows_a_still_breathing_guide(open_app: OpenApp) -> None:
    still_text = "Breathe in 4 … hold 4 … out 6"
    page = open_app.page("/", reduced_motion="reduce")
    start_pause(page)
    expect(page.locator(".breathe-still")).to_be_visible()
    expect(page.locator(".breathe-still")).to_contain_text(still_text)
    expect(page.get_by_text("Breathe out slowly: 1, 2, 3, 4, 5, 6.")).to_be_visible()
    expect(page.locator(".breathe-animated")).to_be_hidden()

    moving = open_app.page(path_of(page), reduced_motion="no-preference")
    expect(moving.locator(".breathe-animated")).to_be_visible()
    expect(moving.locator(".breathe-still")).to_be_hidden()
    name = moving.locator(".breathe-circle").evaluate("el => getComputedStyle(el).animationName")
    assert name == "breathe-circle"
    moving.get_by_role("button", name="Stop without finishing").click()


def test_pause_pages_are_accessible(open_app: OpenApp) -> None:
    page = open_app.page("/pause", bypass_csp=True)
    start_pause(page)
    assert_accessible_light_and_dark(page, "running pause")
    urge(page, RUNNING_QUESTION, 6)
    page.get_by_label("What I'm telling myself").fill("No reply yet.\nShe's angry with me.")
    page.get_by_role("button", name="Save and sort").click()
    expect(page.get_by_role("group", name="No reply yet.")).to_be_visible()
    assert_accessible_light_and_dark(page, "running pause with thoughts to sort")

    page.get_by_role("button", name="End now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your pause has ended")
    assert_accessible_light_and_dark(page, "end screen")

    page.get_by_role("button", name="Save and finish").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pause on")
    assert_accessible_light_and_dark(page, "finished pause")
    page.get_by_role("link", name="All pauses").click()
    assert_accessible_light_and_dark(page, "pause history")


def expect_fits(page: Page, where: str) -> None:
    expect(page.get_by_role("main")).to_be_visible()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{where} scrolls sideways: {width}px wide"
    page.evaluate("() => window.scrollTo(0, 0)")  # after a save the page sits at its section
    for control in (help_now_link(page), lock_button(page), pause_button(page)):
        expect(control).to_be_in_viewport()


def test_pause_fits_a_phone(open_app: OpenApp) -> None:
    long_word = "a" * 120
    page = open_app.page("/", viewport=PHONE)
    start_pause(page)
    expect_fits(page, "running pause")
    expect(page.get_by_role("timer", name="Time left")).to_be_in_viewport()

    page.get_by_label("What happened, in a few words?").fill(f"What {long_word}")
    page.get_by_label("The message you want to send").fill(f"Message {long_word}")
    page.get_by_label("What I'm telling myself").fill(f"Thought {long_word}")
    page.get_by_role("button", name="Save and sort").click()
    expect(page.get_by_role("group", name=f"Thought {long_word}")).to_be_visible()
    expect_fits(page, "running pause with long words")

    page.get_by_role("button", name="End now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your pause has ended")
    expect_fits(page, "end screen")
    page.get_by_label("Don't send it").check()
    page.get_by_role("button", name="Save and finish").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pause on")
    expect_fits(page, "finished pause")
    page.get_by_role("link", name="All pauses").click()
    expect_fits(page, "pause history")
