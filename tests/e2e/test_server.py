"""The real server process: Ctrl+C stops it, says so, and the browser can no longer reach it."""

from __future__ import annotations

import signal

import pytest
from playwright.sync_api import Error, Page, expect

from tests.e2e.conftest import RunningServer
from tests.e2e.flows import open_launch_link


def test_ctrl_c_stops_the_server_with_a_calm_message(
    cold_server: RunningServer, page: Page
) -> None:
    server = cold_server  # a fresh interpreter: Python's own start-up and Ctrl+C handling
    open_launch_link(page, server)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome to Anchored")

    server.process.send_signal(signal.SIGINT)
    assert server.process.wait(timeout=15) == 130
    with pytest.raises(Error, match="ERR_CONNECTION_REFUSED"):
        page.reload()
    assert "Anchored stopped. Your vault is locked." in server.log_text()
