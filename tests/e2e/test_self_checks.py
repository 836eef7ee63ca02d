"""Self-checks in the browser: PHQ-9 with item 9 above 0 and JavaScript off (unanswered items
named, nothing lost, then the help card before the score), and a phone screen with one
question per screen; axe in light and dark."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import OpenApp
from tests.e2e.flows import SCHEMES, assert_accessible, assert_accessible_light_and_dark
from tests.e2e.test_small_screen import PHONE, expect_fits

PHQ9 = ["Several days", "More than half the days", "Not at all", "Several days",
        "Nearly every day", "Several days", "Not at all", "More than half the days",
        "Several days"]  # fmt: skip


def answer(page: Page, number: int, label: str) -> None:
    page.locator(f"#q-{number}").get_by_label(label, exact=True).check()


def test_phq9_item9_with_javascript_off_puts_the_help_card_first(open_app: OpenApp) -> None:
    page = open_app.page("/self-checks/phq9", java_script_enabled=False)
    for number, label in enumerate(PHQ9, start=1):
        if number != 2:
            answer(page, number, label)
    page.get_by_role("button", name="See my result").click()

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Question 2 has no answer yet.")
    expect(page.locator("#q-1").get_by_label("Several days", exact=True)).to_be_checked()
    expect(page.get_by_role("region", name="Before anything else")).to_be_visible()
    alert.get_by_role("link", name="Question 2 has no answer yet.").click()
    answer(page, 2, PHQ9[1])
    page.get_by_role("button", name="See my result").click()

    card = page.get_by_role("region", name="Before anything else")
    expect(card).to_contain_text("thoughts of being better off dead or of hurting yourself")
    expect(card).to_contain_text("Nobody has been alerted")
    expect(page.locator("main > *").first).to_have_attribute("aria-labelledby", "support-heading")
    expect(page.get_by_role("heading", level=1)).to_have_text("PHQ-9 result")
    expect(page.get_by_text("Score range: moderate (10–14)")).to_be_visible()  # noqa: RUF001
    card.get_by_role("link", name="Open my safety plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My safety plan")


def test_one_question_per_screen_on_a_phone_and_axe_clean(open_app: OpenApp) -> None:
    page = open_app.page("/self-checks/gad7", viewport=PHONE, bypass_csp=True)
    first = page.locator("#q-1")
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        expect_fits(page, f"/self-checks/gad7 ({scheme})", unlocked=True)
        height = first.bounding_box()["height"]  # type: ignore[index]
        assert height >= PHONE["height"] * 0.75, f"a question is {height}px tall on a phone"
        assert_accessible(page, f"GAD-7 form, phone, {scheme}")
    first.get_by_label("Several days", exact=True).check()
    first.get_by_role("link", name="Next question").click()
    expect(page.locator("#q-2")).to_be_in_viewport()
    for number in range(2, 8):
        answer(page, number, "Not at all")
    page.get_by_role("button", name="See my result").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("GAD-7 result")
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        expect_fits(page, f"GAD-7 result ({scheme})", unlocked=True)
        assert_accessible(page, f"GAD-7 result, phone, {scheme}")

    desktop = open_app.page("/self-checks", bypass_csp=True)
    expect(desktop.get_by_role("link", name="Your GAD-7 results")).to_be_visible()
    assert_accessible_light_and_dark(desktop, "self-checks list, desktop")
    desktop.goto(open_app.server.url("/self-checks/gad7/history"))
    assert_accessible_light_and_dark(desktop, "GAD-7 history, desktop")
    desktop.goto(open_app.server.url("/self-checks/reminders"))
    assert_accessible_light_and_dark(desktop, "reminders, desktop")
