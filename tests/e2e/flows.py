"""What a person does in the browser, as small steps the tests share; and the axe-core check."""

from __future__ import annotations

import re
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

from playwright.sync_api import BrowserContext, Locator, Page, expect

if TYPE_CHECKING:
    from tests.e2e.conftest import RunningServer

PASSPHRASE = "harbour lantern gentle evening walk"
WRONG_PASSPHRASE = "harbour lantern gentle morning walk"
RECOVERY_KEY = re.compile(r"^[0-9A-Z]{4}(?:-[0-9A-Z]{4}){7}$")
WRONG_PASSPHRASE_MESSAGE = "That passphrase didn't open your vault. Take your time and try again."
AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"


def header(page: Page) -> Locator:
    return page.get_by_role("banner")


def help_now_link(page: Page) -> Locator:
    return header(page).get_by_role("link", name="Help now", exact=True)


def lock_button(page: Page) -> Locator:
    return header(page).get_by_role("button", name="Lock", exact=True)


def menu_button(page: Page) -> Locator:
    """The header's Menu (a <details> summary): the main navigation on a small screen."""
    return header(page).locator("summary", has_text="Menu")


def go_to(page: Page, name: str) -> None:
    """Follow a link of the main navigation, opening the menu first on a small screen."""
    # The stylesheet decides which shows (the links, or the Menu): until it has loaded, the
    # links look hidden and the Menu shown even on a wide screen.
    page.wait_for_load_state()
    link = page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)
    if not link.is_visible() and menu_button(page).is_visible():
        menu_button(page).click()
    link.click()


def path_of(page: Page) -> str:
    """The address bar without the origin, e.g. '/journal/1?saved=1'."""
    return re.sub(r"^http://127\.0\.0\.1:\d+", "", page.url)


def expect_path(page: Page, path: str) -> None:
    """Wait until the address bar shows `path` (with its query) on the local server."""
    expect(page).to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+" + re.escape(path) + "$"))


def open_launch_link(page: Page, server: RunningServer) -> None:
    page.goto(server.launch_url)
    assert "token=" not in page.url, f"the launch token stayed in the address bar: {page.url}"


def fill_welcome(page: Page, *, passphrase: str = PASSPHRASE, country: str) -> None:
    page.get_by_label("I have read this and understand what Anchored is and is not.").check()
    page.get_by_label("Passphrase", exact=True).fill(passphrase)
    page.get_by_label("The same passphrase again").fill(passphrase)
    page.get_by_label("Country for help lines").select_option(label=country)
    page.get_by_role("button", name="Create my private vault").click()


def confirm_recovery_key(page: Page) -> str:
    """On the recovery key page: read the key, tick 'saved', continue to home. Returns the key."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery key")
    key = page.locator(".recovery-key code").inner_text().strip()
    assert RECOVERY_KEY.match(key), f"recovery key is not 8 groups of 4: {key!r}"
    page.get_by_label("I have saved my recovery key somewhere safe.").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How are you right now?")
    return key


def onboard(
    page: Page, server: RunningServer, *, passphrase: str = PASSPHRASE, country: str
) -> str:
    """Launch link, welcome form, recovery key; ends on home. Returns the recovery key."""
    open_launch_link(page, server)
    expect(page).to_have_url(server.url("/welcome"))
    fill_welcome(page, passphrase=passphrase, country=country)
    return confirm_recovery_key(page)


def unlock(page: Page, passphrase: str = PASSPHRASE) -> None:
    page.get_by_label("Passphrase", exact=True).fill(passphrase)
    page.get_by_role("button", name="Unlock", exact=True).click()


def unlock_if_locked(page: Page, passphrase: str = PASSPHRASE) -> None:
    """On the unlock page (the vault was locked): unlock, which goes on to the page asked for
    (home when none was)."""
    if path_of(page).startswith("/unlock"):
        asked = "next=" in page.url
        unlock(page, passphrase)
        if asked:
            expect(page).not_to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+/unlock\b"))
        else:
            expect(page.get_by_role("heading", level=1)).to_have_text("How are you right now?")


def lock(page: Page) -> None:
    lock_button(page).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome back")


def write_entry(page: Page, *, title: str, body: str) -> str:
    """From any unlocked page: write and save an entry. Returns the entry's address."""
    go_to(page, "Journal")
    page.get_by_role("link", name="Write an entry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New entry")
    page.get_by_label("Title").fill(title)
    page.get_by_label("What's on your mind?").fill(body)
    page.get_by_role("button", name="Save entry").click()
    expect(page.get_by_role("status")).to_have_text("Saved.")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    return page.url.split("?", 1)[0]


# -- accessibility ------------------------------------------------------------------------


# Rules that read colours: all that can differ between the light and the dark colour scheme,
# because the schemes differ in colours only (tests/web/test_colour_schemes.py holds every
# stylesheet to that). A page checked in light is checked again in dark with these alone.
COLOUR_RULES = ("color-contrast", "link-in-text-block")
# Contexts whose new documents get axe-core as they load (`_with_axe`).
_AXE_CONTEXTS: weakref.WeakSet[BrowserContext] = weakref.WeakSet()


def _with_axe(page: Page) -> None:
    """axe-core in the page: sent once per browser context (an init script: every document
    the context loads from then on has it, as page scripts cannot see it) instead of once per
    page checked; sending its 650 kB cost about as much as a whole axe run."""
    if page.evaluate("() => typeof axe !== 'undefined'"):
        return
    if page.context not in _AXE_CONTEXTS:
        page.context.add_init_script(path=AXE_JS)
        _AXE_CONTEXTS.add(page.context)
    page.add_script_tag(path=str(AXE_JS))  # this document was loaded before


def axe_violations(page: Page, *, colours_only: bool = False) -> list[dict[str, Any]]:
    """Run axe-core on the page (the context needs bypass_csp=True to inject it): every rule,
    or with ``colours_only`` the `COLOUR_RULES`."""
    assert AXE_JS.exists(), f"{AXE_JS} is missing: run `make e2e-deps`."
    page.wait_for_load_state()
    _with_axe(page)
    # Only the violations' details are gathered (the passes' are not read), which makes a run
    # about 40 % cheaper.
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if colours_only:
        options["runOnly"] = {"type": "rule", "values": list(COLOUR_RULES)}
    result = page.evaluate("async (options) => await axe.run(document, options)", options)
    return [v for v in result["violations"] if v["impact"] in {"serious", "critical"}]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '')!r}")
    return "\n".join(lines)


def assert_accessible(page: Page, where: str, *, colours_only: bool = False) -> None:
    """No serious or critical axe violation on the page; with ``colours_only`` only the rules
    that read colours run (for a page already checked in the other colour scheme)."""
    violations = axe_violations(page, colours_only=colours_only)
    assert not violations, f"axe: serious/critical on {where}:\n{describe_violations(violations)}"


SCHEMES = ("light", "dark")


def assert_accessible_light_and_dark(page: Page, where: str) -> None:
    """axe on this page in the light and then the dark colour scheme, switched in place (as a
    person's system setting switches it: no reload, so a flow is walked once for both): every
    rule in light, the rules that read colours in dark (`COLOUR_RULES`: nothing else differs).
    The page stays dark afterwards."""
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        assert_accessible(page, f"{where} ({scheme})", colours_only=scheme == "dark")
