"""Crisis lines by country, loaded from ``crisis_lines.yaml`` and validated.

The list is content data (safety.md section 1): numbers are never hard-coded in views. Each line
records where it came from (``source``), when it was last checked (``last_verified``) and what it
was checked against (``verified_against``). ``CrisisDirectory.stale`` finds lines that are due for
review.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Annotated, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from anchored.content.loader import load_yaml

__all__ = [
    "CountryHelp",
    "CrisisDirectory",
    "CrisisLine",
    "OtherCountries",
    "VerifiedAgainst",
    "load_crisis_lines",
    "tel_href",
]

NonEmptyStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A string that is not empty or only whitespace."""

PhoneNumber = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9][0-9 \-]*[0-9]$|^[0-9]$"),
]
"""A dialable number as people write it: digits, spaces and hyphens, optional leading ``+``."""

HttpsUrl = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^https://\S+$")]
"""A web address that must start with ``https://``."""

CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
"""An ISO 3166-1 alpha-2 country code in upper case, for example ``US``."""

_UNKNOWN_HOURS = re.compile(r"\b(?:not confirmed|unconfirmed|unknown|not known)\b", re.IGNORECASE)

VerifiedAgainst = Literal["reference-list", "official-site"]
"""What an entry was last checked against: our own reference list, or the service's own site."""


class CrisisLine(BaseModel):
    """One crisis service: how to reach it, when (``hours``, only if known), and where the
    details came from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: NonEmptyStr
    phone: PhoneNumber | None = None
    other_phones: tuple[PhoneNumber, ...] = ()
    text: NonEmptyStr | None = None
    chat: NonEmptyStr | None = None
    hours: NonEmptyStr | None = None
    languages: NonEmptyStr | None = None
    notes: NonEmptyStr | None = None
    source: HttpsUrl
    last_verified: date
    verified_against: VerifiedAgainst

    @field_validator("hours")
    @classmethod
    def _hours_are_known(cls, hours: str | None) -> str | None:
        # A placeholder reads as if the line itself were in doubt; say nothing instead.
        if hours is not None and _UNKNOWN_HOURS.search(hours):
            raise ValueError("leave out `hours` when they are not known")
        return hours

    @model_validator(mode="after")
    def _phone_or_text(self) -> Self:
        if self.phone is None and self.text is None:
            raise ValueError(f"crisis line {self.name!r} needs a phone number or a text channel")
        if self.other_phones and self.phone is None:
            raise ValueError(f"crisis line {self.name!r} has other_phones but no phone")
        return self

    @property
    def phone_href(self) -> str | None:
        """``tel:`` link for the main phone number, or ``None`` if the line has no phone."""
        return tel_href(self.phone) if self.phone is not None else None


class CountryHelp(BaseModel):
    """Everything the app shows for one country: the emergency number first, then the lines."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    country: CountryCode
    country_name: NonEmptyStr
    emergency: PhoneNumber
    emergency_note: NonEmptyStr | None = None
    lines: tuple[CrisisLine, ...] = Field(min_length=1)

    @property
    def emergency_href(self) -> str:
        """``tel:`` link for the emergency number."""
        return tel_href(self.emergency)


class OtherCountries(BaseModel):
    """Fallback for countries that are not in the list (a web directory of helplines)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: NonEmptyStr
    url: HttpsUrl
    notes: NonEmptyStr | None = None


class CrisisDirectory(BaseModel):
    """The whole crisis-line list, with lookup and review helpers."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    review_interval_days: int = Field(gt=0)
    default_country: CountryCode
    other_countries: OtherCountries
    entries: tuple[CountryHelp, ...] = Field(min_length=1)

    @field_validator("entries")
    @classmethod
    def _unique_countries(cls, entries: tuple[CountryHelp, ...]) -> tuple[CountryHelp, ...]:
        seen: set[str] = set()
        duplicates: list[str] = []
        for entry in entries:
            if entry.country in seen:
                duplicates.append(entry.country)
            seen.add(entry.country)
        if duplicates:
            raise ValueError(f"duplicate country codes: {', '.join(sorted(set(duplicates)))}")
        return entries

    @model_validator(mode="after")
    def _default_country_listed(self) -> Self:
        if self.for_country(self.default_country) is None:
            raise ValueError(f"default_country {self.default_country!r} has no entry")
        return self

    def for_country(self, code: str) -> CountryHelp | None:
        """The entry for an ISO 3166-1 alpha-2 code (any case), or ``None`` if not listed."""
        wanted = code.strip().upper()
        for entry in self.entries:
            if entry.country == wanted:
                return entry
        return None

    def countries(self) -> list[tuple[str, str]]:
        """``(code, name)`` pairs for a country picker, sorted by name."""
        pairs = [(entry.country, entry.country_name) for entry in self.entries]
        return sorted(pairs, key=lambda pair: (pair[1].casefold(), pair[0]))

    def stale(self, today: date) -> list[tuple[str, CrisisLine]]:
        """``(country code, line)`` for every line last verified more than the interval ago."""
        return [
            (entry.country, line)
            for entry in self.entries
            for line in entry.lines
            if (today - line.last_verified).days > self.review_interval_days
        ]


_TEL_JUNK = re.compile(r"[^0-9]")


def tel_href(number: str) -> str:
    """Turn a number as written (``"116 123"``, ``"+44 116 123"``) into a ``tel:`` link.

    Keeps digits only, plus a leading ``+`` if the number starts with one.
    """
    stripped = number.strip()
    digits = _TEL_JUNK.sub("", stripped)
    if not digits:
        raise ValueError(f"not a phone number: {number!r}")
    prefix = "+" if stripped.startswith("+") else ""
    return f"tel:{prefix}{digits}"


@functools.cache
def load_crisis_lines() -> CrisisDirectory:
    """Read and validate the packaged ``crisis_lines.yaml`` (cached after the first call)."""
    return load_yaml(__package__, "crisis_lines.yaml", CrisisDirectory)
