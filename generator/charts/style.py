"""How a chart looks: its sizes, font, colours, dash patterns and legend symbols, each series'
style named once for the spec that draws the chart and for the legend drawn beside it
(``generator.charts.legend``). No Altair here: the legend is drawn without it."""

from __future__ import annotations

from dataclasses import dataclass

from generator.charts.inputs import Layout

__all__ = [
    "COLOURS",
    "DASHES",
    "FILLS",
    "FONT",
    "FONT_SIZE",
    "HOLLOW_SIZE",
    "SHAPES",
    "SIZES",
    "STRIP_HEIGHT",
    "SYMBOL_FILLS",
    "Size",
]


@dataclass(frozen=True)
class Size:
    """How a chart is drawn for one layout. Width and height are the whole SVG's, axes and
    legend included, in CSS pixels at its natural size (the page never shows it smaller)."""

    width: int
    height: int
    # About how many date ticks. d3 takes the time interval (day, 2 days, week, month,
    # quarter, year) nearest the span over this count: 6 labels a quarter by its months and a
    # year by its quarters, where Vega-Lite's own count (one per 40 px) labels a quarter's
    # 13 weeks, and each label costs its chart about a millisecond to measure.
    x_ticks: int
    y_ticks: int | None  # None: one per 40 px of height, Vega-Lite's default
    legend_columns: int | None  # None: as many entries on a line as fit
    legend_label_limit: int  # a longer legend label is cut short with an ellipsis


SIZES = {
    Layout.WIDE: Size(720, 360, 6, None, None, 220),
    # A phone: fewer ticks, the legend in two columns, the same text size on a third of the width.
    Layout.NARROW: Size(288, 330, 4, 5, 2, 115),
}
#: The whole SVG of a strip of history, below its chart (as wide as the chart).
STRIP_HEIGHT = 96
#: Every text of a chart, at its natural size.
FONT_SIZE = 12
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"

# Contrast against white (WCAG 1.4.11 needs >= 3:1 for graphical objects):
# measured 8.9:1, baseline 7.0:1, target 5.2:1, expected 6.5:1.
COLOURS = {
    "measured": "#1f4e79",
    "baseline": "#595959",
    "target": "#1a7f37",
    "target_range": "#1a7f37",
    "expected": "#8a4b00",
    "focus": "#595959",  # the edges of the period marked on a strip of history
    "event": "#7a3e9d",  # 7.0:1: an event's rule and its number
    "waypoint": "#1a7f37",  # an interim target: the target's colour, a hollow diamond
    "provisional": "#1f4e79",  # a provisional figure: the line's colour, a hollow circle
}
# Dash pattern per series, so that series are distinguishable without colour.
DASHES: dict[str, list[float]] = {
    "measured": [1, 0],  # solid, with filled circle markers
    "baseline": [6, 4],  # dashed, thin
    "target": [1, 0],  # solid, thick, no markers
    "expected": [2, 3],  # dotted
    "event": [4, 2],  # dashed, upright
    "waypoint": [1, 0],  # a hollow diamond's solid edge
    "provisional": [1, 0],  # a hollow circle's solid edge
}
# Legend symbol per series ("stroke" is a short horizontal line drawn with the dash).
SHAPES = {
    "measured": "circle",
    "baseline": "stroke",
    "target": "stroke",
    "expected": "stroke",
    "event": "M0,-1L0,1",  # an upright line, as the event's rule is drawn
    "waypoint": "diamond",
    "provisional": "circle",  # hollow, where a measured figure's is filled
}
# Legend symbol fill per series: a point is filled or hollow as drawn; a line has none.
SYMBOL_FILLS = {
    "measured": COLOURS["measured"],
    "provisional": "white",
    "waypoint": "white",
}
#: The area of a hollow marker: a provisional figure's circle covers the line's filled one.
HOLLOW_SIZE = 90
# Light tints (decorative) inside solid edges of a series colour: the target range band, and
# on a strip the period the chart above shows.
FILLS = {
    "target_range": "#d6eadb",
    "focus": "#e3e3e3",
}
