"""A form that could not be saved comes back to the person, so nothing they wrote is lost.

The security middleware keeps the body of each POST in memory while the request runs (never
on disk, never in the log). If the request then fails, the error page shows the words again
to copy, and (unless the database is damaged) offers to send the form again as it was.
Secrets (passphrases, recovery keys) never come back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.types import Message, Receive

from anchored.services.records import free_text_names

KEEP_BYTES = 2 * 1024 * 1024  # far above any form; a larger body is not kept
FORM_TYPE = "application/x-www-form-urlencoded"
# Forms whose fields are secrets: they never come back on a page.
SECRET_PATHS = ("/unlock", "/welcome")
SECRET_NAMES = re.compile(r"passphrase|recovery|password|csrf", re.IGNORECASE)
# A value like "not_sent", "lonely" or "7" is a choice, and "2026-12-01T21:30" a time, not
# writing: they are sent again with the form but not shown in a box of their own.
CHOICE = re.compile(r"[a-z0-9_-]*")


class KeptBody:
    """The body of a POST, kept as the app reads it (``receive``), for this request only."""

    def __init__(self, receive: Receive) -> None:
        self._receive = receive
        self._kept: bytearray | None = bytearray()
        self._complete = False

    async def receive(self) -> Message:
        message = await self._receive()
        if message["type"] != "http.request":
            self._complete = True
        else:
            if self._kept is not None:
                self._kept += message.get("body", b"")
                if len(self._kept) > KEEP_BYTES:
                    self._kept = None
            self._complete = not message.get("more_body", False)
        return message

    async def whole(self) -> bytes | None:
        """The whole body (reading what the app had not), or None if it was too long."""
        while not self._complete and self._kept is not None:
            await self.receive()
        return None if self._kept is None else bytes(self._kept)


def is_writing(value: str) -> bool:
    """Whether a field's value looks like words rather than a choice, number or time."""
    value = value.strip()
    lower = any(c.isalpha() and not (c.isascii() and c.isupper()) for c in value)
    return lower and not CHOICE.fullmatch(value)


@dataclass(frozen=True, slots=True)
class Unsaved:
    """A form that was not saved: where it went and every field, for the error page."""

    action: str
    fields: list[tuple[str, str]]
    words: frozenset[str]  # names of fields that hold writing, whatever their value

    def _is_writing(self, name: str, value: str) -> bool:
        return bool(value.strip()) and (name in self.words or is_writing(value))

    @property
    def writing(self) -> list[tuple[str, str, str]]:
        """(name, label, value) of the fields that hold words, shown to copy or change."""
        return [
            (name, name.replace("_", " ").capitalize(), value)
            for name, value in self.fields
            if self._is_writing(name, value)
        ]

    @property
    def choices(self) -> list[tuple[str, str]]:
        """The other fields (choices, numbers, times), sent again as they were."""
        return [(n, v) for n, v in self.fields if not self._is_writing(n, v)]


async def unsaved_form(request: Request, body: KeptBody | None) -> Unsaved | None:
    """The form ``request`` sent, if it was one holding the person's words (never secrets)."""
    if body is None or request.url.path.startswith(SECRET_PATHS):
        return None
    if request.headers.get("content-type", "").split(";")[0].strip() != FORM_TYPE:
        return None
    raw = await body.whole()
    if raw is None:
        return None
    fields = [
        (name, value)
        for name, value in parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True)
        if not SECRET_NAMES.search(name)
    ]
    action = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return Unsaved(action, fields, free_text_names()) if fields else None
