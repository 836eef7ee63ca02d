"""Chart geometry: everything drawn stays inside the picture, a gap is never a zero, and the
axis covers what it must."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.core.charts import HEIGHT, WIDTH, nice_step, number, plot, y_bounds

values = st.one_of(st.none(), st.floats(min_value=-50, max_value=500, allow_nan=False))


@st.composite
def charts(draw: st.DrawFn) -> tuple[str, list[str], list[tuple[str, list[float | None]]]]:
    count = draw(st.integers(min_value=1, max_value=60))
    labels = [f"w{i}" for i in range(count)]
    series = [
        (f"s{n}", draw(st.lists(values, min_size=count, max_size=count)))
        for n in range(draw(st.integers(min_value=1, max_value=6)))
    ]
    return draw(st.sampled_from(["line", "bar", "hbar"])), labels, series


@given(charts(), st.one_of(st.none(), st.just((0.0, 10.0))))
def test_everything_drawn_stays_inside_the_picture(
    chart: tuple[str, list[str], list[tuple[str, list[float | None]]]],
    y_range: tuple[float, float] | None,
) -> None:
    kind, labels, series = chart
    drawn = plot(kind, labels, series, y_range=y_range)  # type: ignore[arg-type]
    eps = 1e-6
    for bar in drawn.bars:
        assert -eps <= bar.x
        assert bar.x + bar.width <= drawn.width + eps
        assert -eps <= bar.y
        assert bar.y + bar.height <= drawn.height + eps
        assert bar.width >= 0
        assert bar.height >= -eps
    for line in drawn.lines:
        for mark in line.marks:
            assert drawn.left - eps <= mark.x <= drawn.right + eps
            assert drawn.top - eps <= mark.y <= drawn.baseline + eps
    for tick in drawn.ticks:
        assert drawn.top - eps <= tick.y <= drawn.baseline + eps


@given(charts())
def test_a_missing_value_is_a_gap_never_a_zero(
    chart: tuple[str, list[str], list[tuple[str, list[float | None]]]],
) -> None:
    _kind, labels, series = chart
    drawn = plot("line", labels, series)
    for line, (_name, values) in zip(drawn.lines, series, strict=True):
        assert len(line.marks) == sum(v is not None for v in values)
        # one "M" per run of values without a gap
        runs = sum(
            1 for i, v in enumerate(values) if v is not None and (i == 0 or values[i - 1] is None)
        )
        assert line.path.count("M") == runs


def test_a_larger_value_sits_higher() -> None:
    drawn = plot("line", ["a", "b", "c"], [("urge", [2, 8, None])], y_range=(0, 10))
    low, high = drawn.lines[0].marks
    assert high.y < low.y
    assert [t.text for t in drawn.ticks] == ["0", "5", "10"]


def test_bars_grow_from_zero_and_values_outside_the_range_stay_at_its_edge() -> None:
    drawn = plot("bar", ["a", "b"], [("n", [0, 15])], y_range=(0, 10))
    zero, over = drawn.bars
    assert zero.height == 0
    assert over.y == pytest.approx(drawn.top)
    assert over.value == 15  # the table keeps the real number


def test_horizontal_bars_put_each_label_above_its_bar_and_grow_with_the_value() -> None:
    drawn = plot("hbar", ["Didn't send it", "Sent it as it was"], [("pauses", [6, 2])])
    assert [label.text for label in drawn.xlabels] == ["Didn't send it", "Sent it as it was"]
    six, two = drawn.bars
    assert six.width > two.width > 0
    assert drawn.xlabels[0].y < six.y < drawn.xlabels[1].y


def test_bands_cover_their_range() -> None:
    drawn = plot("line", ["a"], [("score", [3])], y_range=(0, 21), bands=[(0, 4, "minimal")])
    band = drawn.bands[0]
    assert band.y + band.height == pytest.approx(drawn.baseline)
    assert band.label == "minimal"


def test_few_labels_are_all_written_and_many_are_thinned_keeping_the_newest() -> None:
    assert len(plot("bar", list("abc"), [("n", [1, 2, 3])]).xlabels) == 3
    many = plot("bar", [str(i) for i in range(52)], [("n", [1] * 52)])
    assert 2 <= len(many.xlabels) <= 5
    assert many.xlabels[-1].text == "51"


def test_the_axis_reaches_above_the_largest_value() -> None:
    assert y_bounds([[3, 17]], None) == (0, 20)
    assert y_bounds([[None]], None)[1] > 0
    assert nice_step(0) == 1
    assert number(2.0) == "2"
    assert number(2.25) == "2.2"


def test_mismatched_series_are_refused() -> None:
    with pytest.raises(ValueError, match="values for"):
        plot("line", ["a", "b"], [("n", [1])])
    with pytest.raises(ValueError, match="kind"):
        plot("pie", ["a"], [("n", [1])])  # type: ignore[arg-type]
    assert plot("line", ["a"], [("n", [1])]).width == WIDTH
    assert plot("line", ["a"], [("n", [1])]).height == HEIGHT
