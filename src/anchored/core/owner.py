"""Who a record belongs to. Personal mode has exactly one owner."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Owner:
    """The person acting; every service call names one."""

    id: int


PERSONAL_OWNER = Owner(id=1)
