"""Secrets as bytes we can overwrite.

Python's ``str`` and ``bytes`` cannot be changed in place, so a copy of a passphrase in one of
them stays in memory until Python happens to reuse that memory. The copies Anchored makes
itself are ``bytearray``s, overwritten with zeros as soon as they are used (``wipe``).
"""

from __future__ import annotations

import unicodedata


def wipe(buffer: bytearray) -> None:
    """Overwrite ``buffer`` with zeros (its length stays the same)."""
    buffer[:] = bytes(len(buffer))


def utf8(secret: str | bytearray) -> bytearray:
    """The NFC-normalised UTF-8 bytes of ``secret`` in a new ``bytearray`` (wipe it after use).

    The same phrase typed on two keyboards must give the same bytes. ASCII needs no
    normalising, so an ASCII ``bytearray`` is copied without ever becoming a ``str``; other
    text is decoded and normalised, which leaves ``str`` copies we cannot overwrite.
    Raises ``UnicodeDecodeError`` for bytes that are not UTF-8.
    """
    if isinstance(secret, bytearray):
        if secret.isascii():
            return bytearray(secret)
        secret = secret.decode("utf-8")
    if not secret.isascii():
        secret = unicodedata.normalize("NFC", secret)
    # Sized once, filled in place: growing a bytearray would leave freed partial copies.
    out = bytearray(sum(1 if ord(ch) < 0x80 else len(ch.encode("utf-8")) for ch in secret))
    i = 0
    for ch in secret:
        code = ord(ch)
        if code < 0x80:
            out[i] = code
            i += 1
        else:
            for byte in ch.encode("utf-8"):  # byte by byte: slice assignment copies first
                out[i] = byte
                i += 1
    return out


def first_line(data: bytearray, size: int | None = None) -> bytearray:
    """The first line of ``data[:size]`` (without its line ending) as a new ``bytearray``."""
    size = len(data) if size is None else size
    end = data.find(b"\n", 0, size)
    if end < 0:
        end = size
    if end > 0 and data[end - 1] == 0x0D:  # \r\n
        end -= 1
    with memoryview(data) as view:
        return bytearray(view[:end])
