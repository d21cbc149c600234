"""The lines of a chart's axes: its grid, its ticks and the lines along its plot's edges.

Vega's axes drew them, and cost a third of drawing a chart (an axis is a group of marks with
a dataflow of its own, and a chart had four: each axis and its grid), to draw a few lines at
values the frame had already chosen (``generator.charts.frame``). They are written here, where
Vega's axes put them, as Vega writes them: at the whole pixel nearest each value (Vega rounds
an axis' positions), half a pixel in so a line one pixel wide is sharp, with Vega's colours
and the grid's 5-pixel ticks. Like the drawing, they hold no word: they go into it, under its
marks (``generator.charts.render``), and the languages share them.
"""

from __future__ import annotations

import math

from generator.charts.frame import TICK, Geometry
from generator.charts.inputs import StripInput
from generator.charts.legend import svg_number
from generator.charts.style import SIZES, STRIP_HEIGHT

__all__ = ["GRID_COLOUR", "GUIDES_START", "RULE_COLOUR", "guides_svg"]

#: Vega's colours of a grid line, and of a tick and an edge (the stylesheet repaints both).
GRID_COLOUR = "#ddd"
RULE_COLOUR = "#888"
#: How the group that holds them starts (its attributes follow): every line in it is level or
#: upright. ``charts.social`` finds the group by it.
GUIDES_START = '<g class="okr-guides"'
#: Lines one pixel wide sit half a pixel in, on the middle of a row of pixels.
_CRISP = 0.5


def guides_svg(geometry: Geometry) -> str:
    """The axes' lines of ``geometry``, in its plot's coordinates: a chart's grid at both
    axes' values, its ticks and its bottom and left edges; a strip's date ticks and bottom edge
    (no grid: it is a few pixels high, and no values: the chart above has them)."""
    drawing, frame = geometry.drawing, geometry.frame
    size = SIZES[drawing.layout]
    height = STRIP_HEIGHT if isinstance(drawing, StripInput) else size.height
    width, plot_height = frame.plot_size(size.width, height)
    xs = [_at(frame.x(ms, size.width) - frame.left) for ms in frame.x_ticks]
    bottom = plot_height + _CRISP
    date_axis = [_line(x, bottom, x, bottom + TICK, RULE_COLOUR) for x in xs]
    date_axis.append(_line(_CRISP, bottom, width + _CRISP, bottom, RULE_COLOUR))
    if isinstance(drawing, StripInput):
        return _group(date_axis)
    ys = [_at(frame.y(value, height) - frame.top) for value in frame.y_ticks]
    grid = [_line(x, _CRISP, x, bottom, GRID_COLOUR) for x in xs]
    grid += [_line(_CRISP, y, width + _CRISP, y, GRID_COLOUR) for y in ys]
    value_axis = [_line(_CRISP, y, _CRISP - TICK, y, RULE_COLOUR) for y in ys]
    value_axis.append(_line(_CRISP, bottom, _CRISP, _CRISP, RULE_COLOUR))
    return _group([*grid, *date_axis, *value_axis])  # the grid first: under the axes' lines


def _at(position: float) -> float:
    """A value's line: at the nearest whole pixel (half up, as JavaScript rounds), half a
    pixel in."""
    return math.floor(position + 0.5) + _CRISP


def _line(x1: float, y1: float, x2: float, y2: float, colour: str) -> str:
    ends = (svg_number(x1), svg_number(y1), svg_number(x2), svg_number(y2))
    return (
        f'<line x1="{ends[0]}" y1="{ends[1]}" x2="{ends[2]}" y2="{ends[3]}" '
        f'stroke="{colour}" stroke-width="1"/>'
    )


def _group(lines: list[str]) -> str:
    return f"{GUIDES_START}>{''.join(lines)}</g>"
