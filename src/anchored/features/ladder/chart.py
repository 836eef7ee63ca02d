"""The geometry of a rung's small chart: predicted anxiety against the peak, attempt by attempt.

Pure (plain numbers in, plain numbers out): the template ``ladder/_chart.html`` draws it as an
SVG on the server, with CSS classes for colour (so dark mode follows, and the page needs no
script and no inline style). Both lines share a fixed 0-100 scale, so charts of different
rungs compare at a glance. Values are in SVG user units; y grows downwards.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

SCALE_MAX = 100
GRIDLINES = (0, 50, 100)
MAX_LABELS = 10  # beyond this many attempts, only every n-th is numbered on the axis


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    value: int


@dataclass(frozen=True, slots=True)
class Series:
    kind: str  # "predicted" or "peak": the CSS class of its line and markers
    points: tuple[Point, ...]

    @property
    def polyline(self) -> str:
        """The ``points`` attribute of the series' line."""
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(frozen=True, slots=True)
class Gridline:
    value: int
    y: float


@dataclass(frozen=True, slots=True)
class Label:
    text: str
    x: float


@dataclass(frozen=True, slots=True)
class Chart:
    width: float
    height: float
    left: float
    right: float
    label_y: float
    gridlines: tuple[Gridline, ...]
    series: tuple[Series, ...]
    labels: tuple[Label, ...]


def predicted_vs_peak(
    attempts: Sequence[tuple[int, int]],
    *,
    width: float = 320,
    height: float = 170,
    margin_left: float = 30,
    margin_right: float = 12,
    margin_top: float = 10,
    margin_bottom: float = 24,
) -> Chart:
    """The chart of ``attempts`` (each ``(predicted, peak)``, oldest first): two lines on a
    0-100 scale, one point per attempt, numbered along the bottom. Every point stays inside
    ``width`` x ``height``; values outside 0-100 are drawn at the nearest edge."""
    plot_width = max(width - margin_left - margin_right, 0)
    plot_height = max(height - margin_top - margin_bottom, 0)
    baseline = margin_top + plot_height
    slot = plot_width / len(attempts) if attempts else 0

    def x(index: int) -> float:
        return margin_left + slot * (index + 0.5)

    def y(value: int) -> float:
        return baseline - min(max(value, 0), SCALE_MAX) / SCALE_MAX * plot_height

    def series(kind: str, which: int) -> Series:
        return Series(
            kind, tuple(Point(x(i), y(pair[which]), pair[which]) for i, pair in enumerate(attempts))
        )

    every = max(1, math.ceil(len(attempts) / MAX_LABELS))
    labels = tuple(Label(str(i + 1), x(i)) for i in range(len(attempts)) if i % every == 0)
    return Chart(
        width=width,
        height=height,
        left=margin_left,
        right=width - margin_right,
        label_y=min(baseline + 17, height - 2),
        gridlines=tuple(Gridline(v, y(v)) for v in GRIDLINES),
        series=(series("predicted", 0), series("peak", 1)),
        labels=labels,
    )
