"""Vega-Lite specification of a key-result progress chart.

The chart shows measured check-in values over time against the baseline, the target (or
the target range for direction "within"), the expected pace and the interim targets it runs
through; a provisional figure is a hollow circle on the line. Every series can be told
apart without colour (markers, dash patterns) and the legend names each series with the
caller's translated labels. The spec is plain JSON, rendered to SVG at build time
(`generator.charts.render`); the SVG is cached by the hash of the chart's input and of this
module's source (`generator.charts.cache.input_key`), so a warm build never imports Altair.
"""

from __future__ import annotations

import calendar
import datetime
import json
import math
from collections.abc import Mapping
from typing import Any, Literal

import altair as alt
from altair.utils.schemapi import UndefinedType, debug_mode

from generator.charts.inputs import ChartInput, StripInput, x_days
from generator.charts.legend import chart_series, legend_room
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
    "strip_spec",
]


def _finite(value: float, what: str) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"chart {what} is not a finite number: {value!r}")
    return number


def _rows(series: tuple[tuple[datetime.date, float], ...], what: str) -> list[dict[str, Any]]:
    # ISO dates are parsed as UTC midnight by Vega; the x scale is "utc", so the labels do
    # not depend on the time zone of the build machine.
    return [{"date": day.isoformat(), "value": _finite(value, what)} for day, value in series]


def _y_domain(chart: ChartInput) -> list[float]:
    values = [value for _, value in chart.points] + [value for _, value in chart.expected]
    values += [value for _, value in chart.waypoints]
    if chart.baseline is not None:
        values.append(chart.baseline)
    if chart.target_range is not None:  # drawn instead of the target line
        values += list(chart.target_range)
    elif chart.target is not None:
        values.append(chart.target)
    values = [_finite(v, "value") for v in values]
    low, high = min(values), max(values)
    span = high - low
    pad = span * 0.05 if span > 0 else max(abs(low) * 0.1, 1.0)
    padded_low = low - pad
    if low >= 0 > padded_low:  # do not invent negative values for non-negative data
        padded_low = 0.0
    return [padded_low, high + pad]


def _x_domain(chart: ChartInput) -> list[int]:
    return [_utc(day) for day in x_days(chart)]


def _or_undefined(number: int | None) -> int | UndefinedType:
    """A size's setting, or none at all (Vega-Lite's default) where it has none."""
    return alt.Undefined if number is None else number


def _utc(day: datetime.date) -> int:
    """The day's UTC midnight in milliseconds since 1970, as Vega holds a date. A number, not a
    Vega-Lite DateTime: compiled, it stays the same literal, so a chart's compiled shape takes
    it as it takes any other number (``generator.charts.shapes``)."""
    return calendar.timegm(day.timetuple()) * 1000


def _x_axis(chart: ChartInput) -> alt.Axis:
    """Ticks the chart chooses, written with the date format; or the caller's ticks, each
    named by its label (a yearly figure by its fiscal year), as far as they do not overlap."""
    if not chart.ticks:
        ticks = SIZES[chart.layout].x_ticks
        return alt.Axis(format=chart.date_format, labelOverlap="greedy", tickCount=ticks)
    names = {day.isoformat(): label for day, label in chart.ticks}
    # A Vega expression: the labels are written as JSON string literals (ASCII, every quote
    # and backslash escaped), so no label can end the literal and run as an expression.
    lookup = json.dumps(names, ensure_ascii=True, sort_keys=True)
    return alt.Axis(
        values=[_utc(day) for day, _ in chart.ticks],
        labelExpr=f"{lookup}[utcFormat(datum.value, '%Y-%m-%d')]",
        labelOverlap="greedy",
        labelAlign="center",
        labelFlush=True,
    )


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


def chart_spec(chart: ChartInput) -> dict[str, Any]:
    """The Vega-Lite spec (a plain JSON-able dict) of one key-result chart.

    Built with Altair without schema validation: Altair validates every object it
    constructs in its default debug mode, which costs about 40 ms a chart, so it is
    switched off here; the tests validate the spec against the schema once.
    """
    with debug_mode(False):
        return _chart_spec(chart)


def _chart_spec(chart: ChartInput) -> dict[str, Any]:
    if not chart.points:
        raise ValueError("a chart needs at least one check-in")
    labels = chart.labels
    size = SIZES[chart.layout]
    if chart.target_range is not None:
        low, high = sorted(_finite(v, "target range") for v in chart.target_range)
        target_range: tuple[float, float] | None = (low, high)
    else:
        target_range = None

    # The series the chart draws, in its legend's order, each named by its label.
    named = chart_series(chart)
    series = [name for name, _ in named]
    names = dict(named)
    domain = [label for _, label in named]
    first, last = x_days(chart)
    events = [(day, label) for day, label in chart.events if first <= day <= last]

    # Every layer has its own inline data with a "series" field holding the translated
    # label; colour, dash and symbol are scales over that field with an explicit domain, the
    # same in every layer. The legend is drawn apart (generator.charts.legend). (Constant
    # `datum` encodings would be shorter but the Vega-Lite schema allows no scale on them.)
    def series_encoding() -> dict[str, Any]:
        return {
            "color": alt.Color(
                "series:N",
                scale=alt.Scale(domain=domain, range=[COLOURS[s] for s in series]),
                legend=None,
            ),
            "strokeDash": alt.StrokeDash(
                "series:N",
                scale=alt.Scale(domain=domain, range=[DASHES[s] for s in series]),
                legend=None,
            ),
            "shape": alt.Shape(
                "series:N",
                scale=alt.Scale(domain=domain, range=[SHAPES[s] for s in series]),
                legend=None,
            ),
            # Filled or hollow: a provisional figure and an interim target are told from a
            # measured figure by their shape and fill, in the chart and in its legend. Every
            # layer has it, so the one legend shows it; a line's own is see-through (it would
            # shade the shape its points enclose).
            "fill": alt.Fill(
                "series:N",
                scale=alt.Scale(
                    domain=domain, range=[SYMBOL_FILLS.get(s, "transparent") for s in series]
                ),
                legend=None,
            ),
        }

    # Each series layer has the same four channels: written once and added to each layer as
    # written (``_layered_spec``), where Altair took as long to write them as the rest of a
    # layer, each time.
    series_channels = {
        channel: written.to_dict(validate=False) for channel, written in series_encoding().items()
    }
    layers: list[alt.Chart] = []
    in_series: list[int] = []  # the layers that have the series channels

    def add_series_layer(layer: alt.Chart) -> None:
        in_series.append(len(layers))
        layers.append(layer)

    def rows(name: str, values: list[dict[str, Any]]) -> alt.InlineData:
        return alt.InlineData(values=[{"series": name, **row} for row in values])

    def reaches_out(points: tuple[tuple[datetime.date, float], ...]) -> bool:
        """Whether a point lies outside the chart's frame (the y scale's "nice" domain holds
        [y_low, y_high]): only such a layer is clipped. A clip path costs the PNG's renderer a
        mask as large as the image, about 5 ms a layer, more than the rest of the chart."""
        return any(not (first <= day <= last and y_low <= value <= y_high) for day, value in points)

    x = alt.X(
        "date:T",
        title=labels.date,
        scale=alt.Scale(type="utc", domain=_x_domain(chart)),
        axis=_x_axis(chart),
    )
    y_low, y_high = _y_domain(chart)
    y_scale = alt.Scale(domain=[y_low, y_high], zero=False, nice=True)
    y_axis = alt.Axis(format=chart.locale_number_format, tickCount=_or_undefined(size.y_ticks))
    y = alt.Y("value:Q", scale=y_scale, title=labels.value, axis=y_axis)

    if target_range is not None:
        # Light band (decorative fill) with solid dark edges that meet the 3:1 contrast;
        # the legend shows the same light square with the dark edge.
        band = {"value": target_range[0], "high": target_range[1]}
        layers.append(
            alt.Chart(rows(labels.target_range, [band]))
            .mark_rect(stroke=COLOURS["target_range"], strokeWidth=1.5)
            .encode(
                y=y,
                y2=alt.Y2("high:Q"),
                fill=alt.Fill(
                    "series:N",
                    scale=alt.Scale(domain=[labels.target_range], range=[FILLS["target_range"]]),
                    legend=None,
                ),
            )
        )
    if chart.baseline is not None:
        add_series_layer(
            alt.Chart(rows(names["baseline"], [{"value": _finite(chart.baseline, "baseline")}]))
            .mark_rule(strokeWidth=1.5)
            .encode(y=y)
        )
    if target_range is None and chart.target is not None:
        add_series_layer(
            alt.Chart(rows(names["target"], [{"value": _finite(chart.target, "target")}]))
            .mark_rule(strokeWidth=2.5)
            .encode(y=y)
        )
    if chart.expected:
        add_series_layer(
            alt.Chart(rows(names["expected"], _rows(chart.expected, "expected value")))
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
            alt.Chart(rows(names["waypoint"], _rows(chart.waypoints, "interim target")))
            .mark_point(
                filled=False,
                size=120,
                strokeWidth=2,
                opacity=1,
                clip=reaches_out(chart.waypoints),
            )
            .encode(x=x, y=y)
        )
    marks = [{"date": day.isoformat(), "label": label} for day, label in events]
    if events:
        add_series_layer(
            alt.Chart(rows(names["event"], marks)).mark_rule(strokeWidth=1.5).encode(x=x)
        )
    measured = thinned(chart.points, size.width)
    add_series_layer(
        alt.Chart(rows(names["measured"], _rows(measured, "check-in value")))
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
            alt.Chart(rows(names["provisional"], _rows(chart.provisional, "provisional value")))
            .mark_point(
                filled=False,
                size=HOLLOW_SIZE,
                strokeWidth=2,
                opacity=1,
                clip=reaches_out(chart.provisional),
            )
            .encode(x=x, y=y)
        )
    layers += _event_labels([{"series": names["event"], **m} for m in marks], x, first, last)

    channels = {at: series_channels for at in in_series}
    spec = _layered_spec(layers, size.width, size.height, legend_room(chart), channels)
    if target_range is not None:
        # The band's fill is a scale of its own: shared, its light green would fill the
        # measured figures' points.
        spec["resolve"] = {"scale": {"fill": "independent"}}
    return _with_locale(spec, chart.locale, chart.time_locale)


def _event_labels(
    marks: list[dict[str, str]], x: alt.X, first: datetime.date, last: datetime.date
) -> list[alt.Chart]:
    """Each event's number at the top of its rule: to its right, or to its left near the
    chart's right edge, so that it stays inside the chart."""
    days = max((last - first).days, 1)
    near_end = [m for m in marks if (_day(m["date"]) - first).days / days > LABEL_LEFT_FROM]
    sides: list[tuple[Literal["left", "right"], int, list[dict[str, str]]]] = [
        ("left", 3, [m for m in marks if m not in near_end]),
        ("right", -3, near_end),
    ]
    return [
        alt.Chart(alt.InlineData(values=chosen))
        .mark_text(
            align=align,
            baseline="top",
            dx=dx,
            dy=3,
            fontSize=FONT_SIZE,
            fontWeight="bold",
            color=COLOURS["event"],
        )
        .encode(x=x, y=alt.value(0), text=alt.Text("label:N"))
        for align, dx, chosen in sides
        if chosen
    ]


#: An event's number is written to the left of its rule beyond this share of the chart's width.
LABEL_LEFT_FROM = 0.92


def _day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


def _config() -> alt.Config:
    return alt.Config(
        font=FONT,
        background="white",
        aria=False,
        view=alt.ViewConfig(stroke="#8c8c8c"),
        axis=alt.AxisConfig(
            labelFontSize=FONT_SIZE,
            titleFontSize=FONT_SIZE,
            labelColor="#1a1a1a",
            # No cutting short: a tick's label is a date, a number or a caller's short name
            # (a fiscal year), and a limit costs the renderer a measurement of every label.
            labelLimit=0,
        ),
    )


def _layered_spec(
    layers: list[alt.Chart],
    width: int,
    height: int,
    padding: Mapping[str, float],
    written: Mapping[int, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """The spec of the layers drawn over each other, each layer's rows named in its datasets;
    ``written``: channels already written, by the number of the layer they are added to (the
    same dicts in each: a spec is read, never changed).

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
    layered = alt.LayerChart(
        layer=[],
        width=width,
        height=height,
        padding=dict(padding),
        # The size is the whole SVG's, axes and legend included: the page's CSS relies on it.
        autosize=alt.AutoSizeParams(type="fit", contains="padding"),
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


def _with_locale(
    spec: dict[str, Any], number: dict[str, Any] | None, time: dict[str, Any] | None
) -> dict[str, Any]:
    locale: dict[str, Any] = {}
    if number is not None:
        locale["number"] = dict(number)
    if time is not None:
        locale["time"] = dict(time)
    if locale:
        # vl-convert honours config.locale (checked with vl-convert 1.9); it also takes
        # format_locale/time_format_locale arguments, but keeping the locale in the spec
        # makes the spec (and so its SVG) depend on it.
        spec.setdefault("config", {})["locale"] = locale
    return spec


def strip_spec(strip: StripInput) -> dict[str, Any]:
    """The Vega-Lite spec of the strip of a long history: the whole series as a line, with no
    values (the chart above and the table have them), the years below it, and the period the
    chart above shows as a band, named in a legend."""
    with debug_mode(False):
        return _strip_spec(strip)


def _strip_spec(strip: StripInput) -> dict[str, Any]:
    if not strip.points:
        raise ValueError("a strip needs at least one check-in")
    size = SIZES[strip.layout]
    first = min(strip.points[0][0], strip.focus[0])
    x_scale = alt.Scale(type="utc", domain=[_utc(first), _utc(strip.focus[1])])
    x_axis = alt.Axis(
        format=strip.date_format,
        labelOverlap="greedy",
        tickCount=size.x_ticks,
        grid=False,
    )
    start, end = strip.focus
    band = (
        alt.Chart(
            alt.InlineData(
                values=[{"series": strip.focus_label, "start": str(start), "end": str(end)}]
            )
        )
        .mark_rect(stroke=COLOURS["focus"], strokeWidth=1.5)
        .encode(
            x=alt.X("start:T", title=None, scale=x_scale, axis=x_axis),
            x2=alt.X2("end:T"),
            fill=alt.Fill(
                "series:N",
                scale=alt.Scale(domain=[strip.focus_label], range=[FILLS["focus"]]),
                legend=None,
            ),
        )
    )
    values = [value for _, value in strip.points]
    low, high = min(values), max(values)
    pad = (high - low) * 0.05 if high > low else max(abs(low) * 0.1, 1.0)
    line = (
        alt.Chart(alt.InlineData(values=_rows(thinned(strip.points, size.width), "value")))
        .mark_line(strokeWidth=1.5, color=COLOURS["measured"])
        .encode(
            x=alt.X("date:T", scale=x_scale, axis=x_axis, title=None),
            y=alt.Y("value:Q", scale=alt.Scale(domain=[low - pad, high + pad]), axis=None),
        )
    )
    layers = [band, line]
    if strip.events:
        # The events over the whole series, numbered as on the chart above and on the page.
        x = alt.X("date:T", scale=x_scale, axis=x_axis, title=None)
        marks = [{"date": day.isoformat(), "label": label} for day, label in strip.events]
        layers.insert(
            1,
            alt.Chart(alt.InlineData(values=marks))
            .mark_rule(strokeWidth=1.5, color=COLOURS["event"], strokeDash=DASHES["event"])
            .encode(x=x),
        )
        layers += _event_labels(marks, x, first, strip.focus[1])
    spec = _layered_spec(layers, size.width, STRIP_HEIGHT, legend_room(strip))
    return _with_locale(spec, None, strip.time_locale)
