"""Two requests at the same moment, made deterministic: another request's work runs just
before this one's INSERT, as if the two had arrived together."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import event

from anchored.services.vault import OpenVault


@contextlib.contextmanager
def meanwhile(opened: OpenVault, table: str, other_request: Callable[[], None]) -> Iterator[None]:
    """Run ``other_request`` (in a session of its own, committed) right before the next
    INSERT into ``table``, after this request has looked and found nothing there."""
    fired = False

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        nonlocal fired
        if not fired and statement.lstrip().upper().startswith(f"INSERT INTO {table.upper()} "):
            fired = True
            other_request()

    event.listen(opened.engine, "before_cursor_execute", before)
    try:
        yield
    finally:
        event.remove(opened.engine, "before_cursor_execute", before)
    assert fired, f"nothing was inserted into {table}"
