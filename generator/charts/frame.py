"""Where a drawing's plot sits in its SVG, and the values its axes mark.

A chart's SVG is two parts: the drawing (the lines, points and rules Vega draws, over the axes'
grid and ticks of ``generator.charts.guides``: no text) and the texts this project writes over
it (``generator.charts.texts``): the axes' labels and titles, the events' numbers and the
legend. The frame is what both parts agree on.
It holds no word, so the languages of a portal share one drawing of each chart, where each
drew its own.

The room for the axes' labels and the legend is measured from the texts (the widest value
label, the legend's lines) and rounded up, so that two languages nearly always make the
same frame.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from generator.charts.axes import (
    date_label,
    nice_domain,
    number_label,
    time_ticks,
    utc_ms,
    value_ticks,
)
from generator.charts.inputs import ChartInput, ChartLabels, StripInput, x_days
from generator.charts.legend import OFFSET, PADDING, legend_of
from generator.charts.style import FONT_SIZE, SIZES
from generator.charts.text_width import text_width

__all__ = [
    "LABEL_GAP",
    "LINE_HEIGHT",
    "TICK",
    "TITLE_GAP",
    "Frame",
    "Geometry",
    "date_labels",
    "finite",
    "frame_of",
    "geometry_of",
    "value_labels",
    "y_low_high",
]

#: A tick's length, outside the plot.
TICK = 5
#: Between a tick and its label.
LABEL_GAP = 2
#: Between an axis' labels and its title.
TITLE_GAP = 4
#: The height a line of text takes.
LINE_HEIGHT = 15
#: The room for the values' labels is rounded up to a multiple of this many pixels: two
#: languages writing the same values nearly always get the same room, and share a drawing.
ROOM_STEP = 8
#: A value axis' domain is widened to whole steps of about a tenth of it.
NICE_STEPS = 10
#: One y tick per this many pixels of the plot's height, where the layout names no count
#: (as Vega-Lite's default).
PIXELS_A_VALUE_TICK = 40


@dataclass(frozen=True)
class Frame:
    """The plot's place in its SVG (each side's room outside it, in pixels), its scales'
    domains, and the values its axes mark: dates as UTC milliseconds."""

    left: float
    top: float
    right: float
    bottom: float
    x_domain: tuple[int, int]
    x_ticks: tuple[int, ...]
    y_domain: tuple[float, float] | None  # None: no value axis (a strip)
    y_ticks: tuple[float, ...]

    def plot_size(self, width: int, height: int) -> tuple[float, float]:
        """The plot's width and height in an SVG ``width`` by ``height``."""
        return width - self.left - self.right, height - self.top - self.bottom

    def x(self, ms: int, width: int) -> float:
        """Where a date falls across the SVG."""
        first, last = self.x_domain
        plot_width = width - self.left - self.right
        return self.left + (ms - first) / max(last - first, 1) * plot_width

    def y(self, value: float, height: int) -> float:
        """Where a value falls down the SVG."""
        assert self.y_domain is not None
        low, high = self.y_domain
        plot_height = height - self.top - self.bottom
        return self.top + (high - value) / ((high - low) or 1.0) * plot_height


@dataclass(frozen=True)
class Geometry:
    """What Vega draws of a chart or a strip: the drawing with every text left out, in its
    frame. Its ``repr`` is its cache key's input (``generator.charts.cache``)."""

    drawing: ChartInput | StripInput
    frame: Frame


_NO_LABELS = ChartLabels("", "", "", "", "", "", "", "", "", "")


def geometry_of(drawing: ChartInput | StripInput, frame: Frame) -> Geometry:
    """The drawing without its texts (the events keep their dates), in its frame."""
    if isinstance(drawing, StripInput):
        blank: ChartInput | StripInput = dataclasses.replace(
            drawing,
            focus_label="",
            time_locale=None,
            date_format="",
            events=tuple((day, "") for day, _ in drawing.events),
        )
    else:
        blank = dataclasses.replace(
            drawing,
            labels=_NO_LABELS,
            locale_number_format="",
            locale=None,
            time_locale=None,
            date_format="",
            ticks=(),
            events=tuple((day, "") for day, _ in drawing.events),
            strip=None,
        )
    return Geometry(blank, frame)


def frame_of(drawing: ChartInput | StripInput) -> Frame:
    """The frame of a chart or a strip, in its layout."""
    if not drawing.points:
        raise ValueError("a chart needs at least one check-in")
    if isinstance(drawing, StripInput):
        return _strip_frame(drawing)
    return _chart_frame(drawing)


def _chart_frame(chart: ChartInput) -> Frame:
    size = SIZES[chart.layout]
    first, last = (utc_ms(day) for day in x_days(chart))
    x_ticks = (
        tuple(utc_ms(day) for day, _ in chart.ticks)
        if chart.ticks
        else time_ticks(first, last, size.x_ticks)
    )
    top = PADDING + LINE_HEIGHT / 2  # half the top value's label stands above the plot
    bottom = (
        TICK
        + LABEL_GAP
        + LINE_HEIGHT
        + TITLE_GAP
        + LINE_HEIGHT
        + OFFSET
        + legend_of(chart).height
        + PADDING
    )
    count = size.y_ticks or math.ceil((size.height - top - bottom) / PIXELS_A_VALUE_TICK)
    # Widened as Vega widens a "nice" scale (d3's default of ten steps), marked at ``count``.
    y_domain = nice_domain(*y_low_high(chart), NICE_STEPS)
    y_ticks = value_ticks(*y_domain, count)
    widest = max(text_width(label, FONT_SIZE) for label in value_labels(chart, y_ticks))
    room = math.ceil(widest / ROOM_STEP) * ROOM_STEP
    left = PADDING + LINE_HEIGHT + TITLE_GAP + room + LABEL_GAP + TICK
    return Frame(left, top, PADDING, bottom, (first, last), x_ticks, y_domain, y_ticks)


def _strip_frame(strip: StripInput) -> Frame:
    size = SIZES[strip.layout]
    first = utc_ms(min(strip.points[0][0], strip.focus[0]))
    last = utc_ms(strip.focus[1])
    values = [value for _, value in strip.points]
    low, high = min(values), max(values)
    pad = (high - low) * 0.05 if high > low else max(abs(low) * 0.1, 1.0)
    top = PADDING + legend_of(strip).height + OFFSET
    bottom = TICK + LABEL_GAP + LINE_HEIGHT + PADDING
    ticks = time_ticks(first, last, size.x_ticks)
    # The line's own domain, not marked by an axis: the chart above has the values.
    return Frame(PADDING, top, PADDING, bottom, (first, last), ticks, (low - pad, high + pad), ())


def value_labels(chart: ChartInput, ticks: tuple[float, ...]) -> list[str]:
    """The value axis' labels, as the chart's language writes its values."""
    return [number_label(value, chart.locale_number_format, chart.locale) for value in ticks]


def date_labels(drawing: ChartInput | StripInput, frame: Frame) -> list[str]:
    """The date axis' labels: the caller's names of its ticks, or its dates as the drawing's
    language writes them."""
    if isinstance(drawing, ChartInput) and drawing.ticks:
        return [label for _, label in drawing.ticks]
    return [date_label(ms, drawing.date_format, drawing.time_locale) for ms in frame.x_ticks]


def y_low_high(chart: ChartInput) -> tuple[float, float]:
    """The values the value axis must hold (every figure, the baseline, the target or its
    range, the expected pace and the interim targets), with a twentieth of their span beyond
    each end; not below zero where every value is zero or more."""
    values = [value for _, value in chart.points] + [value for _, value in chart.expected]
    values += [value for _, value in chart.waypoints]
    if chart.baseline is not None:
        values.append(chart.baseline)
    if chart.target_range is not None:  # drawn instead of the target line
        values += list(chart.target_range)
    elif chart.target is not None:
        values.append(chart.target)
    values = [finite(value, "value") for value in values]
    low, high = min(values), max(values)
    span = high - low
    pad = span * 0.05 if span > 0 else max(abs(low) * 0.1, 1.0)
    padded_low = low - pad
    if low >= 0 > padded_low:  # do not invent negative values for non-negative data
        padded_low = 0.0
    return padded_low, high + pad


def finite(value: float, what: str) -> float:
    """The value as a float, or an error naming ``what`` it is where it is not finite."""
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"chart {what} is not a finite number: {value!r}")
    return number
