"""Tests for the crisis-line content data (safety.md section 1)."""

from __future__ import annotations

import copy
import re
from datetime import date, timedelta
from importlib.resources import files
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from anchored.content.crisis_lines import (
    CountryHelp,
    CrisisDirectory,
    CrisisLine,
    load_crisis_lines,
    tel_href,
)

# Every country in the safety.md section 1 table. Adding or removing a country must be deliberate.
EXPECTED_COUNTRIES = {
    "US", "CA", "GB", "IE", "AU", "NZ", "IN", "DE", "AT", "CH", "FR", "BE",
    "NL", "ES", "IT", "SE", "DK", "JP", "KR", "BR", "MX", "ZA", "SG", "HK",
}  # fmt: skip

GATHERED = date(2026, 11, 1)


def _raw_data() -> dict[str, Any]:
    text = files("anchored.content").joinpath("crisis_lines.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def _digits(value: str | None) -> str:
    return re.sub(r"\D", "", value or "")


def _all_numbers(entry: CountryHelp) -> list[str]:
    numbers = [_digits(entry.emergency)]
    for line in entry.lines:
        numbers.append(_digits(line.phone))
        numbers.extend(_digits(p) for p in line.other_phones)
        numbers.append(_digits(line.text))
    return numbers


@pytest.fixture
def directory() -> CrisisDirectory:
    return load_crisis_lines()


def _line(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "Test line",
        "phone": "116 123",
        "hours": "24/7",
        "source": "https://example.org/",
        "last_verified": "2026-11-01",
        "verified_against": "reference-list",
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


# --- the shipped data -----------------------------------------------------------------------------


def test_file_loads_and_is_cached(directory: CrisisDirectory) -> None:
    assert load_crisis_lines() is directory
    assert directory.review_interval_days == 180
    assert directory.default_country == "US"
    assert directory.for_country(directory.default_country) is not None


def test_every_country_from_safety_table_is_present(directory: CrisisDirectory) -> None:
    codes = [entry.country for entry in directory.entries]
    assert set(codes) == EXPECTED_COUNTRIES
    assert len(codes) == len(set(codes))


def test_every_entry_has_required_fields_and_non_empty_values(directory: CrisisDirectory) -> None:
    for entry in directory.entries:
        assert re.fullmatch(r"[A-Z]{2}", entry.country)
        assert entry.country_name.strip()
        assert entry.emergency.strip()
        assert entry.emergency_href.startswith("tel:")
        assert entry.lines, entry.country
        for line in entry.lines:
            where = f"{entry.country}: {line.name}"
            assert line.name.strip(), where
            assert line.phone or line.text, where
            assert line.hours is None or line.hours.strip(), where
            assert line.source.startswith("https://"), where
            assert isinstance(line.last_verified, date), where
            for optional in (line.phone, line.text, line.chat, line.languages, line.notes):
                assert optional is None or optional.strip(), where


def test_no_entry_claims_official_verification(directory: CrisisDirectory) -> None:
    # Honesty rule: nobody has checked these against official sites yet (safety.md section 1).
    for entry in directory.entries:
        for line in entry.lines:
            assert line.verified_against == "reference-list", line.name
            assert line.last_verified == GATHERED, line.name


def test_raw_yaml_has_every_required_key() -> None:
    data = _raw_data()
    assert {"review_interval_days", "default_country", "other_countries", "entries"} <= set(data)
    for entry in data["entries"]:
        assert {"country", "country_name", "emergency", "lines"} <= set(entry)
        for line in entry["lines"]:
            assert {"name", "source", "last_verified", "verified_against"} <= set(line)


def test_hours_are_given_only_when_known(directory: CrisisDirectory) -> None:
    # "Hours: Not confirmed yet" read as if the line itself were unconfirmed: unknown hours are
    # left out, and the shown hours never talk about our checking.
    unknown = [
        line.name for entry in directory.entries for line in entry.lines if line.hours is None
    ]
    assert "988 Suicide & Crisis Lifeline" in unknown
    for entry in directory.entries:
        for line in entry.lines:
            assert line.hours is None or "confirm" not in line.hours.casefold(), line.name
    assert (
        "Not confirmed"
        not in files("anchored.content")
        .joinpath("crisis_lines.yaml")
        .read_text(encoding="utf-8")
        .split("entries:", 1)[1]
    )


def test_a_line_without_hours_is_valid() -> None:
    assert CrisisLine.model_validate(_line(hours=None)).hours is None


@pytest.mark.parametrize("hours", ["Not confirmed yet", "unknown", "Not known"])
def test_hours_placeholder_is_refused(hours: str) -> None:
    with pytest.raises(ValidationError, match="leave out"):
        CrisisLine.model_validate(_line(hours=hours))


def test_other_countries_points_to_find_a_helpline(directory: CrisisDirectory) -> None:
    assert directory.other_countries.url.startswith("https://findahelpline.com")
    assert directory.other_countries.name == "Find A Helpline"


def test_us_has_988_and_911(directory: CrisisDirectory) -> None:
    us = directory.for_country("US")
    assert us is not None
    assert us.emergency == "911"
    assert "988" in {line.phone for line in us.lines}


def test_emergency_numbers_for_main_regions(directory: CrisisDirectory) -> None:
    expected = {"US": "911", "CA": "911", "GB": "999", "AU": "000", "NZ": "111", "FR": "112"}
    for code, number in expected.items():
        entry = directory.for_country(code)
        assert entry is not None
        assert entry.emergency == number, code
    france = directory.for_country("FR")
    assert france is not None
    assert france.emergency_note is not None
    assert "15" in france.emergency_note


def test_south_korea_uses_109_not_1393(directory: CrisisDirectory) -> None:
    kr = directory.for_country("KR")
    assert kr is not None
    assert "109" in {line.phone for line in kr.lines}
    assert "1393" not in _all_numbers(kr)
    assert "1393" not in kr.model_dump_json()


def test_singapore_has_1767_not_retired_number(directory: CrisisDirectory) -> None:
    sg = directory.for_country("SG")
    assert sg is not None
    assert "1767" in {line.phone for line in sg.lines}
    assert "18002214444" not in _all_numbers(sg)
    assert "18002214444" not in _digits(sg.model_dump_json())


# --- helpers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "href"),
    [
        ("116 123", "tel:116123"),
        ("988", "tel:988"),
        ("000", "tel:000"),
        ("1-800-891-4416", "tel:18008914416"),
        ("0800-0113", "tel:08000113"),
        ("+44 116 123", "tel:+44116123"),
        (" +1 (800) 273-8255 ", "tel:+18002738255"),
        ("12+34", "tel:1234"),
    ],
)
def test_tel_href(number: str, href: str) -> None:
    assert tel_href(number) == href


@pytest.mark.parametrize("number", ["", "   ", "+", "call us"])
def test_tel_href_rejects_non_numbers(number: str) -> None:
    with pytest.raises(ValueError, match="not a phone number"):
        tel_href(number)


def test_every_phone_number_makes_a_tel_link(directory: CrisisDirectory) -> None:
    for entry in directory.entries:
        for line in entry.lines:
            if line.phone is not None:
                assert line.phone_href == tel_href(line.phone)
                assert re.fullmatch(r"tel:\+?\d+", line.phone_href or "")


def test_for_country_is_case_insensitive_and_none_for_unknown(
    directory: CrisisDirectory,
) -> None:
    gb = directory.for_country("gb")
    assert gb is not None
    assert gb.country == "GB"
    assert directory.for_country("XX") is None


def test_countries_sorted_by_name(directory: CrisisDirectory) -> None:
    pairs = directory.countries()
    names = [name for _, name in pairs]
    assert names == sorted(names, key=str.casefold)
    assert {code for code, _ in pairs} == EXPECTED_COUNTRIES
    assert ("US", "United States") in pairs


def test_stale(directory: CrisisDirectory) -> None:
    interval = directory.review_interval_days
    total = sum(len(entry.lines) for entry in directory.entries)
    assert directory.stale(GATHERED) == []
    assert directory.stale(GATHERED + timedelta(days=interval)) == []
    overdue = directory.stale(GATHERED + timedelta(days=interval + 1))
    assert len(overdue) == total
    us = directory.for_country("US")
    assert us is not None
    assert ("US", us.lines[0]) in overdue


def test_stale_only_returns_old_lines() -> None:
    data = {
        "review_interval_days": 30,
        "default_country": "GB",
        "other_countries": {"name": "Find A Helpline", "url": "https://findahelpline.com/"},
        "entries": [
            {
                "country": "GB",
                "country_name": "United Kingdom",
                "emergency": "999",
                "lines": [
                    _line(name="Old", last_verified="2026-01-01"),
                    _line(name="New", last_verified="2026-02-20"),
                ],
            }
        ],
    }
    directory = CrisisDirectory.model_validate(data)
    stale = directory.stale(date(2026, 3, 1))
    assert [(code, line.name) for code, line in stale] == [("GB", "Old")]


# --- validation -----------------------------------------------------------------------------------


def test_entry_missing_source_fails_validation() -> None:
    data = copy.deepcopy(_raw_data())
    del data["entries"][0]["lines"][0]["source"]
    with pytest.raises(ValidationError, match="source"):
        CrisisDirectory.model_validate(data)


def test_unmodified_data_validates() -> None:
    CrisisDirectory.model_validate(_raw_data())


def test_line_needs_phone_or_text() -> None:
    CrisisLine.model_validate(_line(phone=None, text="Text HOME to 741741"))
    with pytest.raises(ValidationError, match="phone number or a text channel"):
        CrisisLine.model_validate(_line(phone=None))


@pytest.mark.parametrize(
    "source", ["http://example.org/", "example.org", "ftp://example.org", "https://", ""]
)
def test_source_must_be_https(source: str) -> None:
    with pytest.raises(ValidationError):
        CrisisLine.model_validate(_line(source=source))


def test_unknown_fields_and_bad_verification_rejected() -> None:
    with pytest.raises(ValidationError):
        CrisisLine.model_validate(_line(website="https://example.org/"))
    with pytest.raises(ValidationError):
        CrisisLine.model_validate(_line(verified_against="someone-said-so"))
    with pytest.raises(ValidationError):
        CrisisLine.model_validate(_line(name="  "))
    with pytest.raises(ValidationError):
        CrisisLine.model_validate(_line(phone="call now"))


def test_models_are_frozen(directory: CrisisDirectory) -> None:
    with pytest.raises(ValidationError):
        setattr(directory, "default_country", "GB")  # noqa: B010


@pytest.mark.parametrize("code", ["us", "USA", "U1", ""])
def test_country_code_must_be_two_upper_case_letters(code: str) -> None:
    data = copy.deepcopy(_raw_data())
    data["entries"][0]["country"] = code
    with pytest.raises(ValidationError):
        CrisisDirectory.model_validate(data)


def test_duplicate_country_codes_rejected() -> None:
    data = copy.deepcopy(_raw_data())
    data["entries"].append(copy.deepcopy(data["entries"][0]))
    with pytest.raises(ValidationError, match="duplicate country codes: US"):
        CrisisDirectory.model_validate(data)


def test_default_country_must_exist() -> None:
    data = copy.deepcopy(_raw_data())
    data["default_country"] = "XX"
    with pytest.raises(ValidationError, match="default_country"):
        CrisisDirectory.model_validate(data)
