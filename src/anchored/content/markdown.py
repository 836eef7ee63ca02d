"""Front matter + Markdown, as our content files use them. Raw HTML is never passed through."""

from __future__ import annotations

import functools
from typing import Any

from markdown_it import MarkdownIt
from markupsafe import Markup

from anchored.content import yamlfile


def split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    """``---\\nYAML\\n---\\nbody`` → (mapping, body)."""
    if not text.startswith("---\n"):
        raise ValueError(f"{name}: must start with a '---' front-matter block")
    _, head, body = text.split("---\n", 2)
    data = yamlfile.parse(head)
    if not isinstance(data, dict):
        raise ValueError(f"{name}: front matter must be a mapping")
    return data, body.strip()


@functools.cache
def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def render_markdown(text: str) -> Markup:
    """HTML from our Markdown; safe to insert because raw HTML in the source is escaped."""
    return Markup(_renderer().render(text))  # noqa: S704 - html=False escapes any raw HTML


def word_count(text: str) -> int:
    return len([w for w in text.split() if any(ch.isalnum() for ch in w)])
