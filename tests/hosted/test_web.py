"""The hosted web app on PostgreSQL: signing in and out, invitations, the admin's page,
CSRF, secure cookies only through the trusted proxy, and unsafe settings refused."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from anchored.settings import Settings
from tests.hosted.conftest import PASSWORD, Hosted
from tests.support import BASE_URL


def test_signed_out_pages_lead_to_sign_in_and_help_stays_open(hosted: Hosted) -> None:
    with TestClient(hosted.app, base_url=BASE_URL) as client:  # type: ignore[arg-type]
        journal = client.get("/journal?page=2", follow_redirects=False)
        assert journal.status_code == 303
        assert journal.headers["location"] == "/login?next=%2Fjournal%3Fpage%3D2"
        assert client.get("/help").status_code == 200
        login = client.get("/login")
        assert 'for="username"' in login.text
        assert 'for="password"' in login.text
        assert "Need help now?" in login.text
        # A phone can add hosted Anchored to its home screen from any page.
        assert '<link rel="manifest" href="/static/manifest.webmanifest">' in login.text
        assert client.get("/static/manifest.webmanifest").status_code == 200


def test_sign_in_reaches_the_page_asked_for_and_sign_out_ends_the_session(
    hosted: Hosted,
) -> None:
    hosted.account("sam")
    with TestClient(hosted.app, base_url=BASE_URL, headers={"Origin": BASE_URL}) as client:  # type: ignore[arg-type]
        wrong = client.post("/login", data={"username": "sam", "password": "nope"})
        unknown = client.post("/login", data={"username": "quinn", "password": PASSWORD})
        assert wrong.status_code == unknown.status_code == 400
        assert "do not match" in wrong.text
        assert wrong.text.replace('value="sam"', "") == unknown.text.replace('value="quinn"', "")
        done = client.post(
            "/login",
            data={"username": "sam", "password": PASSWORD, "next": "/journal"},
            follow_redirects=False,
        )
        assert done.status_code == 303
        assert done.headers["location"] == "/journal"
        cookie = done.headers["set-cookie"]
        assert "anchored_session=" in cookie
        assert "HttpOnly" in cookie
        assert "SameSite=lax" in cookie
        assert "Secure" not in cookie  # plain http on loopback: no proxy vouched for TLS
        page = client.get("/journal")
        assert page.status_code == 200
        assert "Sign out" in page.text
        csrf = page.text.split('name="csrf-token" content="')[1].split('"')[0]
        out = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
        assert out.status_code == 303
        assert client.get("/journal", follow_redirects=False).status_code == 303


def test_an_unsafe_request_without_the_sessions_token_is_refused(hosted: Hosted) -> None:
    hosted.account("sam")
    sam = hosted.browser("sam")
    refused = sam.client.post(
        "/journal/new", data={"body": "Written from another site."}, follow_redirects=False
    )
    assert refused.status_code == 403
    wrong = sam.client.post(
        "/journal/new",
        data={"body": "Written from another site.", "csrf_token": "x" * 43},
        follow_redirects=False,
    )
    assert wrong.status_code == 403
    other_site = sam.client.post(
        "/journal/new",
        data={"body": "Hello", "csrf_token": sam.csrf},
        headers={"Origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert other_site.status_code == 403
    assert "Written from another site" not in sam.get("/journal").text
    # With the token (in the field every form carries, or the header htmx sends) it saves.
    saved = sam.post("/journal/new", {"body": "Tonight I kept my evening walk."})
    assert saved.status_code == 303
    assert "Tonight I kept my evening walk" in sam.client.get("/journal").text
    header = sam.client.post(
        "/journal/new",
        data={"body": "A second note, sent by htmx."},
        headers={"X-CSRF-Token": sam.csrf},
        follow_redirects=False,
    )
    assert header.status_code == 303


def test_every_post_form_on_a_page_carries_the_token(hosted: Hosted) -> None:
    hosted.account("sam")
    sam = hosted.browser("sam")
    page = sam.get("/journal/new").text
    forms = page.count('method="post"')
    assert forms >= 2  # the entry form and the header's sign-out
    assert page.count(f'name="csrf_token" value="{sam.csrf}"') == forms
    assert '<script src="/static/js/csrf.js" defer></script>' in page


def test_a_secure_cookie_only_when_the_trusted_proxy_says_tls(
    hosted_database: str, tmp_path, clock
) -> None:  # type: ignore[no-untyped-def]
    from anchored.web.app import create_app
    from anchored.web.hosted import hosted_state
    from tests.hosted.conftest import hosted_settings, make_hosted
    from tests.support import PORT

    hosted = make_hosted(hosted_database, tmp_path, clock, trusted_proxy="testclient")
    state = hosted.state
    hosted.account("sam")
    form = {"username": "sam", "password": PASSWORD}
    proxy = {"Origin": BASE_URL, "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    with TestClient(hosted.app, base_url=BASE_URL, headers=proxy) as client:  # type: ignore[arg-type]
        done = client.post("/login", data=form, follow_redirects=False)
        cookie = done.headers["set-cookie"]
        assert cookie.startswith("__Host-anchored_session=")
        assert "Secure" in cookie
        assert "Path=/" in cookie
        value = cookie.split(";")[0]
        # (The test client keeps Secure cookies for https only; a browser behind TLS sends it.)
        page = client.get("/journal", headers={"Cookie": value}, follow_redirects=False)
        assert page.status_code == 200
        plain = value.replace("__Host-anchored_session", "anchored_session")
        assert client.get("/journal", headers={"Cookie": plain}).url.path == "/login"
    state.db.dispose()
    # The same headers from anyone else are not believed.
    settings = hosted_settings(hosted_database, tmp_path, trusted_proxy="10.1.2.3")
    other = create_app(settings, PORT, state=hosted_state(settings, PORT))
    with TestClient(other, base_url=BASE_URL, headers=proxy) as client:
        done = client.post("/login", data=form, follow_redirects=False)
        assert done.headers["set-cookie"].startswith("anchored_session=")
        assert "Secure" not in done.headers["set-cookie"]


def test_an_unknown_host_is_refused(hosted: Hosted) -> None:
    with TestClient(hosted.app, base_url="http://evil.example:8123") as client:  # type: ignore[arg-type]
        assert client.get("/login").status_code == 400


def test_personal_pages_are_not_there_in_hosted_mode(hosted: Hosted) -> None:
    hosted.account("sam")
    sam = hosted.browser("sam")
    for path in (
        "/launch",
        "/welcome",
        "/unlock",
        "/settings/passphrase",
        "/settings/backup",
        "/settings/delete",
        "/settings/recovery-key",
    ):
        assert sam.get(path).status_code == 404, path
    assert sam.post("/lock").status_code == 404
    assert sam.post("/settings/theme", {"theme": "dark"}).status_code == 404


def test_the_admin_invites_and_the_link_makes_an_account_once(hosted: Hosted) -> None:
    hosted.account("ada", "admin")
    ada = hosted.browser("ada")
    page = ada.post("/admin/invite", {"role": "therapist"})
    assert page.status_code == 200
    link = page.text.split('id="new-link" value="')[1].split('"')[0]
    assert link.startswith(f"{BASE_URL}/invite/")
    path = link.removeprefix(BASE_URL)
    with TestClient(hosted.app, base_url=BASE_URL, headers={"Origin": BASE_URL}) as new:  # type: ignore[arg-type]
        form = new.get(path)
        assert "as a therapist" in form.text
        short = new.post(
            path, data={"username": "robin", "password": "short", "password_again": "short"}
        )
        assert short.status_code == 400
        assert "at least 12 characters" in short.text
        made = new.post(
            path,
            data={"username": "robin", "password": PASSWORD, "password_again": PASSWORD},
            follow_redirects=False,
        )
        assert made.status_code == 303
        assert new.get("/account").status_code == 200  # signed in straight away
        assert new.get(path).status_code == 404  # the link worked once
    admin = ada.get("/admin").text
    assert "robin" in admin
    assert "Therapist" in admin
    assert "Created" in admin
    # Nobody else sees the admin page.
    robin = hosted.browser("robin")
    assert robin.get("/admin").status_code == 404
    assert robin.post("/admin/invite", {"role": "admin"}).status_code == 404


def test_disabling_an_account_signs_it_out_at_once(hosted: Hosted) -> None:
    hosted.account("ada", "admin")
    sam_id = hosted.account("sam")
    ada = hosted.browser("ada")
    sam = hosted.browser("sam")
    assert ada.post(f"/admin/accounts/{sam_id}/disable").status_code == 303
    assert sam.get("/journal").status_code == 303
    assert "Disabled" in ada.get("/admin").text
    assert ada.post(f"/admin/accounts/{sam_id}/enable").status_code == 303
    assert hosted.browser("sam").get("/journal").status_code == 200


def test_sign_out_everywhere_ends_the_other_devices_too(hosted: Hosted) -> None:
    hosted.account("sam")
    phone = hosted.browser("sam")
    laptop = hosted.browser("sam")
    done = phone.post("/logout-everywhere")
    assert done.status_code == 303
    assert done.headers["location"] == "/login?signed_out=everywhere"
    assert laptop.get("/journal").status_code == 303
    assert phone.get("/journal").status_code == 303


def test_deleting_my_account_asks_for_my_password_then_removes_everything(
    hosted: Hosted,
) -> None:
    hosted.account("sam")
    sam = hosted.browser("sam")
    sam.post("/journal/new", {"body": "Words only Sam wrote."})
    assert "Delete my account" in sam.get("/account").text
    kept = sam.post("/account/delete", {"password": "not my password"})
    assert kept.status_code == 400
    assert "Nothing was deleted" in kept.text
    gone = sam.post("/account/delete", {"password": PASSWORD})
    assert gone.status_code == 303
    assert gone.headers["location"] == "/login?deleted=1"
    again = hosted.state.settings  # the account cannot sign in any more
    assert again is not None
    with TestClient(hosted.app, base_url=BASE_URL, headers={"Origin": BASE_URL}) as client:  # type: ignore[arg-type]
        refused = client.post("/login", data={"username": "sam", "password": PASSWORD})
        assert refused.status_code == 400


def test_a_crisis_sentence_shows_the_help_card_in_hosted_mode_too(hosted: Hosted) -> None:
    hosted.account("sam")
    sam = hosted.browser("sam")
    saved = sam.post("/journal/new", {"body": "I want to kill myself tonight."})
    assert saved.status_code == 303
    assert "support=1" in saved.headers["location"]


@pytest.mark.parametrize(
    ("changes", "bind", "reload", "says"),
    [
        ({"master_key_file": None}, "127.0.0.1", False, "ANCHORED_MASTER_KEY_FILE"),
        ({"public_url": None}, "127.0.0.1", False, "ANCHORED_PUBLIC_URL"),
        ({"public_url": "http://anchored.example.org"}, "127.0.0.1", False, "https://"),
        ({}, "0.0.0.0", False, "ANCHORED_TRUSTED_PROXY"),  # noqa: S104
        ({}, "127.0.0.1", True, "--reload"),
    ],
)
def test_unsafe_settings_are_refused_with_what_to_set(
    changes: dict[str, object], bind: str, reload: bool, says: str
) -> None:
    values: dict[str, object] = {
        "database_url": "postgresql+psycopg://someone@db/anchored",
        "master_key_file": "/run/secrets/anchored.key",
        "public_url": "https://anchored.example.org",
        **changes,
    }
    problems = Settings(**values).hosted_problems(bind=bind, reload=reload)  # type: ignore[arg-type]
    assert len(problems) == 1
    assert says in problems[0]
    safe = {k: v for k, v in values.items() if k not in changes}
    assert Settings(**safe).hosted_problems(bind="127.0.0.1") == [] or changes  # type: ignore[arg-type]


def test_the_request_acts_as_the_signed_in_person(
    hosted: Hosted, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Words are written inside ``acting_as(owner)`` (so hosted-db's layer encrypts them under
    that person's key), in the worker thread where the route runs."""
    from anchored.features.journal import service as journal
    from anchored.storage import atrest

    seen: list[int | None] = []
    original = journal.add_entry

    def spying(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(atrest.acting_owner())
        return original(*args, **kwargs)

    monkeypatch.setattr(journal, "add_entry", spying)
    hosted.account("sam")
    sam = hosted.browser("sam")
    assert sam.post("/journal/new", {"body": "A quiet morning."}).status_code == 303
    assert seen == [sam.account_id]
    assert atrest.acting_owner() is None


def test_a_session_ends_after_the_idle_time(hosted: Hosted) -> None:
    hosted.account("sam")
    sam = hosted.browser("sam")
    clock = hosted.state.clock
    clock.now += 14 * 60  # type: ignore[attr-defined]
    assert sam.get("/journal").status_code == 200
    clock.now += 15 * 60  # type: ignore[attr-defined]
    gone = sam.get("/journal")
    assert gone.status_code == 303
    assert gone.headers["location"].startswith("/login")


def test_what_was_being_written_survives_the_session_ending(hosted: Hosted) -> None:
    hosted.account("sam")
    sam = hosted.browser("sam")
    hosted.state.clock.now += 60 * 60  # type: ignore[attr-defined]
    words = "Written on the bus; the session ran out meanwhile."
    held = sam.post("/journal/new", {"body": words})
    assert held.status_code == 401
    assert "It is not lost" in held.text
    resume = held.text.split('name="resume" value="')[1].split('"')[0]
    assert "Written on the bus" in resume.replace("&#34;", '"')
    back = sam.client.post(
        "/login",
        data={"username": "sam", "password": PASSWORD, "resume": resume.replace("&#34;", '"')},
    )
    assert "Save it now" in back.text
    csrf = back.text.split('name="csrf_token" value="')[1].split('"')[0]
    saved = sam.client.post(
        "/journal/new", data={"body": words, "csrf_token": csrf}, follow_redirects=False
    )
    assert saved.status_code == 303
    assert "Written on the bus" in sam.client.get("/journal").text


def test_no_page_links_to_what_hosted_mode_does_not_have(hosted: Hosted) -> None:
    import re

    hosted.account("sam")
    sam = hosted.browser("sam")
    links: dict[str, str] = {}
    actions: dict[str, str] = {}
    for page in ("/", "/tools", "/settings", "/help?country=GB", "/account"):
        text = sam.get(page).text
        for target in re.findall(r'href="(/[^"#?]*)', text):
            if not target.startswith("/static/"):
                links.setdefault(target, page)
        for target in re.findall(r'action="(/[^"#?]*)"', text):
            actions.setdefault(target, page)
    for target, page in links.items():
        status = sam.get(target).status_code
        assert status != 404, f"{page} links to {target}, which hosted mode has not"
    # A form sent without the CSRF token changes nothing: 403, or 404 for a page that is not
    # there at all.
    for target, page in actions.items():
        status = sam.client.post(target, follow_redirects=False).status_code
        assert status == 403, f"{page} has a form for {target}, which hosted mode has not"
    assert len(links) > 20


def test_the_app_itself_refuses_to_start_without_a_master_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from anchored.core.errors import UsageError
    from anchored.web.app import create_app

    settings = Settings(
        database_url="postgresql+psycopg://someone@127.0.0.1:1/none",  # type: ignore[arg-type]
        public_url="https://anchored.example.org",
        data_dir=tmp_path,
    )
    with pytest.raises(UsageError, match="ANCHORED_MASTER_KEY_FILE"):
        create_app(settings, 0)


def test_sign_in_pauses_for_an_address_only_as_the_trusted_proxy_reports_it(
    hosted_database: str, tmp_path, clock
) -> None:  # type: ignore[no-untyped-def]
    from anchored.core.accounts import MAX_FAILURES_PER_ADDRESS
    from tests.hosted.conftest import make_hosted

    hosted = make_hosted(hosted_database, tmp_path, clock, trusted_proxy="testclient")
    state = hosted.state
    hosted.account("sam")

    def sign_in(address: str, name: str, password: str) -> str:
        headers = {"Origin": BASE_URL, "X-Forwarded-For": f"198.51.100.7, {address}"}
        with TestClient(hosted.app, base_url=BASE_URL, headers=headers) as client:  # type: ignore[arg-type]
            done = client.post("/login", data={"username": name, "password": password})
            return done.text

    for n in range(MAX_FAILURES_PER_ADDRESS):
        assert "do not match" in sign_in("203.0.113.9", f"guess{n}", "wrong")
    # That address waits, even with the right password; the person elsewhere does not. (The
    # address the client claims, first in the list, is not the one the proxy saw.)
    assert "paused" in sign_in("203.0.113.9", "sam", PASSWORD)
    assert "Welcome back" not in sign_in("203.0.113.10", "sam", PASSWORD)
    state.db.dispose()


def test_signing_out_after_the_session_ended_is_calm(hosted: Hosted) -> None:
    hosted.account("sam")
    sam = hosted.browser("sam")
    hosted.state.clock.now += 60 * 60  # type: ignore[attr-defined]
    done = sam.post("/logout")
    assert done.status_code == 303
    assert done.headers["location"] == "/login?signed_out=1"


def test_a_session_made_by_one_worker_is_good_on_another(hosted: Hosted) -> None:
    from anchored.web.app import create_app
    from anchored.web.hosted import hosted_state
    from tests.support import PORT

    hosted.account("sam")
    sam = hosted.browser("sam")
    other = hosted_state(hosted.state.settings, PORT)  # a second process's state: own pool
    other.clock = hosted.state.clock
    second = create_app(hosted.state.settings, PORT, state=other)
    cookie = "; ".join(f"{k}={v}" for k, v in sam.client.cookies.items())
    with TestClient(second, base_url=BASE_URL, headers={"Origin": BASE_URL}) as client:  # type: ignore[arg-type]
        page = client.get("/journal", headers={"Cookie": cookie}, follow_redirects=False)
        assert page.status_code == 200
        saved = client.post(
            "/journal/new",
            data={"body": "Saved through the other worker.", "csrf_token": sam.csrf},
            headers={"Cookie": cookie},
            follow_redirects=False,
        )
        assert saved.status_code == 303
    assert "Saved through the other worker" in sam.get("/journal").text
    other.db.dispose()


def test_no_page_says_the_writing_stays_on_this_computer(hosted: Hosted) -> None:
    # Hosted, the words live on a server: the privacy promises say what is true there.
    hosted.account("sam")
    sam = hosted.browser("sam")
    for page in (
        "/about",
        "/search",
        "/settings",
        "/settings/suggest",
        "/safety-plan",
        "/thought-records/new",
        "/journal/new",
        "/check-in",
    ):
        text = sam.get(page).text
        assert "this computer" not in text, page
        assert "this device" not in text, page
    about = sam.get("/about").text
    assert "encrypted (AES-256-GCM) with a key of your own" in about
    assert "master key" in about


def test_each_person_chooses_the_country_of_their_own_help_lines(hosted: Hosted) -> None:
    # Safety: someone abroad must see their own country's lines, whatever the server's are.
    hosted.account("sam")
    hosted.account("ada")
    sam = hosted.browser("sam")
    ada = hosted.browser("ada")
    assert "Pieta" not in sam.get("/help").text  # the server's default (the US here)
    saved = sam.post("/settings/country", {"country": "IE"})
    assert saved.status_code == 303
    assert "Pieta" in sam.get("/help").text
    assert '<option value="IE" selected>' in sam.get("/settings").text
    # The help card after a crisis sentence shows the person's lines too.
    entry = sam.post("/journal/new", {"body": "I want to die tonight."})
    assert entry.status_code == 303
    card = sam.get(entry.headers["location"]).text
    assert "Samaritans" in card
    assert "Pieta" in card
    # Nobody else's choice changes, and the server's own file is untouched.
    assert "Pieta" not in ada.get("/help").text
    assert '<option value="IE" selected>' not in ada.get("/settings").text
    assert not (hosted.state.settings.data_dir / "preferences.json").exists()
    refused = sam.post("/settings/country", {"country": "XX"})
    assert refused.status_code == 422
    assert "Pieta" in sam.get("/help").text
