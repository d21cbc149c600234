"""The axes' ticks and labels (generator.charts.axes) are those Vega writes for the same scale
and format: each case is drawn by vl-convert and its labels read from the SVG."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import vl_convert

from generator.charts.axes import (
    MINUS,
    date_label,
    nice_domain,
    number_label,
    time_ticks,
    utc_ms,
    value_ticks,
)

NB_NUMBER = {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", " kr"]}
NB_TIME = vl_convert.get_time_format_locale("nb-NO")
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"


def vega_labels(spec: dict[str, Any]) -> list[str]:
    """The labels of the one axis Vega draws for the spec."""
    svg = vl_convert.vegalite_to_svg(spec)
    (labels,) = re.findall(r"role-axis-label.*?</g>", svg, re.S)
    return re.findall(r"<text[^>]*>([^<]*)</text>", labels)


VALUE_CASES = [
    (3381.5, 12110.4, 5, ",.2f", None),
    (0.2746, 0.9245, 5, ",.4~f", NB_NUMBER),
    (-18447.2, -12295.6, 9, ",.4~f", NB_NUMBER),  # negative: a minus sign, not a hyphen
    (-373294.7, 3000987.8, 5, ",.1f", None),
    (0.0013, 0.0091, 5, ",.4~f", None),
    (2124422.0, 3465773.5, 9, ",.2f", NB_NUMBER),
    (10.0, 10.0, 5, ",.4~f", None),
]


@pytest.mark.parametrize(("low", "high", "count", "number_format", "locale"), VALUE_CASES)
def test_value_ticks_and_labels_are_vega_s(
    low: float, high: float, count: int, number_format: str, locale: dict[str, Any] | None
) -> None:
    domain = nice_domain(low, high, count) if high > low else (low - 1, high + 1)
    spec: dict[str, Any] = {
        "$schema": SCHEMA,
        "width": 300,
        "height": 300,
        "data": {"values": [{"v": low}, {"v": high}]},
        "mark": "point",
        "encoding": {
            "y": {
                "field": "v",
                "type": "quantitative",
                "scale": {"domain": list(domain), "zero": False, "nice": False},
                "axis": {"format": number_format, "tickCount": count, "labelOverlap": False},
            }
        },
    }
    if locale:
        spec["config"] = {"locale": {"number": locale}}
    ours = [number_label(value, number_format, locale) for value in value_ticks(*domain, count)]
    assert ours == vega_labels(spec)


def test_nice_widens_to_whole_steps_as_vega_s_nice_scale() -> None:
    spec = {
        "$schema": SCHEMA,
        "data": {"values": [{"v": 8.5}, {"v": 41.5}]},
        "mark": "point",
        "encoding": {
            "y": {
                "field": "v",
                "type": "quantitative",
                "scale": {"domain": [8.5, 41.5], "zero": False, "nice": True},
            }
        },
    }
    vega = vl_convert.vegalite_to_vega(spec)
    (scale,) = [s for s in vega["scales"] if s["name"] == "y"]
    assert scale["nice"] is True
    assert nice_domain(8.5, 41.5, 10) == (5.0, 45.0)
    assert MINUS in number_label(-1.5, ",.1f", None)
    assert number_label(-0.00001, ",.1f", None) == "0.0"  # no minus before a zero


DATE_CASES = [
    (dt.date(2024, 1, 1), dt.date(2024, 3, 31), 6, "%b %-d", None),
    (dt.date(2024, 1, 1), dt.date(2024, 12, 31), 4, "%-d. %b", NB_TIME),
    (dt.date(2016, 5, 3), dt.date(2026, 3, 31), 6, "%Y", None),
    (dt.date(2024, 11, 1), dt.date(2026, 6, 30), 6, "%b %Y", NB_TIME),
    (dt.date(2025, 3, 10), dt.date(2025, 4, 10), 6, "%b %-d", None),  # weeks, from Sunday
    (dt.date(2025, 3, 10), dt.date(2025, 4, 10), 4, "%-d.%m.", None),
    (dt.date(2020, 2, 1), dt.date(2020, 3, 2), 6, "%d %B", NB_TIME),
]


@pytest.mark.parametrize(("first", "last", "count", "date_format", "locale"), DATE_CASES)
def test_date_ticks_and_labels_are_vega_s(
    first: dt.date, last: dt.date, count: int, date_format: str, locale: dict[str, Any] | None
) -> None:
    start, end = utc_ms(first), utc_ms(last)
    spec: dict[str, Any] = {
        "$schema": SCHEMA,
        "width": 720,
        "height": 50,
        "data": {"values": [{"d": start}, {"d": end}]},
        "mark": "point",
        "encoding": {
            "x": {
                "field": "d",
                "type": "temporal",
                "scale": {"type": "utc", "domain": [start, end]},
                "axis": {"format": date_format, "tickCount": count, "labelOverlap": False},
            }
        },
    }
    if locale:
        spec["config"] = {"locale": {"time": locale}}
    ours = [date_label(ms, date_format, locale) for ms in time_ticks(start, end, count)]
    assert ours == vega_labels(spec)


def test_an_unknown_format_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="%Q"):
        date_label(0, "%Q", None)
    with pytest.raises(ValueError, match=r",\.2e"):
        number_label(1.0, ",.2e", None)
