"""Small steps and habits in the browser: "Done today" from home and a past day on the
habit's page, with JavaScript (htmx swaps, focus stays) and without it (plain forms); axe-core
in light and dark, and a 360 px phone screen."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import SERVER_TZ, OpenApp
from tests.e2e.flows import (
    SCHEMES,
    assert_accessible,
    assert_accessible_light_and_dark,
    expect_path,
    path_of,
)
from tests.e2e.test_small_screen import PHONE, expect_fits


def _today() -> date:
    return datetime.now(ZoneInfo(SERVER_TZ)).date()


def _day_button(page: Page, day: date) -> Locator:
    return page.locator(f"#day-{day.isoformat()}")


def _add_habit(page: Page, name: str, smallest: str = "Two stretches by the bed.") -> str:
    """From any page: add a daily habit through the form. Returns the habit's address."""
    page.goto(re.sub(r"(http://[^/]+).*", r"\1/habits/new", page.url))
    page.get_by_label("Your habit").fill(name)
    page.get_by_label("The smallest version").fill(smallest)
    page.get_by_role("button", name="Save habit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("status")).to_contain_text("Added.")
    return path_of(page).split("?", 1)[0]


def _tap(page: Page, name: str) -> Locator:
    return page.get_by_role("button", name=f"Done today ({name})")


def test_done_today_from_home_and_a_past_day_with_javascript(open_app: OpenApp) -> None:
    page = open_app.page("/")
    address = _add_habit(page, "Stretch in the morning")

    page.goto(open_app.server.url("/"))
    tap = _tap(page, "Stretch in the morning")
    expect(tap).to_have_attribute("aria-pressed", "false")
    tap.click()
    expect(tap).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#habits-status")).to_have_text("Noted. Done: Stretch in the morning.")
    # htmx swapped the list in place: still home, and the button keeps the focus.
    expect_path(page, "/")
    expect(tap).to_be_focused()
    row = page.locator(".habit-row").filter(has=tap)
    expect(row.locator(".habit-counts")).to_have_text("This week: 1 day · every day")

    tap.click()  # pressed again: taken back
    expect(tap).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#habits-status")).to_contain_text("Taken back.")
    expect(row.locator(".habit-counts")).to_have_text("This week: 0 days · every day")

    row.get_by_role("link", name="Stretch in the morning").click()
    expect_path(page, address)
    yesterday = _today() - timedelta(days=1)
    day = _day_button(page, yesterday)
    expect(day).to_have_attribute("aria-pressed", "false")
    day.click()
    expect(day).to_have_attribute("aria-pressed", "true")
    expect(day).to_be_focused()
    expect(page.locator("#days-status")).to_contain_text(f"Marked done: {yesterday:%A %-d %B}.")
    expect(page.locator(".habit-numbers")).to_contain_text("Longest run: 1 day in a row")
    expect_path(page, address)
    # Days still to come are shown, never offered.
    tomorrow = _today() + timedelta(days=1)
    expect(_day_button(page, tomorrow)).to_have_count(0)


def test_done_today_and_a_past_day_without_javascript(open_app: OpenApp) -> None:
    page = open_app.page("/", java_script_enabled=False)
    address = _add_habit(page, "Call a friend")
    habit_id = address.rsplit("/", 1)[1]

    page.goto(open_app.server.url("/"))
    _tap(page, "Call a friend").click()
    expect_path(page, f"/?habit={habit_id}&marked=done#habits-today")
    expect(page.locator("#habits-status")).to_have_text("Noted. Done: Call a friend.")
    expect(_tap(page, "Call a friend")).to_have_attribute("aria-pressed", "true")

    page.goto(open_app.server.url(address))
    two_days_ago = _today() - timedelta(days=2)
    _day_button(page, two_days_ago).click()
    assert path_of(page).startswith(f"{address}?habit={habit_id}&marked=done")
    expect(_day_button(page, two_days_ago)).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#days-status")).to_contain_text("Marked done:")
    expect(page.locator(".habit-numbers")).to_contain_text("This month:")


def test_habit_pages_pass_axe_and_fit_a_phone(open_app: OpenApp) -> None:
    page = open_app.page("/", bypass_csp=True, viewport=PHONE)
    address = _add_habit(page, "Wind down (both) " + "a" * 60, "Phone in another room.")
    pages = ["/habits", "/habits/new", address, f"{address}/delete", "/"]
    pages += ["/habits/reviews/new"]
    for path in pages:
        page.goto(open_app.server.url(path))
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            expect_fits(page, path, unlocked=True)
            assert_accessible(page, f"{path} ({scheme})", colours_only=scheme == "dark")

    page.goto(open_app.server.url("/habits/reviews/new"))
    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible_light_and_dark(page, "/habits/reviews/new with an error")
    page.get_by_label("What worked this week?").fill("Evenings without the phone.")
    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_role("status")).to_have_text("Saved.")
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        assert_accessible(page, f"a weekly review ({scheme})", colours_only=scheme == "dark")
        expect_fits(page, "a weekly review", unlocked=True)
