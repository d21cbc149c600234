"""Vega-Lite specification of what Vega draws of a key result's chart: its lines, points and
rules, with no text and no axis (``generator.charts.guides`` draws the axes' lines).

The chart shows measured check-in values over time against the baseline, the target (or
the target range for direction "within"), the expected pace and the interim targets it runs
through; a provisional figure is a hollow circle on the line. Every series can be told
apart without colour (markers, dash patterns). The drawing is placed in its frame
(``generator.charts.frame``: the plot's place and the values its axes mark), and every text
(the axes' labels and titles, the events' numbers, the legend) is written over it
(``generator.charts.texts``), so that the languages of a portal share one drawing. The spec is
plain JSON, rendered to SVG at build time (``generator.charts.render``); the SVG is cached by
the hash of what it draws and of this module's source (``generator.charts.cache``), so a warm
build never imports Altair.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import altair as alt
from altair.utils.schemapi import debug_mode

from generator.charts.axes import utc_ms
from generator.charts.frame import Frame, Geometry, finite
from generator.charts.inputs import ChartInput, StripInput, shown_events
from generator.charts.legend import drawn_series
from generator.charts.style import (
    COLOURS,
    DASHES,
    FILLS,
    FONT,
    FONT_SIZE,
    HOLLOW_SIZE,
    SHAPES,
    SIZES,
    STRIP_HEIGHT,
    SYMBOL_FILLS,
)

__all__ = [
    "COLOURS",
    "FILLS",
    "FONT",
    "FONT_SIZE",
    "SIZES",
    "STRIP_HEIGHT",
    "chart_spec",
    "geometry_spec",
    "strip_spec",
]


def _rows(series: tuple[tuple[datetime.date, float], ...], what: str) -> list[dict[str, Any]]:
    # ISO dates are parsed as UTC midnight by Vega; the x scale is "utc", so the drawing does
    # not depend on the time zone of the build machine.
    return [{"date": day.isoformat(), "value": finite(value, what)} for day, value in series]


#: Up to this many check-ins each is marked on its line; beyond, markers would hide the line
#: (ten years of daily figures) and the line alone says more.
MARKED_POINTS = 60


def _markers(chart: ChartInput) -> alt.OverlayMarkDef | bool:
    if len(chart.points) > MARKED_POINTS:
        return False
    return alt.OverlayMarkDef(filled=True, size=50, fillOpacity=1)


def thinned(
    points: tuple[tuple[datetime.date, float], ...], columns: int
) -> tuple[tuple[datetime.date, float], ...]:
    """The points a line of ``columns`` pixels draws the same: beyond two points a column, the
    time span is cut into ``columns`` equal slices and each keeps its lowest and its highest
    point, in date order, so every rise and fall still reaches its height."""
    if len(points) <= 2 * columns:
        return points
    first, last = points[0][0], points[-1][0]
    days = max((last - first).days, 1)
    slices: dict[int, list[tuple[datetime.date, float]]] = {}
    for point in points:
        slices.setdefault(min((point[0] - first).days * columns // days, columns - 1), []).append(
            point
        )
    kept: list[tuple[datetime.date, float]] = []
    for members in slices.values():
        low = min(members, key=lambda p: p[1])
        high = max(members, key=lambda p: p[1])
        kept += sorted({low, high})
    return tuple(kept)


def geometry_spec(geometry: Geometry) -> dict[str, Any]:
    """The spec of a chart's or a strip's drawing in its frame."""
    if isinstance(geometry.drawing, StripInput):
        return strip_spec(geometry.drawing, geometry.frame)
    return chart_spec(geometry.drawing, geometry.frame)


def chart_spec(chart: ChartInput, frame: Frame) -> dict[str, Any]:
    """The Vega-Lite spec (a plain JSON-able dict) of one key-result chart's drawing.

    Built with Altair without schema validation: Altair validates every object it
    constructs in its default debug mode, which costs about 40 ms a chart, so it is
    switched off here; the tests validate the spec against the schema once.
    """
    with debug_mode(False):
        return _chart_spec(chart, frame)


def _chart_spec(chart: ChartInput, frame: Frame) -> dict[str, Any]:
    if not chart.points:
        raise ValueError("a chart needs at least one check-in")
    if frame.y_domain is None:
        raise ValueError("a chart's frame needs a value axis")
    size = SIZES[chart.layout]
    if chart.target_range is not None:
        low, high = sorted(finite(v, "target range") for v in chart.target_range)
        target_range: tuple[float, float] | None = (low, high)
    else:
        target_range = None
    # The series the chart draws, in its legend's order. Each layer's rows name their series;
    # colour, dash, symbol and fill are scales over that name with an explicit domain, the same
    # in every layer. (Constant `datum` encodings would be shorter but the Vega-Lite schema
    # allows no scale on them.)
    series = drawn_series(chart)

    def series_scale(values: list[Any]) -> alt.Scale:
        return alt.Scale(domain=series, range=values)

    series_encoding = {
        "color": alt.Color(
            "series:N", scale=series_scale([COLOURS[s] for s in series]), legend=None
        ),
        "strokeDash": alt.StrokeDash(
            "series:N", scale=series_scale([DASHES[s] for s in series]), legend=None
        ),
        "shape": alt.Shape(
            "series:N", scale=series_scale([SHAPES[s] for s in series]), legend=None
        ),
        # Filled or hollow: a provisional figure and an interim target are told from a
        # measured figure by their shape and fill. A line's own is see-through (it would shade
        # the shape its points enclose).
        "fill": alt.Fill(
            "series:N",
            scale=series_scale([SYMBOL_FILLS.get(s, "transparent") for s in series]),
            legend=None,
        ),
    }
    # Each series layer has the same four channels: written once and added to each layer as
    # written (``_layered_spec``), where Altair took as long to write them as the rest of a
    # layer, each time.
    series_channels = {
        channel: written.to_dict(validate=False) for channel, written in series_encoding.items()
    }
    layers: list[alt.Chart] = []
    in_series: list[int] = []  # the layers that have the series channels

    def add_series_layer(layer: alt.Chart) -> None:
        in_series.append(len(layers))
        layers.append(layer)

    def rows(name: str, values: list[dict[str, Any]]) -> alt.InlineData:
        return alt.InlineData(values=[{"series": name, **row} for row in values])

    first, last = frame.x_domain
    y_low, y_high = frame.y_domain

    def reaches_out(points: tuple[tuple[datetime.date, float], ...]) -> bool:
        """Whether a point lies outside the chart's frame: only such a layer is clipped. A
        clip path costs the PNG's renderer a mask as large as the image, about 5 ms a layer,
        more than the rest of the chart."""
        return any(
            not (first <= utc_ms(day) <= last and y_low <= value <= y_high) for day, value in points
        )

    x = alt.X(
        "date:T",
        title=None,
        scale=alt.Scale(type="utc", domain=[first, last]),
        axis=None,  # the axes' lines are ``generator.charts.guides``', their labels the texts'
    )
    y_scale = alt.Scale(domain=[y_low, y_high], zero=False, nice=False)
    y = alt.Y("value:Q", scale=y_scale, title=None, axis=None)

    if target_range is not None:
        # Light band (decorative fill) with solid dark edges that meet the 3:1 contrast;
        # the legend shows the same light square with the dark edge.
        band = {"value": target_range[0], "high": target_range[1]}
        layers.append(
            alt.Chart(rows("target_range", [band]))
            .mark_rect(stroke=COLOURS["target_range"], strokeWidth=1.5)
            .encode(
                y=y,
                y2=alt.Y2("high:Q"),
                fill=alt.Fill(
                    "series:N",
                    scale=alt.Scale(domain=["target_range"], range=[FILLS["target_range"]]),
                    legend=None,
                ),
            )
        )
    if chart.baseline is not None:
        add_series_layer(
            alt.Chart(rows("baseline", [{"value": finite(chart.baseline, "baseline")}]))
            .mark_rule(strokeWidth=1.5)
            .encode(y=y)
        )
    if target_range is None and chart.target is not None:
        add_series_layer(
            alt.Chart(rows("target", [{"value": finite(chart.target, "target")}]))
            .mark_rule(strokeWidth=2.5)
            .encode(y=y)
        )
    if chart.expected:
        add_series_layer(
            alt.Chart(rows("expected", _rows(chart.expected, "expected value")))
            .mark_line(
                strokeWidth=2,
                strokeCap="round",
                clip=reaches_out(chart.expected),
                fillOpacity=0,
            )
            .encode(x=x, y=y)
        )
    if chart.waypoints:
        add_series_layer(
            alt.Chart(rows("waypoint", _rows(chart.waypoints, "interim target")))
            .mark_point(
                filled=False,
                size=120,
                strokeWidth=2,
                opacity=1,
                clip=reaches_out(chart.waypoints),
            )
            .encode(x=x, y=y)
        )
    events = [{"date": day.isoformat()} for day, _ in shown_events(chart)]
    if events:
        add_series_layer(alt.Chart(rows("event", events)).mark_rule(strokeWidth=1.5).encode(x=x))
    measured = thinned(chart.points, size.width)
    add_series_layer(
        alt.Chart(rows("measured", _rows(measured, "check-in value")))
        # Clipped where it reaches out: on a chart of its period alone, the line may come in
        # from the check-in before.
        .mark_line(
            strokeWidth=2,
            point=_markers(chart),
            clip=reaches_out(measured),
            fillOpacity=0,
        )
        .encode(x=x, y=y)
    )
    if chart.provisional:
        add_series_layer(
            alt.Chart(rows("provisional", _rows(chart.provisional, "provisional value")))
            .mark_point(
                filled=False,
                size=HOLLOW_SIZE,
                strokeWidth=2,
                opacity=1,
                clip=reaches_out(chart.provisional),
            )
            .encode(x=x, y=y)
        )
    channels = {at: series_channels for at in in_series}
    spec = _layered_spec(layers, size.width, size.height, frame, channels)
    if target_range is not None:
        # The band's fill is a scale of its own: shared, its light green would fill the
        # measured figures' points.
        spec["resolve"] = {"scale": {"fill": "independent"}}
    return spec


def _config() -> alt.Config:
    return alt.Config(
        font=FONT,
        background="white",
        aria=False,
        view=alt.ViewConfig(stroke="#8c8c8c"),
    )


def _layered_spec(
    layers: list[alt.Chart],
    width: int,
    height: int,
    frame: Frame,
    written: Mapping[int, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """The spec of the layers drawn over each other in the frame of an SVG ``width`` by
    ``height``, each layer's rows named in its datasets; ``written``: channels already written,
    by the number of the layer they are added to (the same dicts in each: a spec is read,
    never changed).

    Altair deep-copies every layer, rows and all, each time it makes or copies a layered chart,
    which writing one does (about half of a spec's cost): the layered chart is written without
    its layers, each layer is written as a part of it (what the layered chart's writing does,
    once its copies are made) and its rows are named in the datasets. The spec is the same.
    """
    datasets: dict[str, Any] = {}
    for number, layer in enumerate(layers):
        name = f"layer-{number}"
        datasets[name] = layer.data.values
        layer.data = alt.NamedData(name=name)
    plot_width, plot_height = frame.plot_size(width, height)
    layered = alt.LayerChart(
        layer=[],
        width=plot_width,
        height=plot_height,
        # The plot's size and the room around it: the whole SVG is ``width`` by ``height``, as
        # the page's CSS relies on, and the texts are written in the room.
        padding={
            "left": frame.left,
            "top": frame.top,
            "right": frame.right,
            "bottom": frame.bottom,
        },
        autosize=alt.AutoSizeParams(type="none"),
        config=_config(),
    )
    spec = layered.to_dict(validate=False)
    spec["layer"] = [
        layer.to_dict(validate=False, context={"top_level": False, "datasets": {}})
        for layer in layers
    ]
    for number, channels in (written or {}).items():
        layer = spec["layer"][number]
        layer["encoding"] = dict(sorted({**layer["encoding"], **channels}.items()))  # as Altair
    spec["datasets"] = datasets
    return spec


def strip_spec(strip: StripInput, frame: Frame) -> dict[str, Any]:
    """The Vega-Lite spec of the strip of a long history: the whole series as a line, with no
    values (the chart above and the table have them), ticks at the dates the texts name below
    it, and the period the chart above shows as a band."""
    with debug_mode(False):
        return _strip_spec(strip, frame)


def _strip_spec(strip: StripInput, frame: Frame) -> dict[str, Any]:
    if not strip.points:
        raise ValueError("a strip needs at least one check-in")
    if frame.y_domain is None:
        raise ValueError("a strip's frame needs the domain of its line")
    size = SIZES[strip.layout]
    x_scale = alt.Scale(type="utc", domain=list(frame.x_domain))
    start, end = strip.focus
    band = (
        alt.Chart(
            alt.InlineData(values=[{"series": "focus", "start": str(start), "end": str(end)}])
        )
        .mark_rect(stroke=COLOURS["focus"], strokeWidth=1.5)
        .encode(
            x=alt.X("start:T", title=None, scale=x_scale, axis=None),
            x2=alt.X2("end:T"),
            fill=alt.Fill(
                "series:N",
                scale=alt.Scale(domain=["focus"], range=[FILLS["focus"]]),
                legend=None,
            ),
        )
    )
    line = (
        alt.Chart(alt.InlineData(values=_rows(thinned(strip.points, size.width), "value")))
        .mark_line(strokeWidth=1.5, color=COLOURS["measured"])
        .encode(
            x=alt.X("date:T", scale=x_scale, axis=None, title=None),
            y=alt.Y("value:Q", scale=alt.Scale(domain=list(frame.y_domain)), axis=None),
        )
    )
    layers = [band, line]
    if strip.events:
        # The events over the whole series, numbered (by the texts) as on the chart above.
        x = alt.X("date:T", scale=x_scale, axis=None, title=None)
        marks = [{"date": day.isoformat()} for day, _ in strip.events]
        layers.insert(
            1,
            alt.Chart(alt.InlineData(values=marks))
            .mark_rule(strokeWidth=1.5, color=COLOURS["event"], strokeDash=DASHES["event"])
            .encode(x=x),
        )
    return _layered_spec(layers, size.width, STRIP_HEIGHT, frame)
