"""One clock. Only the two entry points read it: the web app (``AppState.now``, which tests
replace with a fake clock) and the command line (``anchored.cli.common.now``). Services and
routes take ``now`` as an argument, so the day, the week and every timer can be tested."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def system_clock() -> datetime:
    """The real time, in UTC (aware)."""
    return datetime.now(UTC)


# A date a person gives (writing about an earlier moment) may not be later than now; a few
# minutes allow for the device's clock being a little ahead of the app's.
CLOCK_SKEW = timedelta(minutes=5)
NOT_YET = "That time hasn't come yet. Choose a time up to now, or leave the box empty for now."


def not_yet(when: datetime, now: datetime) -> bool:
    """Whether ``when`` is later than ``now`` by more than a little clock difference."""
    return when > now + CLOCK_SKEW
