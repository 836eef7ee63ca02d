"""The one-time launch link: it gives this browser a session and then stops working."""

from __future__ import annotations

from fastapi.testclient import TestClient

from anchored.web.state import SESSION_COOKIE, AppState


def test_launch_link_sets_a_private_session_cookie(anonymous: TestClient, state: AppState) -> None:
    response = anonymous.get(f"/launch?token={state.launch_token}", follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    attributes = [part.strip().lower() for part in cookie.split(";")]
    assert "httponly" in attributes
    assert "samesite=lax" in attributes
    assert "path=/" in attributes


def test_token_leaves_the_address_bar(anonymous: TestClient, state: AppState) -> None:
    token = state.launch_token
    assert token is not None
    response = anonymous.get(f"/launch?token={token}")

    assert response.url.path == "/welcome"  # no vault yet
    assert token not in str(response.url)
    assert all(token not in str(hop.headers.get("location", "")) for hop in response.history)
    assert token not in response.text


def test_the_session_opens_the_pages(anonymous: TestClient, state: AppState) -> None:
    anonymous.get(f"/launch?token={state.launch_token}", follow_redirects=False)
    response = anonymous.get("/welcome")
    assert response.status_code == 200
    assert "Welcome to Anchored" in response.text


def test_reused_link_is_refused_and_says_so(anonymous: TestClient, state: AppState) -> None:
    link = f"/launch?token={state.launch_token}"
    assert anonymous.get(link, follow_redirects=False).status_code == 303
    anonymous.cookies.clear()

    response = anonymous.get(link, follow_redirects=False)

    assert response.status_code == 403
    assert "already been used" in response.text
    assert "set-cookie" not in response.headers
    assert anonymous.get("/welcome").status_code == 403


def test_wrong_token_is_refused_and_the_real_one_still_works(
    anonymous: TestClient, state: AppState
) -> None:
    response = anonymous.get("/launch?token=not-the-token", follow_redirects=False)
    assert response.status_code == 403
    assert "set-cookie" not in response.headers

    assert anonymous.get("/launch", follow_redirects=False).status_code == 403
    assert (
        anonymous.get(f"/launch?token={state.launch_token}", follow_redirects=False).status_code
        == 303
    )
