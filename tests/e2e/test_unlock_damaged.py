"""A damaged vault in a real browser: the calm page, accessible in light and dark, fits a
360 px phone with Help now in reach, with and without JavaScript; the file stays as it was."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import RunningServer
from tests.e2e.flows import (
    assert_accessible,
    help_now_link,
    lock,
    onboard,
)

PHONE = {"width": 360, "height": 740}


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_an_emptied_database_shows_what_to_do(
    server: RunningServer, new_context: Any, javascript: bool
) -> None:
    setup = new_context()
    page = setup.new_page()
    onboard(page, server, country="United Kingdom")
    lock(page)
    cookies = setup.cookies()
    setup.close()
    database = server.data_dir / "anchored.db"
    database.write_bytes(b"")

    for scheme in ("light", "dark"):
        context = new_context(
            bypass_csp=True, color_scheme=scheme, viewport=PHONE, java_script_enabled=javascript
        )
        context.add_cookies(cookies)
        page = context.new_page()
        page.goto(server.url("/"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Your vault can\u2019t be opened")
        expect(
            page.get_by_role("listitem").filter(has_text="anchored restore FILE")
        ).to_be_visible()
        expect(page.get_by_text("Your recovery key can\u2019t help with this.")).to_be_visible()
        expect(help_now_link(page)).to_be_in_viewport()
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the page scrolls sideways: {width}px wide"
        if javascript:
            assert_accessible(page, f"damaged vault ({scheme})")
        help_now_link(page).click()
        expect(page).to_have_url(server.url("/help"))
        context.close()

    assert database.stat().st_size == 0
    assert "Traceback" not in server.log_text()
