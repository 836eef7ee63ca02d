"""Trigger log and reassurance tracker in the browser: taps from home (with and without
JavaScript), the week's chart and table, axe-core, and a 360 px phone screen."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from playwright.sync_api import Locator, Page, expect

from anchored.features.reassurance.rules import DAY_NAMES
from tests.e2e.conftest import SERVER_TZ, OpenApp
from tests.e2e.flows import (
    assert_accessible_light_and_dark,
    expect_path,
    path_of,
)

PHONE = {"width": 360, "height": 740}
LONG_NAME = "a" * 120  # the longest own behaviour: one unbroken word


def _today() -> str:
    """Today's row label in the week table, e.g. 'Wed 25', in the server's time zone."""
    now = datetime.now(ZoneInfo(SERVER_TZ))
    return f"{now:%a} {now.day}"


def _row(page: Page, name: str) -> Locator:
    return page.locator(".tap-row").filter(has=page.locator(".tap-name", has_text=name))


def _today_in_table(page: Page) -> tuple[int, int]:
    row = page.locator(".week-table tbody tr").filter(
        has=page.get_by_role("rowheader", name=_today(), exact=True)
    )
    cells = row.locator("td")
    return int(cells.nth(0).inner_text()), int(cells.nth(1).inner_text())


def _chart_values_for_today(page: Page) -> tuple[int, int]:
    index = DAY_NAMES.index(_today().split()[0])
    values = page.locator(".week-chart .chart-value").all_text_contents()
    # Two numbers (urges, acts) per day up to today; future days have none.
    return int(values[2 * index]), int(values[2 * index + 1])


# -- taps from home ----------------------------------------------------------------------------


def test_taps_from_home_then_the_week_shows_them(open_app: OpenApp) -> None:
    page = open_app.page("/reassurance")
    before = _today_in_table(page)

    page.goto(open_app.server.url("/"))
    row = _row(page, "Asking for reassurance")
    urge = row.get_by_role("button", name="I felt the urge (Asking for reassurance)")
    act = row.get_by_role("button", name="I did it (Asking for reassurance)")
    urge.click()
    expect(page.locator("#tap-status")).to_contain_text("Noted.")
    expect(row.locator(".tap-counts")).to_have_text("Today: 1 urge, did it 0 times")
    urge.click()
    act.click()
    expect(row.locator(".tap-counts")).to_have_text("Today: 2 urges, did it 1 time")
    expect(page.locator("#tap-status")).to_contain_text("Did it: Asking for reassurance.")
    # htmx swapped the counts in place: still home, and the tapped button keeps the focus.
    expect_path(page, "/")
    expect(act).to_be_focused()

    page.get_by_role("link", name="Your week and your goal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Checking and reassurance")
    after = _today_in_table(page)
    assert after == (before[0] + 2, before[1] + 1)
    assert _chart_values_for_today(page) == after
    chart = page.get_by_role("img", name=re.compile("^Chart: urges and times you did it"))
    expect(chart).to_be_visible()


def test_taps_and_undo_work_without_javascript(open_app: OpenApp) -> None:
    page = open_app.page("/", java_script_enabled=False)
    row = _row(page, "Re-reading old messages")
    counts = row.locator(".tap-counts")
    before = counts.inner_text()
    row.get_by_role("button", name="I did it (Re-reading old messages)").click()
    assert re.fullmatch(r"/\?noted=\d+#reassurance-taps", path_of(page))
    expect(page.locator("#tap-status")).to_contain_text("Noted.")
    expect(counts).not_to_have_text(before)

    page.get_by_role("button", name="Undo that tap").click()
    expect_path(page, "/?undone=1#reassurance-taps")
    expect(page.locator("#tap-status")).to_have_text("Taken back.")
    expect(counts).to_have_text(before)


def test_a_goal_and_an_own_behaviour(open_app: OpenApp) -> None:
    page = open_app.page("/reassurance")
    page.get_by_label("At most this many times a day").fill("3")
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_role("status").first).to_have_text("Your goal for this week is saved.")
    expect(page.locator("#tap-today")).to_contain_text("for today")

    page.get_by_label("Add something of your own").fill("Asking friends what it meant")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#behaviours")).to_contain_text("Asking friends what it meant")
    page.goto(open_app.server.url("/"))
    expect(_row(page, "Asking friends what it meant")).to_have_count(1)

    page.goto(open_app.server.url("/reassurance"))
    page.get_by_role("link", name="Remove “Asking friends what it meant”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stop tracking this?")
    page.get_by_role("button", name="Yes, remove it").click()
    expect(page.locator("#behaviours")).not_to_contain_text("Asking friends what it meant")


# -- trigger log -------------------------------------------------------------------------------


def _log_trigger(page: Page, trigger: str, new_response: str = "") -> None:
    page.goto(re.sub(r"(http://[^/]+).*", r"\1/trigger-log/new", page.url))
    page.get_by_label("What set it off?").fill(trigger)
    page.get_by_label("Where might it come from?").fill("Being left waiting as a child.")
    page.get_by_label("What do I usually do?").fill("Send message after message.")
    page.get_by_label("What would I like to do instead?").fill(new_response)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^Saved\."))


def test_log_a_trigger_then_find_it(open_app: OpenApp) -> None:
    page = open_app.page("/trigger-log")
    _log_trigger(page, "He cancelled our plans by text.", "Breathe, then ask calmly.")
    expect(page.get_by_role("main")).to_contain_text("Breathe, then ask calmly.")
    page.get_by_role("link", name="All entries").click()
    expect(page.get_by_role("link", name="He cancelled our plans by text.")).to_be_visible()


# -- accessibility -----------------------------------------------------------------------------


def test_tracker_and_trigger_log_pages_pass_axe(open_app: OpenApp) -> None:
    page = open_app.page("/trigger-log", bypass_csp=True)
    assert_accessible_light_and_dark(page, "/trigger-log")
    page.goto(open_app.server.url("/trigger-log/new"))
    assert_accessible_light_and_dark(page, "/trigger-log/new")
    page.get_by_label("What set it off?").fill("   ")  # passes `required`, not the server
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible_light_and_dark(page, "/trigger-log/new with an error")

    _log_trigger(page, "Checked by axe")
    assert_accessible_light_and_dark(page, "trigger log entry")
    page.get_by_role("main").get_by_role("link", name="Delete").click()
    assert_accessible_light_and_dark(page, "trigger log delete confirmation")
    page.goto(open_app.server.url("/trigger-log"))
    assert_accessible_light_and_dark(page, "/trigger-log with entries")

    page.goto(open_app.server.url("/"))
    _row(page, "Checking their social media").get_by_role(
        "button", name="I felt the urge (Checking their social media)"
    ).click()
    expect(page.locator("#tap-status")).to_contain_text("Noted.")
    assert_accessible_light_and_dark(page, "home with taps")

    page.goto(open_app.server.url("/reassurance"))
    assert_accessible_light_and_dark(page, "/reassurance")
    page.get_by_label("Add something of your own").fill("")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible_light_and_dark(page, "/reassurance with an error")


# -- a 360 px phone screen ---------------------------------------------------------------------


def _width(page: Page) -> int:
    expect(page.get_by_role("main")).to_be_visible()
    width: int = page.evaluate("() => document.documentElement.scrollWidth")
    return width


def test_pages_fit_a_phone(open_app: OpenApp) -> None:
    page = open_app.page("/reassurance", viewport=PHONE)
    page.get_by_label("Add something of your own").fill(LONG_NAME)
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#behaviours")).to_contain_text(LONG_NAME)
    _log_trigger(page, f"Long {LONG_NAME} trigger", f"New {LONG_NAME} response")
    entry = path_of(page).split("?", 1)[0]

    too_wide: dict[str, Any] = {}
    for path in ["/", "/reassurance", "/trigger-log", "/trigger-log/new", entry, f"{entry}/edit"]:
        page.goto(open_app.server.url(path))
        if (width := _width(page)) > PHONE["width"]:
            too_wide[path] = width
    assert not too_wide, f"pages that scroll sideways on a phone: {too_wide}"

    page.goto(open_app.server.url("/reassurance"))
    chart = page.locator(".week-chart")
    box = chart.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]
    table = page.locator(".week-table").bounding_box()
    assert table is not None
    assert table["x"] + table["width"] <= PHONE["width"]
