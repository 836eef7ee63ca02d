"""Who reaches what once sharing exists, proven from the app's own route table (issue 17).

The owner writes through every feature and shares only their self-check results with one
therapist. Then every route of the app is tried, with the owner's ids, by six callers:

- the owner;
- the therapist with the grant: every category page the owner did not grant, and every route
  of the owner's own records, is a 404; only the granted category opens;
- a therapist without a grant, a therapist whose grant the owner revoked (checked on the very
  next request), another person: 404 on everything of the owner's;
- a stranger who is not signed in: sent to sign in, never a page of the owner's.

The counts are printed (the closing note gives them).
"""

from __future__ import annotations

import re

from anchored.core.owner import Owner
from anchored.features import FEATURES
from anchored.manifest import Registry
from anchored.services.hosted import prepare_owner
from tests.hosted.conftest import BASE_URL, Browser, Hosted
from tests.hosted.test_stranger import (
    MARK,
    NOT_RECORDS,
    RECORDS,
    _export,
    _ids,
    _params,
    _segment,
    _try,
    _url,
    _write_everything,
    routes_of,
)

GRANTED = "self_checks"
CATEGORIES = [c.code for c in Registry(FEATURES).sharing]


def _share(owner: Browser, therapist_id: int) -> int:
    done = owner.client.post(
        "/sharing",
        data={
            "therapist": str(therapist_id),
            "categories": [GRANTED],
            "since": "2026-01-01",
            "months": "6",
            "csrf_token": owner.csrf,
        },
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    found = re.findall(r'href="/sharing/(\d+)"', owner.get("/sharing").text)
    return int(found[0])


def _signed_out(hosted: Hosted) -> Browser:
    from fastapi.testclient import TestClient

    client = TestClient(hosted.app, base_url=BASE_URL, headers={"Origin": BASE_URL})  # type: ignore[arg-type]
    client.__enter__()
    return Browser(client, 0, "")


def test_each_caller_reaches_exactly_what_the_owner_shared(hosted: Hosted) -> None:
    owner = Owner(hosted.account("owner"))
    ids = {
        name: hosted.account(name, role)
        for name, role in (
            ("granted", "therapist"),
            ("ungranted", "therapist"),
            ("revoked", "therapist"),
            ("other", "person"),
        )
    }
    registry = Registry(FEATURES)
    for other in ids.values():
        prepare_owner(hosted.state.db, Owner(other), registry)
    _write_everything(hosted, owner)
    me = hosted.browser("owner", account_id=owner.id)
    granted = hosted.browser("granted", account_id=ids["granted"])
    revoked = hosted.browser("revoked", account_id=ids["revoked"])
    _share(me, ids["granted"])
    to_revoke = _share(me, ids["revoked"])
    page = f"/sharing/clients/{owner.id}/{GRANTED}"
    assert revoked.get(page).status_code == 200
    assert me.post(f"/sharing/{to_revoke}/stop").status_code == 303
    assert revoked.get(page).status_code == 404  # the very next request
    callers = {
        "therapist with the grant": granted,
        "therapist without a grant": hosted.browser("ungranted", account_id=ids["ungranted"]),
        "therapist after revocation": revoked,
        "another person": hosted.browser("other", account_id=ids["other"]),
    }
    stranger = _signed_out(hosted)

    owner_ids = _ids(hosted, owner)
    before = _export(hosted, owner)
    routes = [r for r in routes_of(hosted.app) if _params(r.path)]
    wrong: list[str] = []
    counts = {who: 0 for who in [*callers, "stranger (signed out)", "the owner"]}
    for route in routes:
        names = _params(route.path)
        record_names = [n for n in names if (_segment(route.path), n) in RECORDS]
        base = {
            n: NOT_RECORDS[(_segment(route.path), n)]
            for n in names
            if (_segment(route.path), n) in NOT_RECORDS
        }
        for name in record_names:
            base[name] = str(owner_ids[RECORDS[(_segment(route.path), name)]][0])
        # A category page is tried for every category; anything else once.
        variants = (
            [{**base, "category": code} for code in CATEGORIES] if "category" in names else [base]
        )
        for values in variants:
            url = _url(route.path, values)
            client_route = route.path.startswith("/sharing/clients/")
            for who, browser in callers.items():
                status = _try(browser, route, url)
                counts[who] += 1
                expect_open = (
                    who == "therapist with the grant"
                    and client_route
                    and values.get("category", GRANTED) == GRANTED
                )
                if expect_open:
                    if status not in (200, 303):
                        wrong.append(f"{route.id} {url} as the {who}: {status}, expected it open")
                elif record_names and status != 404:
                    wrong.append(f"{route.id} {url} as the {who}: {status}")
                elif not record_names and MARK in browser.get(url).text:
                    wrong.append(f"{route.id} {url} as the {who}: shows the owner's words")
            status = _try(stranger, route, url)
            counts["stranger (signed out)"] += 1
            if status not in (303, 401, 403) and not route.path.startswith("/invite/"):
                wrong.append(f"{route.id} {url} signed out: {status}")
            if route.method == "GET" and record_names and values is variants[0]:
                counts["the owner"] += 1
                if client_route:
                    # The owner is not their own therapist: these pages are not theirs.
                    if me.get(url).status_code != 404:
                        wrong.append(f"{route.id} {url} as the owner: not 404")
                elif not _owner_opens(me, route.path, values, record_names[0], owner_ids):
                    wrong.append(f"{route.id} as the owner: none of their records opens")
    print(f"\naccess matrix: {sum(counts.values())} requests over {len(routes)} routes: {counts}")
    assert not wrong, "\n".join(wrong)
    # What the granted therapist saw is the owner's log; they changed nothing of the owner's
    # records (the note they left and the looks are the only rows added).
    log = me.get("/sharing/log").text
    assert "granted" in log
    assert "revoked" in log
    assert _strip_sharing(_export(hosted, owner)) == _strip_sharing(before)
    assert len(routes) >= 140


def _owner_opens(
    me: Browser, path: str, values: dict[str, str], name: str, owner_ids: dict[str, list[int]]
) -> bool:
    """Whether the page opens (or leads on) for the owner with one of their own records (some
    pages take only some records: a built-in behaviour cannot be removed, only hidden)."""
    for record_id in owner_ids[RECORDS[(_segment(path), name)]]:
        if me.get(_url(path, {**values, name: str(record_id)})).status_code in (200, 303):
            return True
    return False


def _strip_sharing(export: str) -> str:
    import json

    rows = json.loads(export)
    rows.pop("sharing", None)
    return json.dumps(rows, sort_keys=True)
