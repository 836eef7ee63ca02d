"""The partner guide's text, ``content/partner_guide.md``, validated when loaded."""

from __future__ import annotations

import functools

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict

from anchored.content.loader import load_markdown
from anchored.content.markdown import render_markdown


class PartnerGuide(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    summary: str
    body: str

    @property
    def body_html(self) -> Markup:
        return render_markdown(self.body)


@functools.cache
def load_guide() -> PartnerGuide:
    return load_markdown(__package__, "content/partner_guide.md", PartnerGuide)
