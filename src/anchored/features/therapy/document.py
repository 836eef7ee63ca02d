"""The session summary as a page or a file: its charts made ready to draw (the progress
page's own ``_charts.html`` SVGs) and, for ``anchored summary``, one HTML file holding its
own styles, to open in a browser and print, or to turn into a PDF."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from anchored.features.therapy.summary import PAPERS, SECTIONS, WEEKS, Shown, Summary
from anchored.manifest import Registry
from anchored.web.charts import ChartView, chart_view
from anchored.web.templating import STATIC_DIR, build_templates

HEADING = "My summary for a therapy session"


def views(summary: Summary) -> list[tuple[Shown, list[ChartView]]]:
    return [(shown, [chart_view(part) for part in shown.parts]) for shown in summary.sections]


def context(summary: Summary) -> dict[str, Any]:
    """What the summary's templates need."""
    return {
        "summary": summary,
        "views": views(summary),
        "heading": HEADING,
        "sections": SECTIONS,
        "weeks_offered": WEEKS,
        "papers": PAPERS,
    }


def styles() -> str:
    """The app's stylesheet and the summary's own, for a file opened without the app."""
    shared = (STATIC_DIR / "css" / "anchored.css").read_text(encoding="utf-8")
    own = (files(__package__) / "static" / "summary.css").read_text(encoding="utf-8")
    return f"{shared}\n{own}"


def standalone_html(registry: Registry, summary: Summary) -> str:
    """The summary as one HTML file (styles inside, no script, nothing fetched)."""
    env = build_templates(registry).env
    template = env.get_template("therapy/summary_file.html")
    return template.render({**context(summary), "css": styles()})
