"""Every text of a chart, written over the drawing Vega made of it: the axes' labels and
titles, the events' numbers and the legend.

A chart's drawing (the lines, points and rules Vega draws, the grid and ticks of
``generator.charts.guides``) is in a frame that holds no word
(``generator.charts.frame``); each language writes its own texts over that drawing, placed
by the frame's scales. Writing them costs a fraction of a millisecond; Vega drawing them
cost half of a chart's drawing, again for every language.

Texts are placed as Vega placed them: a date under its tick, centred (the first and the last
flush with the plot's ends), a later one left out where it would overlap the one before; a
value right-aligned left of its tick; the titles centred on their axes, the value axis' title
turned upright.
"""

from __future__ import annotations

import datetime

from generator.charts.axes import utc_ms
from generator.charts.frame import (
    LABEL_GAP,
    LINE_HEIGHT,
    TICK,
    TITLE_GAP,
    Frame,
    date_labels,
    value_labels,
)
from generator.charts.inputs import ChartInput, StripInput, shown_events
from generator.charts.legend import PADDING, legend_of, svg_number, svg_text
from generator.charts.style import COLOURS, FONT, FONT_SIZE, SIZES, STRIP_HEIGHT
from generator.charts.text_width import text_width

__all__ = ["texts_of"]

#: From a text's top to its baseline, and from its middle, as Vega offsets them.
TOP_TO_BASELINE = 0.79 * FONT_SIZE
MIDDLE_TO_BASELINE = 0.3 * FONT_SIZE
#: Below its baseline, the lowest a letter reaches.
DESCENT = 0.21 * FONT_SIZE
#: An event's number: beside its rule, and below the plot's top.
EVENT_DX = 3
EVENT_DY = 3
#: At least this many pixels between two dates' labels: touching, they would read as one (more
#: would leave out labels Vega showed, the latest year's among them).
LABEL_SEPARATION = 2
#: An event's number is written to the left of its rule beyond this share of the plot's width.
LABEL_LEFT_FROM = 0.92
LABEL_COLOUR = "#1a1a1a"
TITLE_COLOUR = "#000"


def texts_of(drawing: ChartInput | StripInput, frame: Frame) -> str:
    """The SVG elements of every text of the drawing, in its SVG's coordinates."""
    size = SIZES[drawing.layout]
    height = STRIP_HEIGHT if isinstance(drawing, StripInput) else size.height
    parts = [_date_axis(drawing, frame, size.width, height)]
    if isinstance(drawing, ChartInput):
        parts.append(_value_axis(drawing, frame, size.width, height))
        events = list(shown_events(drawing))
    else:
        events = list(drawing.events)
    parts.append(_event_numbers(events, frame, size.width))
    # Asked for again (laid out once a process, ``legend.laid_out``): the frame holds only the
    # height it takes, so that no word is part of a drawing's key and the languages share it.
    legend = legend_of(drawing)
    top = PADDING if isinstance(drawing, StripInput) else height - PADDING - legend.height
    parts.append(
        f'<g class="okr-legend" transform="translate({PADDING},{svg_number(top)})">'
        f"{legend.body}</g>"
    )
    return f'<g class="okr-texts">{"".join(parts)}</g>'


def _date_axis(drawing: ChartInput | StripInput, frame: Frame, width: int, height: int) -> str:
    plot_width, plot_height = frame.plot_size(width, height)
    baseline = frame.top + plot_height + TICK + LABEL_GAP + TOP_TO_BASELINE
    start, end = frame.left, frame.left + plot_width
    written: list[str] = []
    kept_right = float("-inf")
    for ms, label in zip(frame.x_ticks, date_labels(drawing, frame), strict=True):
        x = frame.x(ms, width)
        label_width = text_width(label, FONT_SIZE)
        if x - label_width / 2 <= start + 0.5:  # flush with the plot's start
            anchor, left = "start", max(x, start)
        elif x + label_width / 2 >= end - 0.5:  # flush with its end
            anchor, left = "end", min(x, end) - label_width
        else:
            anchor, left = "middle", x - label_width / 2
        if left < kept_right + LABEL_SEPARATION:  # it would run into the label before: left out
            continue
        kept_right = left + label_width
        x_at = left if anchor == "start" else left + label_width if anchor == "end" else x
        written.append(_text(label, x_at, baseline, anchor, LABEL_COLOUR))
    if isinstance(drawing, ChartInput):
        title_y = baseline + LINE_HEIGHT + TITLE_GAP
        centre = frame.left + plot_width / 2
        written.append(
            _text(drawing.labels.date, centre, title_y, "middle", TITLE_COLOUR, bold=True)
        )
    return "".join(written)


def _value_axis(chart: ChartInput, frame: Frame, width: int, height: int) -> str:
    right = frame.left - TICK - LABEL_GAP
    written = [
        _text(label, right, frame.y(value, height) + MIDDLE_TO_BASELINE, "end", LABEL_COLOUR)
        for value, label in zip(frame.y_ticks, value_labels(chart, frame.y_ticks), strict=True)
    ]
    _, plot_height = frame.plot_size(width, height)
    title_x = PADDING + LINE_HEIGHT - DESCENT
    centre = frame.top + plot_height / 2
    written.append(
        f'<text transform="translate({svg_number(title_x)},{svg_number(centre)}) rotate(-90)"'
        f' text-anchor="middle" font-family="{FONT}" font-size="{FONT_SIZE}px"'
        f' font-weight="bold" fill="{TITLE_COLOUR}">{svg_text(chart.labels.value)}</text>'
    )
    return "".join(written)


def _event_numbers(events: list[tuple[datetime.date, str]], frame: Frame, width: int) -> str:
    first, last = frame.x_domain
    baseline = frame.top + EVENT_DY + TOP_TO_BASELINE
    written = []
    for day, mark in events:
        ms = utc_ms(day)
        near_end = (ms - first) / max(last - first, 1) > LABEL_LEFT_FROM
        x = frame.x(ms, width) + (-EVENT_DX if near_end else EVENT_DX)
        anchor = "end" if near_end else "start"
        written.append(_text(mark, x, baseline, anchor, COLOURS["event"], bold=True))
    return "".join(written)


def _text(text: str, x: float, y: float, anchor: str, fill: str, *, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{svg_number(x)}" y="{svg_number(y)}" text-anchor="{anchor}" font-family="{FONT}"'
        f' font-size="{FONT_SIZE}px"{weight} fill="{fill}">{svg_text(text)}</text>'
    )
