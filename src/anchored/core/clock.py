"""One clock. Only the two entry points read it: the web app (``AppState.now``, which tests
replace with a fake clock) and the command line (``anchored.cli.common.now``). Services and
routes take ``now`` as an argument, so the day, the week and every timer can be tested."""

from __future__ import annotations

from datetime import UTC, datetime


def system_clock() -> datetime:
    """The real time, in UTC (aware)."""
    return datetime.now(UTC)
