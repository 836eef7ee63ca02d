"""The learn pages: short reads on fear of abandonment, one Markdown file each in
``content/pages/``, numbered in reading order and validated when loaded."""

from __future__ import annotations

import functools

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field, model_validator

from anchored.content.loader import load_markdown_folder
from anchored.content.markdown import render_markdown

# Fixed addresses under /learn that a page slug must not shadow.
LEARN_ROUTES = frozenset({"signs"})


class LearnPage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    number: int
    slug: str
    title: str
    summary: str
    body: str

    @property
    def body_html(self) -> Markup:
        return render_markdown(self.body)


class LearnPages(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    pages: tuple[LearnPage, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> LearnPages:
        if [p.number for p in self.pages] != list(range(1, len(self.pages) + 1)):
            raise ValueError("learn pages must be numbered 1, 2, 3, …")
        if {p.slug for p in self.pages} & LEARN_ROUTES:
            raise ValueError(f"a learn page slug clashes with a page address: {LEARN_ROUTES}")
        return self

    def page(self, slug: str) -> LearnPage | None:
        return next((p for p in self.pages if p.slug == slug), None)

    def neighbours(self, page: LearnPage) -> tuple[LearnPage | None, LearnPage | None]:
        """The pages before and after ``page`` in reading order (None at either end)."""
        index = self.pages.index(page)
        previous = self.pages[index - 1] if index > 0 else None
        following = self.pages[index + 1] if index + 1 < len(self.pages) else None
        return previous, following


@functools.cache
def load_pages() -> LearnPages:
    pages = load_markdown_folder(__package__, "content/pages", LearnPage)
    return LearnPages(pages=tuple(sorted(pages, key=lambda p: p.number)))
