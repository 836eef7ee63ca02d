"""Export in the browser without JavaScript: the warning, the confirm box, a download that
holds what was written; axe-core in light and dark, and a 360 px phone screen."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import OpenApp
from tests.e2e.flows import (
    assert_accessible_light_and_dark,
    path_of,
    write_entry,
)
from tests.e2e.test_small_screen import PHONE, expect_fits


def test_download_only_after_the_confirm_box_without_javascript(open_app: OpenApp) -> None:
    page = open_app.page("/journal", java_script_enabled=False, accept_downloads=True)
    write_entry(page, title="Morning", body="The gulls were loud at the harbour.")
    page.goto(open_app.server.url("/tools"))
    page.get_by_role("link", name="Export your data").click()
    assert path_of(page) == "/settings/export"
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name="This copy is not encrypted")).to_be_visible()
    expect(main).to_contain_text("Journal: 1 record")

    # Without the box ticked the browser keeps the form (the box is required) …
    page.get_by_role("button", name="Download the export").click()
    assert path_of(page) == "/settings/export"
    expect(
        page.get_by_label("I understand this file is not encrypted", exact=False)
    ).not_to_be_checked()

    # … ticked, the JSON export downloads.
    page.get_by_label("I understand this file is not encrypted", exact=False).check()
    with page.expect_download() as caught:
        page.get_by_role("button", name="Download the export").click()
    download = caught.value
    assert download.suggested_filename.startswith("anchored-export-")
    doc = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    bodies = [e["body"] for e in doc["sections"]["journal"]["journal_entries"]]
    assert "The gulls were loud at the harbour." in bodies


def test_the_export_page_is_accessible_and_fits_a_phone(open_app: OpenApp) -> None:
    page = open_app.page("/settings/export", bypass_csp=True)
    assert_accessible_light_and_dark(page, "/settings/export")
    page.context.close()
    page = open_app.page("/settings/export", viewport=PHONE)
    expect_fits(page, "/settings/export", unlocked=True)
