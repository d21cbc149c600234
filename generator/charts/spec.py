"""Vega-Lite specification of a key-result progress chart.

The chart shows measured check-in values over time against the baseline, the target (or
the target range for direction "within") and the expected pace. Every series can be told
apart without colour (markers, dash patterns) and the legend names each series with the
caller's translated labels. The spec is plain JSON so that it can be hashed (`spec_key`)
and rendered to SVG at build time (`generator.charts.render`).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import math
from dataclasses import dataclass
from importlib import metadata
from typing import Any

import altair as alt

from generator.charts.render import RENDER_REVISION

__all__ = [
    "COLOURS",
    "FONT",
    "HEIGHT",
    "WIDTH",
    "ChartInput",
    "ChartLabels",
    "chart_spec",
    "spec_key",
]

WIDTH = 640
HEIGHT = 280
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"

# Contrast against white (WCAG 1.4.11 needs >= 3:1 for graphical objects):
# measured 8.9:1, baseline 7.0:1, target 5.2:1, expected 6.5:1.
COLOURS = {
    "measured": "#1f4e79",
    "baseline": "#595959",
    "target": "#1a7f37",
    "target_range": "#1a7f37",
    "expected": "#8a4b00",
}
# Dash pattern per series, so that series are distinguishable without colour.
_DASHES: dict[str, list[float]] = {
    "measured": [1, 0],  # solid, with filled circle markers
    "baseline": [6, 4],  # dashed, thin
    "target": [1, 0],  # solid, thick, no markers
    "target_range": [1, 0],  # shaded band with solid edges
    "expected": [2, 3],  # dotted
}
# Legend symbol per series ("stroke" is a short horizontal line drawn with the dash).
_SHAPES = {
    "measured": "circle",
    "baseline": "stroke",
    "target": "stroke",
    "target_range": "square",
    "expected": "stroke",
}
_BAND_OPACITY = 0.15


@dataclass(frozen=True)
class ChartLabels:
    """Every word the chart shows, already translated by the caller."""

    date: str  # x axis title, e.g. "Date"
    value: str  # y axis title, e.g. "Value (days)"
    measured: str  # legend: "Measured"
    baseline: str  # legend: "Baseline"
    target: str  # legend: "Target"
    expected: str  # legend: "Expected pace"
    target_range: str  # legend: "Target range"


@dataclass(frozen=True)
class ChartInput:
    points: tuple[tuple[datetime.date, float], ...]  # check-ins, sorted by date, at least 1
    baseline: float | None
    target: float | None
    target_range: tuple[float, float] | None  # for direction "within"
    # Expected-pace line: usually (period start, baseline) -> (period end, target); may be empty.
    expected: tuple[tuple[datetime.date, float], ...]
    labels: ChartLabels
    locale_number_format: str  # d3-format string for y axis ticks, e.g. ",.1f"
    # d3 formatLocale dict (decimal, thousands, grouping, currency); None = en.
    locale: dict[str, Any] | None
    # d3 timeFormatLocale dict (dateTime, date, time, periods, days, shortDays, months,
    # shortMonths); None = en.
    time_locale: dict[str, Any] | None


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
    values += [v for v in (chart.baseline, chart.target) if v is not None]
    if chart.target_range is not None:
        values += list(chart.target_range)
    values = [_finite(v, "value") for v in values]
    low, high = min(values), max(values)
    span = high - low
    pad = span * 0.05 if span > 0 else max(abs(low) * 0.1, 1.0)
    padded_low = low - pad
    if low >= 0 > padded_low:  # do not invent negative values for non-negative data
        padded_low = 0.0
    return [padded_low, high + pad]


def chart_spec(chart: ChartInput) -> dict[str, Any]:
    """The Vega-Lite spec (a plain JSON-able dict) of one key-result chart.

    Built with Altair without schema validation (it costs about 10 ms a chart; the tests
    validate the spec once).
    """
    if not chart.points:
        raise ValueError("a chart needs at least one check-in")
    labels = chart.labels
    if chart.target_range is not None:
        low, high = sorted(chart.target_range)
        target_range: tuple[float, float] | None = (low, high)
    else:
        target_range = None

    # Series in legend order; only the series the chart actually has.
    series = ["measured"]
    if chart.baseline is not None:
        series.append("baseline")
    if target_range is not None:
        series.append("target_range")
    elif chart.target is not None:
        series.append("target")
    if chart.expected:
        series.append("expected")
    names = {
        "measured": labels.measured,
        "baseline": labels.baseline,
        "target": labels.target,
        "target_range": labels.target_range,
        "expected": labels.expected,
    }
    domain = [names[s] for s in series]
    if len(set(domain)) != len(domain):
        raise ValueError(f"chart legend labels must be distinct: {domain!r}")

    legend_options: dict[str, Any] = {
        "title": None,
        "orient": "bottom",
        "direction": "horizontal",
        "symbolOpacity": 1,
        "symbolStrokeWidth": 2,
        "symbolSize": 160,
        "labelFontSize": 12,
        "labelLimit": 220,
    }
    if target_range is not None:
        # The band's legend symbol looks like the band: light fill, solid dark edge.
        is_band = f"datum.value === {json.dumps(labels.target_range)}"
        legend_options["_encode"] = {
            "symbols": {
                "update": {
                    "fillOpacity": [{"test": is_band, "value": _BAND_OPACITY}, {"value": 1}],
                    "stroke": [{"test": is_band, "value": COLOURS["target_range"]}],
                }
            }
        }
    legend_options.pop("_encode", None)
    legend = alt.Legend(**legend_options)

    def series_encoding(name: str) -> dict[str, Any]:
        label = names[name]
        return {
            "color": alt.Color(
                datum=label,
                type="nominal",
                scale=alt.Scale(domain=domain, range=[COLOURS[s] for s in series]),
                legend=legend,
            ),
            "strokeDash": alt.StrokeDash(
                datum=label,
                type="nominal",
                scale=alt.Scale(domain=domain, range=[_DASHES[s] for s in series]),
                legend=legend,
            ),
            "shape": alt.Shape(
                datum=label,
                type="nominal",
                scale=alt.Scale(domain=domain, range=[_SHAPES[s] for s in series]),
                legend=legend,
            ),
        }

    x = alt.X("date:T", title=labels.date, scale=alt.Scale(type="utc"))
    y_scale = alt.Scale(domain=_y_domain(chart), zero=False, nice=True)
    y_axis = alt.Axis(format=chart.locale_number_format)

    def y_datum(value: float) -> alt.YDatum:
        return alt.YDatum(_finite(value, "value"), scale=y_scale, title=labels.value, axis=y_axis)

    layers: list[alt.Chart] = []
    if target_range is not None:
        # Light band (decorative fill) with solid dark edges that meet the 3:1 contrast.
        layers.append(
            alt.Chart()
            .mark_rect(
                fillOpacity=_BAND_OPACITY,
                stroke=COLOURS["target_range"],
                strokeWidth=1.5,
            )
            .encode(
                y=y_datum(target_range[0]),
                y2=alt.Y2Datum(target_range[1]),
                **series_encoding("target_range"),
            )
        )
    if chart.baseline is not None:
        layers.append(
            alt.Chart()
            .mark_rule(strokeWidth=1.5)
            .encode(y=y_datum(chart.baseline), **series_encoding("baseline"))
        )
    if target_range is None and chart.target is not None:
        layers.append(
            alt.Chart()
            .mark_rule(strokeWidth=2.5)
            .encode(y=y_datum(chart.target), **series_encoding("target"))
        )
    y_field = alt.Y("value:Q", scale=y_scale, title=labels.value, axis=y_axis)
    if chart.expected:
        layers.append(
            alt.Chart(alt.Data(values=_rows(chart.expected, "expected value")))
            .mark_line(strokeWidth=2, strokeCap="round")
            .encode(x=x, y=y_field, **series_encoding("expected"))
        )
    layers.append(
        alt.Chart(alt.Data(values=_rows(chart.points, "check-in value")))
        .mark_line(strokeWidth=2, point=alt.OverlayMarkDef(filled=True, size=50))
        .encode(x=x, y=y_field, **series_encoding("measured"))
    )

    layered = (
        alt.layer(*layers)
        .properties(width=WIDTH, height=HEIGHT)
        .configure(font=FONT, background="white", aria=False)
        .configure_view(stroke="#8c8c8c")
        .configure_axis(labelFontSize=12, titleFontSize=12, labelColor="#1a1a1a")
    )
    spec: dict[str, Any] = layered.to_dict(validate=False)
    locale: dict[str, Any] = {}
    if chart.locale is not None:
        locale["number"] = dict(chart.locale)
    if chart.time_locale is not None:
        locale["time"] = dict(chart.time_locale)
    if locale:
        # vl-convert honours config.locale (checked with vl-convert 1.9); it also takes
        # format_locale/time_format_locale arguments, but keeping the locale in the spec
        # makes spec_key cover it.
        spec.setdefault("config", {})["locale"] = locale
    return spec


def _vl_convert_version() -> str:
    try:
        return metadata.version("vl-convert-python")
    except metadata.PackageNotFoundError:  # pragma: no cover - e.g. a vendored copy
        import vl_convert

        return str(vl_convert.__version__)


def spec_key(spec: dict[str, Any]) -> str:
    """sha256 hex of the canonical JSON of `spec`, the vl-convert version and the SVG
    post-processing revision, so that a cache entry changes when any of them changes."""
    canonical = json.dumps(
        spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    digest = hashlib.sha256()
    digest.update(canonical.encode("utf-8"))
    digest.update(f"\0vl-convert={_vl_convert_version()}\0post={RENDER_REVISION}".encode())
    return digest.hexdigest()
