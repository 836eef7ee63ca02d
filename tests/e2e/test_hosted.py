"""Hosted mode in a real browser: `anchored hosted serve` on PostgreSQL. The first admin's
link makes the admin, who invites a person; the person (on a phone, without JavaScript)
makes an account, writes a journal entry and signs out. The account pages pass axe in light
and dark (with JavaScript: axe needs it) and fit 360 px."""

from __future__ import annotations

import base64
import contextlib
import os
import re
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
        assert_accessible(page, f"{where} ({scheme})", colours_only=scheme == "dark")


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


def _join(context_page: Page, link: str, name: str) -> None:
    context_page.goto(link)
    context_page.get_by_label("Name to sign in with").fill(name)
    context_page.get_by_label("Password", exact=True).fill(PASSWORD)
    context_page.get_by_label("Password again").fill(PASSWORD)
    context_page.get_by_role("button", name="Make my account").click()


def _invite(admin: Page, base: str, role: str) -> str:
    admin.goto(base + "/admin")
    admin.get_by_label("Their role").select_option(role)
    admin.get_by_role("button", name="Make an invitation link").click()
    return admin.get_by_label("Invitation link").input_value()


def test_a_person_shares_self_checks_with_their_therapist_then_stops(
    hosted_server: tuple[str, str], new_context: Any
) -> None:
    """Issue 17's walk: the person grants self-checks, the therapist sees them, the person
    stops, and the therapist's next page is a 404. The person's pages work without
    JavaScript on a phone; the sharing pages pass axe in light and dark."""
    base, first_link = hosted_server
    admin = new_context().new_page()
    _join(admin, first_link, "ada")
    therapist_link = _invite(admin, base, "therapist")
    person_link = _invite(admin, base, "person")

    therapist = new_context(bypass_csp=True).new_page()
    _join(therapist, therapist_link, "dr.lee")
    person = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    _join(person, person_link, "robin")

    person.goto(base + "/self-checks/gad7")
    for number in range(1, 8):
        person.locator(f"#q-{number}").get_by_label("Several days", exact=True).check()
    person.get_by_role("button", name="See my result").click()
    expect(person.get_by_role("heading", level=1)).to_have_text("GAD-7 result")

    person.goto(base + "/sharing")
    _fits(person, "the sharing page")
    person.get_by_label("Therapist", exact=True).select_option(label="dr.lee")
    person.get_by_label("Self-check results").check()
    expect(person.get_by_label("For how long")).to_have_value("6")
    person.get_by_role("button", name="Share").click()
    expect(person.get_by_role("status")).to_contain_text("Shared.")
    expect(person.get_by_text("dr.lee sees self-check results")).to_be_visible()

    therapist.goto(base + "/")
    therapist.get_by_role("link", name="robin").first.click()
    _accessible_both_ways(therapist, "a client's page")
    therapist.get_by_role("link", name="Self-check results").click()
    expect(therapist.get_by_role("heading", level=1)).to_have_text("Self-check results")
    expect(therapist.get_by_role("heading", name="GAD-7")).to_be_visible()
    expect(therapist.get_by_role("cell", name=re.compile(r"7 \(mild"))).to_be_visible()
    _accessible_both_ways(therapist, "the shared self-checks")
    shared_address = therapist.url

    person.goto(base + "/sharing/log")
    expect(person.get_by_role("cell", name="Self-check results")).to_be_visible()
    person.goto(base + "/sharing")
    person.get_by_role("link", name="Details or stop").click()
    person.get_by_role("link", name="Stop sharing").click()
    person.get_by_role("button", name="Yes, stop sharing").click()
    expect(person.get_by_role("status")).to_contain_text("Stopped.")

    response = therapist.goto(shared_address)
    assert response is not None
    assert response.status == 404
    therapist.goto(base + "/sharing/clients")
    expect(therapist.get_by_text("Nobody shares with you yet")).to_be_visible()
    assert "robin" not in therapist.content()
