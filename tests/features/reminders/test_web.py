"""/settings/reminders: choose, save calmly, refuse without losing the choices, and the
calendar file as a download that holds neutral titles and never the person's words."""

from __future__ import annotations

import icalendar
from fastapi.testclient import TestClient

from anchored.web.state import AppState

FILE = "/settings/reminders/anchored-reminders.ics"
MY_WORDS = "Quillfeather worried about Tamsin tonight"


def chosen(**changes: object) -> dict[str, object]:
    sent: dict[str, object] = {
        "check_in-on": "yes",
        "check_in-days": ["MO", "WE", "FR"],
        "check_in-time": "20:30",
        "check_in-every": "1",
        "habits-on": "yes",
        "habits-days": ["TU"],
        "habits-time": "08:15",
        "habits-every": "2",
        "self_checks-time": "10:00",
        "self_checks-every": "4",
        "zone": "America/Chicago",
    }
    return {**sent, **changes}


def test_the_page_opens_with_every_reminder_off(
    unlocked_client: tuple[TestClient, AppState],
) -> None:
    client, _state = unlocked_client
    page = client.get("/settings/reminders")
    assert page.status_code == 200
    assert "No reminder is turned on yet" in page.text
    assert FILE not in page.text
    assert '<input type="checkbox" id="check_in-on" name="check_in-on" value="yes">' in page.text


def test_saved_reminders_make_a_calendar_with_neutral_words_only(
    unlocked_client: tuple[TestClient, AppState],
) -> None:
    client, _state = unlocked_client
    client.post("/journal/new", data={"title": MY_WORDS, "body": MY_WORDS})
    saved = client.post("/settings/reminders", data=chosen(), follow_redirects=False)
    assert saved.status_code == 303
    page = client.get(saved.headers["location"])
    assert "Saved." in page.text
    assert FILE in page.text

    download = client.get(FILE)
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("text/calendar")
    assert "attachment" in download.headers["content-disposition"]
    assert "Quillfeather" not in download.text
    assert "Tamsin" not in download.text
    events = icalendar.Calendar.from_ical(download.text).walk("VEVENT")
    by_title = {str(e["SUMMARY"]): e for e in events}
    assert set(by_title) == {"Anchored: a moment for you", "Anchored: a small step"}
    check_in = by_title["Anchored: a moment for you"]
    assert check_in["DTSTART"].params["TZID"] == "America/Chicago"
    assert check_in.decoded("DTSTART").strftime("%H:%M") == "20:30"
    assert check_in["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]
    assert by_title["Anchored: a small step"]["RRULE"]["INTERVAL"] == [2]


def test_a_wrong_choice_is_refused_and_the_rest_kept(
    unlocked_client: tuple[TestClient, AppState],
) -> None:
    client, _state = unlocked_client
    sent = chosen(**{"check_in-days": [], "zone": "Atlantis/Capital"})
    refused = client.post("/settings/reminders", data=sent)
    assert refused.status_code == 422
    assert "Choose at least one day" in refused.text
    assert "Atlantis/Capital" in refused.text  # kept in its field to correct, not lost
    assert 'value="08:15"' in refused.text
    assert "Download the calendar file" not in refused.text
    assert "No reminder is turned on yet" in client.get("/settings/reminders").text


def test_reminders_need_the_vault_open(locked_client: tuple[TestClient, AppState]) -> None:
    client, _state = locked_client
    for path in ("/settings/reminders", FILE):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/unlock")
