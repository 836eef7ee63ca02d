"""The dark colour scheme changes colours and nothing else: what is on a page, its size and its
place are the same in light and dark. The browser tests rely on it: they run every axe rule on
a page in light and, in dark, only the rules that read colours (tests/e2e/flows.py)."""

from __future__ import annotations

import re
from pathlib import Path

import anchored

SOURCE = Path(anchored.__file__).resolve().parent
# What a dark block may set: colours (a custom property holding one, too), and an outline,
# which is painted around a box without moving anything.
PAINT_ONLY = {
    "color",
    "background",
    "background-color",
    "border-color",
    "outline",
    "outline-color",
    "fill",
    "stroke",
    "color-scheme",
    "caret-color",
    "accent-color",
    "text-decoration-color",
}
COLOUR_VALUE = re.compile(
    r"^(#[0-9a-f]{3,8}|(rgb|rgba|hsl|hsla)\([^)]*\)|var\(--[\w-]+\)|transparent|currentcolor)$",
    re.IGNORECASE,
)
DARK = re.compile(r"prefers-color-scheme:\s*dark|data-theme=\"dark\"")


def _blocks(css: str) -> list[tuple[str, str]]:
    """(prelude, body) of each top-level block: `@media ... { ... }` or `selector { ... }`."""
    blocks, depth, start, prelude_start = [], 0, 0, 0
    for index, char in enumerate(css):
        if char == "{":
            if depth == 0:
                start = index
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                blocks.append((css[prelude_start:start].strip(), css[start + 1 : index]))
                prelude_start = index + 1
    assert depth == 0, "unbalanced braces"
    return blocks


def dark_declarations(css: str) -> list[tuple[str, str, str]]:
    """(selector, property, value) of every declaration that applies only in the dark scheme:
    inside `@media (prefers-color-scheme: dark)` or under `[data-theme="dark"]`."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    found = []

    def rules(text: str, dark: bool) -> None:
        for prelude, body in _blocks(text):
            if prelude.startswith("@"):
                rules(body, dark or bool(DARK.search(prelude)))
            elif dark or DARK.search(prelude):
                for declaration in body.split(";"):
                    if declaration.strip():
                        name, _, value = declaration.partition(":")
                        found.append((prelude, name.strip().lower(), value.strip()))

    rules(css, False)
    return found


def stylesheets() -> list[Path]:
    return sorted(SOURCE.rglob("*.css"))


def test_the_dark_scheme_changes_only_colours() -> None:
    sheets = stylesheets()
    assert SOURCE / "web" / "static" / "css" / "anchored.css" in sheets
    seen, wrong = 0, []
    for sheet in sheets:
        for selector, name, value in dark_declarations(sheet.read_text(encoding="utf-8")):
            seen += 1
            if name.startswith("--"):
                if not COLOUR_VALUE.match(value):
                    wrong.append(f"{sheet.name}: {selector} {{ {name}: {value} }}")
            elif name not in PAINT_ONLY:
                wrong.append(f"{sheet.name}: {selector} {{ {name}: {value} }}")
    assert seen > 20, "no dark-scheme declarations found: has the stylesheet moved?"
    assert not wrong, "dark-scheme rules that change more than colours:\n" + "\n".join(wrong)


def test_the_check_finds_a_dark_rule_that_moves_things() -> None:
    css = (
        "p { margin: 0 }\n"
        "@media (prefers-color-scheme: dark) {\n"
        "  :root { --bg: #000; --gap: 2rem }\n"
        "  .x { color: red }\n"
        "}\n"
        ':root[data-theme="dark"] .menu { display: none }\n'
    )
    assert dark_declarations(css) == [
        (":root", "--bg", "#000"),
        (":root", "--gap", "2rem"),
        (".x", "color", "red"),
        (':root[data-theme="dark"] .menu', "display", "none"),
    ]
