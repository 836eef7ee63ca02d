"""Hosted mode in a real browser: `anchored hosted serve` on PostgreSQL. The first admin's
link makes the admin, who invites a person; the person (on a phone, without JavaScript)
makes an account, writes a journal entry and signs out. The account pages pass axe in light
and dark (with JavaScript: axe needs it) and fit 360 px."""

from __future__ import annotations

import base64
import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import SERVER_TZ
from tests.e2e.flows import assert_accessible

PASSWORD = "a long walk by the sea"
PHONE = {"width": 360, "height": 740}


def _free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def hosted_server(pg_database: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(base URL, the first admin's link) of a running hosted server."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    key = tmp_path / "master.key"
    key.write_bytes(base64.b64encode(os.urandom(32)))
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANCHORED_")}
    env.update(
        ANCHORED_DATABASE_URL=pg_database,
        ANCHORED_MASTER_KEY_FILE=str(key),
        ANCHORED_PUBLIC_URL=base,
        ANCHORED_DATA_DIR=str(tmp_path / "data"),
        ANCHORED_ARGON2_PROFILE="fast",
        TZ=SERVER_TZ,
        PYTHONUNBUFFERED="1",
    )
    made = subprocess.run(
        [sys.executable, "-m", "anchored", "hosted", "create-admin"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    link = made.stdout.strip().splitlines()[-1]
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "anchored",
            "hosted",
            "serve",
            "--port",
            str(port),
            "--workers",
            "1",
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=log,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            with contextlib.closing(socket.socket()) as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert process.poll() is None, (tmp_path / "server.log").read_text()
            assert time.monotonic() < deadline, "the hosted server did not start"
            time.sleep(0.1)
        yield base, link
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _accessible_both_ways(page: Page, where: str) -> None:
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert_accessible(page, f"{where} ({scheme})")


def _fits(page: Page, where: str) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{where} scrolls sideways: {width}px wide"


def test_admin_invites_a_person_who_writes_and_signs_out(
    hosted_server: tuple[str, str], new_context: Any
) -> None:
    base, first_link = hosted_server
    admin = new_context(bypass_csp=True).new_page()
    admin.goto(first_link)
    _accessible_both_ways(admin, "the invitation page")
    admin.get_by_label("Name to sign in with").fill("ada")
    admin.get_by_label("Password", exact=True).fill(PASSWORD)
    admin.get_by_label("Password again").fill(PASSWORD)
    admin.get_by_role("button", name="Make my account").click()
    admin.goto(base + "/admin")
    admin.get_by_label("Their role").select_option("person")
    admin.get_by_role("button", name="Make an invitation link").click()
    invitation = admin.get_by_label("Invitation link").input_value()
    assert invitation.startswith(base + "/invite/")
    _accessible_both_ways(admin, "the admin page")

    phone = new_context(bypass_csp=True, viewport=PHONE, java_script_enabled=False).new_page()
    phone.goto(invitation)
    _fits(phone, "the invitation page")
    phone.get_by_label("Name to sign in with").fill("sam")
    phone.get_by_label("Password", exact=True).fill(PASSWORD)
    phone.get_by_label("Password again").fill(PASSWORD)
    phone.get_by_role("button", name="Make my account").click()
    phone.goto(base + "/journal/new")
    phone.get_by_label("What's on your mind?").fill("The evening felt long, then lighter.")
    phone.get_by_role("button", name="Save entry").click()
    expect(phone.get_by_text("The evening felt long, then lighter.")).to_be_visible()
    phone.goto(base + "/account")
    _fits(phone, "the account page")
    phone.get_by_role("button", name="Sign out").first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Welcome back")
    _fits(phone, "the sign-in page")
    phone.goto(base + "/journal")
    assert phone.url.startswith(base + "/login")

    # The admin sees the new account and what happened to it; never the entry.
    admin.goto(base + "/admin")
    expect(admin.get_by_role("cell", name="sam", exact=True).first).to_be_visible()
    assert "The evening felt long" not in admin.content()
    admin.goto(base + "/account")
    _accessible_both_ways(admin, "the account page")
    admin.get_by_role("button", name="Sign out everywhere").click()
    expect(admin.get_by_role("status")).to_have_text("You are signed out on every device.")
    _accessible_both_ways(admin, "the sign-in page")
