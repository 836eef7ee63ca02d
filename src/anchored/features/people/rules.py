"""Pure rules for support people: checking a phone number and an email address, the links
made from them, the order of the list, the reach-out message, and the card `people add` reads.
No database, no files, no clock."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal

from anchored.core.errors import InvalidInput

KINDS = ("person", "group")
NAME_MAX = 120
NOTE_MAX = 1_000
PHONE_MAX = 40
EMAIL_MAX = 254
SHARE_MAX = 500
PHONE_DIGITS = range(3, 18)  # 112 at the shortest; E.164 has at most 15, plus a trunk prefix

PHONE_PATTERN = re.compile(r"\+?[0-9 ().\-/]+")
# Plain on purpose: something@somewhere.tld, with nothing that would change a mailto: link.
EMAIL_PATTERN = re.compile(r"[^@\s,;:<>?#&\"'()\[\]\\]+@[^@\s,;:<>?#&\"'()\[\]\\]+\.[A-Za-z]{2,}")

PHONE_HELP = "Use digits, spaces and + ( ) - only, for example 07700 900123 or +44 7700 900123."
EMAIL_HELP = "That doesn't look like an email address. Use one like name@example.com."

Direction = Literal["up", "down"]


def phone_problem(text: str) -> str | None:
    """Why ``text`` is not a phone number to call or text, or None ("" is no number). The
    message never repeats what was typed."""
    if not text:
        return None
    if len(text) > PHONE_MAX:
        return f"A phone number can be up to {PHONE_MAX} characters. {PHONE_HELP}"
    if not PHONE_PATTERN.fullmatch(text):
        return PHONE_HELP
    if len(re.sub(r"\D", "", text)) not in PHONE_DIGITS:
        return f"A phone number needs {PHONE_DIGITS.start} to {PHONE_DIGITS.stop - 1} digits."
    return None


def dial_string(phone: str) -> str:
    """What a ``tel:`` or ``sms:`` link carries: the digits, with a leading + if there is one."""
    digits = re.sub(r"\D", "", phone)
    return f"+{digits}" if phone.strip().startswith("+") else digits


def email_problem(text: str) -> str | None:
    """Why ``text`` is not an email address, or None ("" is no address)."""
    if not text:
        return None
    if len(text) > EMAIL_MAX:
        return f"An email address can be up to {EMAIL_MAX} characters."
    return None if EMAIL_PATTERN.fullmatch(text) else EMAIL_HELP


def contact_links(phone: str, email: str) -> tuple[tuple[str, str], ...]:
    """(label, href) for calling, texting and emailing; nothing for what is missing. The
    labels carry the number or address, so a page or a print-out shows them too."""
    links: list[tuple[str, str]] = []
    if phone and phone_problem(phone) is None:
        dial = dial_string(phone)
        links += [(f"Call {phone}", f"tel:{dial}"), (f"Text {phone}", f"sms:{dial}")]
    if email and email_problem(email) is None:
        links.append((f"Email {email}", f"mailto:{email}"))
    return tuple(links)


def good_for_codes(chosen: Iterable[str], known: Sequence[str]) -> tuple[tuple[str, ...], bool]:
    """The chosen codes in the content's order, and whether any was unknown."""
    picked = {code.strip() for code in chosen if code.strip()}
    return tuple(code for code in known if code in picked), bool(picked - set(known))


def moved(order: Sequence[int], target: int, direction: Direction) -> list[int]:
    """``order`` with ``target`` one place up or down (already first or last: unchanged)."""
    result = list(order)
    if target not in result:
        return result
    at = result.index(target)
    to = at - 1 if direction == "up" else at + 1
    if 0 <= to < len(result):
        result[at], result[to] = result[to], result[at]
    return result


def compose_message(name: str | None, kind: str, share: str, ask: str) -> str:
    """A short message: a greeting, what the person wants to share (as written), and what
    they would like, if anything."""
    if name and kind == "group":
        greeting = f"Hi everyone at {name},"
    elif name:
        greeting = f"Hi {name},"
    else:
        greeting = "Hi,"
    parts = [greeting, share.strip(), ask.strip()]
    return "\n\n".join(part for part in parts if part)


# -- the card `anchored people add` reads ----------------------------------------------------

CARD_KEYS = {
    "name": "name",
    "phone": "phone",
    "email": "email",
    "good for": "good_for",
    "note": "note",
}
CARD_FORMAT = "Name: Sam\nPhone: 07700 900123\nEmail: sam@example.com\nGood for: listening\nNote: "


def parse_card(text: str) -> dict[str, str]:
    """Read ``Key: value`` lines (Name, Phone, Email, Good for, Note) into fields. A first line
    without a key is the name; lines starting with # and empty values are left out; a line
    that follows Note continues the note. Refuses unknown keys, naming the keys it knows."""
    fields: dict[str, str] = {}
    last = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, colon, value = line.partition(":")
        field = CARD_KEYS.get(" ".join(key.lower().split())) if colon else None
        if field is not None:
            if value.strip():
                fields[field] = value.strip()
            last = field
        elif not fields and not last:
            fields["name"] = line
            last = "name"
        elif last == "note":
            fields["note"] = f"{fields.get('note', '')}\n{line}".strip()
        else:
            raise InvalidInput(
                {"card": "Each line starts with Name:, Phone:, Email:, Good for: or Note:."}
            )
    return fields
