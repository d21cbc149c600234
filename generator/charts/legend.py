"""A chart's legend, written by this project's code over the drawing Vega makes of the chart
(with the chart's other texts, ``generator.charts.texts``).

Vega spent about a third of a chart's drawing on its legend: four scales merged into one
legend, every label measured and every entry laid out as nested groups. The legend here is laid
out with the widths Vega would measure (``generator.charts.text_width``) and written as a few
elements: a symbol and a label an entry. The frame leaves room for it
(``generator.charts.frame``).

Entries run left to right and wrap where the next would not fit; a narrow layout puts them in
columns, each as wide as its widest entry. A label longer than its layout allows is cut short
with an ellipsis. Every symbol is told from the others by its shape, its dash or its fill, as
in the chart, never by its colour alone.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from generator.charts.inputs import ChartInput, StripInput, shown_events
from generator.charts.style import (
    COLOURS,
    DASHES,
    FILLS,
    FONT,
    FONT_SIZE,
    SHAPES,
    SIZES,
    SYMBOL_FILLS,
)
from generator.charts.text_width import text_width

__all__ = [
    "Key",
    "Legend",
    "chart_keys",
    "drawn_series",
    "legend_of",
    "svg_number",
    "svg_text",
]

#: The chart's padding on every side, as Vega's (its default).
PADDING = 5
#: A symbol's area in square pixels, as Vega's legends drew it.
SYMBOL_SIZE = 160
#: From an entry's left edge to its label: the symbol's box and a gap.
LABEL_X = 19
#: From an entry's top to its label's baseline (the symbol's centre is 7.5 down).
LABEL_BASELINE = 11.5
#: From one line of entries to the next.
ROW_HEIGHT = 18
#: One entry's height.
ENTRY_HEIGHT = 16
#: Between two entries on a line.
COLUMN_GAP = 12
#: Between the chart's axis title and the legend below it, or the legend above a strip and the
#: strip.
OFFSET = 14
ELLIPSIS = "…"
# Characters XML 1.0 forbids in a document: a label from the data never ends the SVG's text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Key:
    """One entry of a legend: the series drawn as its symbol, named by its label."""

    series: str  # a style's name: "measured", "baseline", ..., "target_range", "focus"
    label: str


@dataclass(frozen=True)
class Legend:
    """A legend laid out: its height, and its elements with its top-left corner at (0, 0)."""

    height: float
    body: str


def drawn_series(chart: ChartInput) -> list[str]:
    """The chart's line and point series, in the legend's order: only those the chart draws.
    The target range is drawn as a band, keyed apart (``chart_keys``)."""
    series = ["measured"]
    if chart.provisional:
        series.append("provisional")
    if chart.baseline is not None:
        series.append("baseline")
    if chart.target_range is None and chart.target is not None:
        series.append("target")
    if chart.expected:
        series.append("expected")
    if chart.waypoints:
        series.append("waypoint")
    if shown_events(chart):
        series.append("event")
    return series


def chart_keys(chart: ChartInput) -> tuple[Key, ...]:
    """The legend of a key result's chart: its series, then the target range's band."""
    labels = chart.labels
    names = {
        "measured": labels.measured,
        "provisional": labels.provisional,
        "baseline": labels.baseline,
        "target": labels.target,
        "expected": labels.expected,
        "waypoint": labels.waypoint,
        "event": labels.event,
    }
    keys = [Key(series, names[series]) for series in drawn_series(chart)]
    if chart.target_range is not None:
        keys.append(Key("target_range", labels.target_range))
    written = [key.label for key in keys]
    if len(set(written)) != len(written):
        raise ValueError(f"chart legend labels must be distinct: {written!r}")
    return tuple(keys)


def legend_of(drawing: ChartInput | StripInput) -> Legend:
    """The drawing's legend, laid out for its layout."""
    size = SIZES[drawing.layout]
    if isinstance(drawing, StripInput):
        keys: tuple[Key, ...] = (Key("focus", drawing.focus_label),)
        return laid_out(keys, size.width - 2 * PADDING, None, size.width - 40)
    return laid_out(
        chart_keys(drawing), size.width - 2 * PADDING, size.legend_columns, size.legend_label_limit
    )


#: The legends laid out in a process, remembered: a portal's charts have few (a legend is its
#: series and their words in one layout), and each of its 25,000 drawings a language laid its
#: legend out twice (for its frame, then for its texts), a fifth of writing their texts.
_LEGENDS_REMEMBERED = 1024


@lru_cache(maxsize=_LEGENDS_REMEMBERED)
def laid_out(keys: tuple[Key, ...], width: float, columns: int | None, limit: float) -> Legend:
    """The entries placed in lines ``width`` wide, or in ``columns`` columns, each label cut
    short beyond ``limit`` pixels."""
    labels = [_cut(key.label, limit) for key in keys]
    widths = [LABEL_X + text_width(label, FONT_SIZE) for label in labels]
    places = _grid(widths, columns) if columns else _flow(widths, width)
    body = "".join(
        _entry(key.series, label, x, y)
        for key, label, (x, y) in zip(keys, labels, places, strict=True)
    )
    lines = 1 + max((y for _, y in places), default=0) / ROW_HEIGHT
    return Legend(height=(lines - 1) * ROW_HEIGHT + ENTRY_HEIGHT, body=body)


def _flow(widths: list[float], room: float) -> list[tuple[float, float]]:
    places: list[tuple[float, float]] = []
    x = y = 0.0
    for width in widths:
        if x > 0 and x + width > room:
            x, y = 0.0, y + ROW_HEIGHT
        places.append((x, y))
        x += width + COLUMN_GAP
    return places


def _grid(widths: list[float], columns: int) -> list[tuple[float, float]]:
    column_widths = [
        max(widths[at] for at in range(column, len(widths), columns))
        for column in range(min(columns, len(widths)))
    ]
    starts = [sum(column_widths[:column]) + COLUMN_GAP * column for column in range(columns)]
    return [
        (starts[at % columns], (at // columns) * float(ROW_HEIGHT)) for at in range(len(widths))
    ]


def _cut(label: str, limit: float) -> str:
    label = _NOT_XML.sub("", label)
    if text_width(label, FONT_SIZE) <= limit:
        return label
    while label and text_width(label + ELLIPSIS, FONT_SIZE) > limit:
        label = label[:-1]
    return label.rstrip() + ELLIPSIS


def _entry(series: str, label: str, x: float, y: float) -> str:
    return (
        f'<g transform="translate({svg_number(x)},{svg_number(y)})">{_symbol(series)}'
        f'<text x="{LABEL_X}" y="{LABEL_BASELINE}" font-family="{FONT}" font-size="{FONT_SIZE}px"'
        f' fill="#000">{svg_text(label)}</text></g>'
    )


def _symbol(series: str) -> str:
    """The series' symbol centred in a 15-pixel box, drawn as the chart draws the series."""
    radius = svg_number(math.sqrt(SYMBOL_SIZE) / 2)
    if series in FILLS:  # a band: a light square with the series' solid edge
        edge = COLOURS[series]
        side = svg_number(math.sqrt(SYMBOL_SIZE))
        return (
            f'<rect x="{svg_number(7.5 - math.sqrt(SYMBOL_SIZE) / 2)}" y="{svg_number(7.5 - math.sqrt(SYMBOL_SIZE) / 2)}"'
            f' width="{side}" height="{side}" fill="{FILLS[series]}" stroke="{edge}"'
            ' stroke-width="1.5"/>'
        )
    shape = SHAPES[series]
    paths = {
        "circle": f"M{radius},0A{radius},{radius},0,1,1,-{radius},0A{radius},{radius},0,1,1,{radius},0",
        "stroke": f"M-{radius},0L{radius},0",
        "diamond": f"M-{radius},0L0,-{radius}L{radius},0L0,{radius}Z",
    }
    path = paths.get(shape, f"M0,-{radius}L0,{radius}")  # an upright line: an event's rule
    fill = SYMBOL_FILLS.get(series, "none")
    dash = ",".join(svg_number(part) for part in DASHES[series])
    return (
        f'<path transform="translate(7.5,7.5)" d="{path}" fill="{fill}" stroke="{COLOURS[series]}"'
        f' stroke-width="2" stroke-dasharray="{dash}"/>'
    )


def svg_number(value: float) -> str:
    """A coordinate as SVG writes it: no trailing zeros, at most three decimals."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


def svg_text(text: str) -> str:
    """Text as an SVG's element holds it: escaped, and without the characters XML forbids
    (a label from the data never ends the SVG's text)."""
    return escape(_NOT_XML.sub("", text), quote=False)
