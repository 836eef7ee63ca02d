"""Privacy in a full session: no request leaves the machine; nothing written (journal, check-in,
thought record, search) reaches the log or the disk in plain text."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from playwright.sync_api import Route, expect

from tests.e2e.conftest import OpenApp, RunningServer
from tests.e2e.flows import (
    PASSPHRASE,
    WRONG_PASSPHRASE,
    confirm_recovery_key,
    help_now_link,
    lock,
    open_launch_link,
    unlock,
    write_entry,
)

NEEDS_TEXT_MODEL = True  # read by the shared_app fixture

MARKER = "Quietly I counted the ferries until the worry loosened its grip."
TITLE = "Ferries at dusk"
SECRET_WORD = "pomegranatewhisper"
CHECK_IN_NOTE = "The tangerine lamp stayed on until the small hours."
THOUGHT = "Marisol has surely found someone kinder by now."


def test_a_full_session_stays_on_this_machine(server: RunningServer, new_context: Any) -> None:
    context = new_context()
    requested: list[str] = []
    blocked: list[str] = []
    local = server.base_url + "/"

    def keep_local(route: Route) -> None:
        url = route.request.url
        if url.startswith(local):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", keep_local)
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()

    open_launch_link(page, server)
    page.get_by_label("I have read this and understand what Anchored is and is not.").check()
    page.get_by_label("Passphrase", exact=True).press_sequentially(PASSPHRASE)
    expect(page.locator("#strength-hint")).to_contain_text("Strong.")  # htmx went out too
    page.get_by_label("The same passphrase again").fill(PASSPHRASE)
    page.get_by_label("Country for help lines").select_option(label="Ireland")
    page.get_by_role("button", name="Create my private vault").click()
    recovery_key = confirm_recovery_key(page)

    address = write_entry(page, title=TITLE, body=f"{MARKER}\n{SECRET_WORD}")
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("What's on your mind?").fill(f"{MARKER}\n{SECRET_WORD} again")
    page.get_by_role("button", name="Save entry").click()
    expect(page.get_by_role("article")).to_contain_text(f"{SECRET_WORD} again")
    page.goto(server.url(f"/journal/{quote(SECRET_WORD)}"))  # a bad address with a private word
    page.goto(server.url("/check-in"))
    page.get_by_label("Lonely", exact=True).check()
    page.get_by_label("A note for yourself").fill(CHECK_IN_NOTE)
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your check-ins")
    page.goto(server.url("/thought-records/new"))
    page.get_by_label("What happened?").fill(f"{SECRET_WORD} was on the table.")
    page.get_by_role("button", name="Save and continue", exact=True).click()
    page.get_by_label("What went through your mind?").fill(THOUGHT)
    page.get_by_role("button", name="Save and continue", exact=True).click()
    page.goto(server.url(f"/search?q={quote(SECRET_WORD)}"))  # the search index and the query
    expect(page.locator(".search-list > li")).to_have_count(2)
    page.goto(server.url("/about"))
    lock(page)
    unlock(page, WRONG_PASSPHRASE)
    expect(page.get_by_role("alert")).to_be_visible()
    unlock(page, PASSPHRASE)
    help_now_link(page).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Help now")
    page.goto(address)
    expect(page.get_by_role("article")).to_contain_text(MARKER)
    context.close()

    assert not blocked, f"requests to other machines: {blocked}"
    assert requested, "no requests were recorded"
    assert all(url.startswith(local) for url in requested), requested
    assert server.url("/welcome/strength") in requested

    secrets = {
        "the marker sentence": MARKER,
        "the title": TITLE,
        "a private word": SECRET_WORD,
        "a check-in note": CHECK_IN_NOTE,
        "an automatic thought": THOUGHT,
        "the passphrase": PASSPHRASE,
        "the wrong passphrase": WRONG_PASSPHRASE,
        "the recovery key": recovery_key,
        "the recovery key without dashes": recovery_key.replace("-", ""),
    }
    log, stdout = server.log_text(), server.stdout_text()
    for what, secret in secrets.items():
        assert secret not in log, f"{what} is in the server log"
        assert secret not in stdout, f"{what} is in the server's output"

    # Nothing written reaches the disk in plain text (database, WAL, preferences, ...).
    files = [path for path in server.data_dir.rglob("*") if path.is_file()]
    assert files, "the vault folder is empty"
    for path in files:
        content = path.read_bytes()
        for what, secret in secrets.items():
            assert secret.encode() not in content, f"{what} is readable in {path.name}"


def test_back_after_lock_shows_nothing_private(open_app: OpenApp) -> None:
    page = open_app.page("/")
    address = write_entry(page, title="Not for other eyes", body=MARKER)
    page.goto(address)
    lock(page)
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome back")
    expect(page.get_by_text(MARKER)).to_have_count(0)
    expect(page.get_by_text("Not for other eyes")).to_have_count(0)
