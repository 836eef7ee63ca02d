"""Chart geometry for small server-drawn SVG charts: pure numbers, no markup.

``plot(...)`` turns labelled series into positions in SVG user units (y grows downwards);
the template ``_charts.html`` draws them with CSS classes only (the strict CSP forbids inline
styles), so dark mode and print follow the stylesheet. Every chart is shown with a table of
the same numbers; the SVG is a picture of that table.

Three kinds:
- ``line``: one line per series over the labels (weeks or dates); a missing value (None)
  breaks the line, so a week without data is never drawn as a zero.
- ``bar``: bars side by side for each label (weeks).
- ``hbar``: one horizontal bar per label, for a few named categories ("how pauses ended"),
  the label written above its bar so long names fit on a phone.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

Kind = Literal["line", "bar", "hbar"]
KINDS: tuple[Kind, ...] = ("line", "bar", "hbar")
WIDTH = 400.0
HEIGHT = 220.0
MARGIN_LEFT = 30.0
MARGIN_RIGHT = 8.0
MARGIN_TOP = 12.0
MARGIN_BOTTOM = 28.0
MAX_X_LABELS = 4  # room for each at a phone's width
HBAR_ROW = 40.0
MARKERS = ("circle", "square", "triangle", "diamond")


@dataclass(frozen=True, slots=True)
class Mark:
    """A value drawn at (x, y): a point on a line, or the top (end) of a bar."""

    x: float
    y: float
    value: float
    label: str


@dataclass(frozen=True, slots=True)
class Line:
    index: int
    name: str
    path: str  # SVG path data: "M x y L x y ..."; a missing value starts a new piece
    marks: tuple[Mark, ...]

    @property
    def marker(self) -> str:
        return MARKERS[self.index % len(MARKERS)]


@dataclass(frozen=True, slots=True)
class Bar:
    index: int  # the series
    x: float
    y: float
    width: float
    height: float
    value: float
    label: str

    @property
    def text(self) -> str:
        return number(self.value)


@dataclass(frozen=True, slots=True)
class Tick:
    value: float
    y: float
    text: str


@dataclass(frozen=True, slots=True)
class XLabel:
    x: float
    y: float
    text: str


@dataclass(frozen=True, slots=True)
class BandArea:
    index: int
    y: float
    height: float
    label: str


@dataclass(frozen=True, slots=True)
class Plot:
    kind: Kind
    width: float
    height: float
    left: float
    right: float
    top: float
    baseline: float
    ticks: tuple[Tick, ...]
    xlabels: tuple[XLabel, ...]
    lines: tuple[Line, ...]
    bars: tuple[Bar, ...]
    bands: tuple[BandArea, ...]


def number(value: float) -> str:
    """A value as shown: whole numbers without a point, others to one decimal."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def nice_step(span: float, most: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving at most ``most`` intervals."""
    if span <= 0:
        return 1.0
    raw = span / most
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return float(factor * power)
    return float(10 * power)  # pragma: no cover - the loop always returns


def y_bounds(
    series: Sequence[Sequence[float | None]], y_range: tuple[float, float] | None
) -> tuple[float, float]:
    """The range the y axis covers: the one given, else 0 to a round number above the largest."""
    if y_range is not None:
        low, high = y_range
        if high <= low:
            raise ValueError("a chart's range needs its top above its bottom")
        return float(low), float(high)
    values = [v for values in series for v in values if v is not None]
    largest = max([*values, 0.0])
    lowest = min([*values, 0.0])
    step = nice_step(max(largest - lowest, 1.0))
    return math.floor(lowest / step) * step, max(math.ceil(largest / step) * step, step)


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def _ticks(low: float, high: float, scale_y: Callable[[float], float]) -> tuple[Tick, ...]:
    step = nice_step(high - low, 4)
    first = math.ceil(low / step) * step
    count = math.floor((high - first) / step + 1e-9) + 1
    values = [first + step * i for i in range(count)]
    return tuple(Tick(v, scale_y(v), number(v)) for v in values)


def _xlabel_indexes(count: int, most: int = MAX_X_LABELS) -> list[int]:
    """Which labels to write under the axis: evenly spaced, always the last (the newest)."""
    if count <= most:
        return list(range(count))
    step = math.ceil(count / most)
    return sorted({*range(count - 1, -1, -step)})


def plot(
    kind: Kind,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    y_range: tuple[float, float] | None = None,
    bands: Sequence[tuple[float, float, str]] = (),
    width: float = WIDTH,
    height: float = HEIGHT,
) -> Plot:
    """Positions for ``series`` (name, one value or None per label) over ``labels``.

    Values outside ``y_range`` are drawn at its edge (the table keeps the real number).
    Everything stays inside ``width`` x ``height``.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown chart kind {kind!r}")
    for name, values in series:
        if len(values) != len(labels):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(labels)} labels")
    if kind == "hbar":
        return _hbar(labels, series, y_range=y_range, width=width)
    low, high = y_bounds([values for _name, values in series], y_range)
    left, right = MARGIN_LEFT, width - MARGIN_RIGHT
    top, baseline = MARGIN_TOP, height - MARGIN_BOTTOM
    plot_height = baseline - top

    def scale_y(value: float) -> float:
        return baseline - (_clamp(value, low, high) - low) / (high - low) * plot_height

    slot = (right - left) / max(len(labels), 1)

    def centre(i: int) -> float:
        return left + slot * (i + 0.5)

    xlabels = tuple(XLabel(centre(i), height - 8, labels[i]) for i in _xlabel_indexes(len(labels)))
    band_areas = []
    for index, (band_low, band_high, label) in enumerate(bands):
        y_top, y_bottom = scale_y(max(band_low, band_high)), scale_y(min(band_low, band_high))
        band_areas.append(BandArea(index, y_top, y_bottom - y_top, label))
    lines: list[Line] = []
    bars: list[Bar] = []
    if kind == "line":
        for index, (name, values) in enumerate(series):
            marks = []
            pieces = []
            moved = False
            for i, value in enumerate(values):
                if value is None:
                    moved = False
                    continue
                mark = Mark(centre(i), scale_y(value), value, labels[i])
                marks.append(mark)
                pieces.append(f"{'L' if moved else 'M'}{mark.x:.1f} {mark.y:.1f}")
                moved = True
            lines.append(Line(index, name, " ".join(pieces), tuple(marks)))
    else:
        group = slot * 0.8
        bar_width = group / max(len(series), 1)
        zero = scale_y(max(low, 0.0))
        for index, (_name, values) in enumerate(series):
            for i, value in enumerate(values):
                if value is None:
                    continue
                x = centre(i) - group / 2 + bar_width * index
                end = scale_y(value)
                y, bar_height = min(end, zero), abs(zero - end)
                bars.append(Bar(index, x, y, bar_width, bar_height, value, labels[i]))
    return Plot(
        kind,
        width,
        height,
        left,
        right,
        top,
        baseline,
        _ticks(low, high, scale_y),
        xlabels,
        tuple(lines),
        tuple(bars),
        tuple(band_areas),
    )


def _hbar(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    y_range: tuple[float, float] | None,
    width: float,
) -> Plot:
    low, high = y_bounds([values for _name, values in series], y_range)
    low = min(low, 0.0)
    left, right = 4.0, width - 40.0  # room on the right for the number
    row = HBAR_ROW + 14.0 * max(len(series) - 1, 0)
    height = MARGIN_TOP + row * len(labels) + 4.0
    bar_height = 12.0
    bars = []
    xlabels = []
    for i, label in enumerate(labels):
        row_top = MARGIN_TOP + row * i
        xlabels.append(XLabel(left, row_top + 12.0, label))
        for index, (_name, values) in enumerate(series):
            value = values[i]
            if value is None:
                continue
            length = (_clamp(value, low, high) - low) / (high - low) * (right - left)
            y = row_top + 18.0 + 14.0 * index
            bars.append(Bar(index, left, y, length, bar_height, value, label))
    return Plot(
        "hbar",
        width,
        height,
        left,
        right,
        MARGIN_TOP,
        height,
        (),
        tuple(xlabels),
        (),
        tuple(bars),
        (),
    )
