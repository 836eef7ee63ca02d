"""Backups and delete everything in the browser: the download button gives a backup file; a
typed DELETE takes Anchored back to its first run. Accessible, light and dark, and at 360 px."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import OpenApp, RunningServer
from tests.e2e.flows import (
    SCHEMES,
    assert_accessible,
    assert_accessible_light_and_dark,
    expect_path,
    onboard,
    path_of,
    write_entry,
)
from tests.e2e.test_small_screen import PHONE, expect_fits


def test_download_a_backup(open_app: OpenApp, tmp_path: Path) -> None:
    page = open_app.page("/tools", bypass_csp=True, accept_downloads=True)
    page.get_by_role("link", name="Backups").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Backups")
    assert_accessible_light_and_dark(page, "/settings/backup")
    with page.expect_download() as caught:
        page.get_by_role("button", name="Download a backup").click()
    download = caught.value
    assert download.suggested_filename.startswith("anchored-backup-")
    assert download.suggested_filename.endswith(".anchored")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"ANCHORED-BACKUP\n")
    assert path_of(page) == "/settings/backup"  # the page stays where it was

    small = open_app.page("/", viewport=PHONE)
    for path in ("/settings/backup", "/settings/delete"):
        small.goto(open_app.server.url(path))
        for scheme in SCHEMES:
            small.emulate_media(color_scheme=scheme)
            expect_fits(small, f"{path} ({scheme})", unlocked=True)


def test_delete_everything_goes_back_to_the_first_run(
    server: RunningServer, new_context: Any
) -> None:
    page = new_context(bypass_csp=True, color_scheme="dark").new_page()
    onboard(page, server, country="United Kingdom")
    write_entry(page, title="Soon gone", body="Words that will be deleted.")
    page.goto(server.url("/settings/delete"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete everything")
    assert_accessible(page, "/settings/delete (dark)")

    page.get_by_role("button", name="Delete everything").click()
    expect(page.get_by_role("alert").first).to_contain_text("Nothing was deleted")
    page.get_by_label("Type DELETE to confirm").fill("DELETE")
    page.get_by_role("button", name="Delete everything").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Everything is deleted")
    assert_accessible(page, "/settings/delete/done (dark)")
    page.get_by_role("link", name="Start again").click()
    expect_path(page, "/welcome")
    expect(page.get_by_role("button", name="Create my private vault")).to_be_visible()
    assert sorted(p.name for p in server.data_dir.iterdir()) == ["vault.lock"]
