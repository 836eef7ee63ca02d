"""A progress part made ready to show: the chart's geometry and the table of its numbers.

Shared by every page drawing :class:`~anchored.manifest.ProgressPart` charts with the
``_charts.html`` macros (``/progress`` and the session summary)."""

from __future__ import annotations

from dataclasses import dataclass

from anchored.core.charts import Plot, number, plot
from anchored.manifest import ProgressPart

MISSING = "-"  # no value that week


@dataclass(frozen=True, slots=True)
class ChartView:
    part: ProgressPart
    plot: Plot
    names: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (label, the values shown, one per series)

    @property
    def description(self) -> str:
        """What the chart shows, for screen readers (the table under it has the numbers)."""
        what = ", ".join(self.names)
        span = f"from {self.rows[0][0]} to {self.rows[-1][0]}" if self.rows else ""
        return f"{self.part.title}: {what} {span}. The same numbers are in the table below."


def chart_view(part: ProgressPart) -> ChartView:
    axis = part.axis
    columns = [part.values(series) for series in part.series]
    drawn = plot(
        part.kind,
        axis,
        [(series.name, values) for series, values in zip(part.series, columns, strict=True)],
        y_range=part.y_range,
        bands=[(band.low, band.high, band.label) for band in part.bands],
    )
    rows = tuple(
        (label, tuple(MISSING if col[i] is None else number(col[i] or 0) for col in columns))
        for i, label in enumerate(axis)
    )
    return ChartView(part, drawn, tuple(s.name for s in part.series), rows)
