"""Tests of a chart's legend, drawn by generator.charts.legend, and of the text widths it is
laid out with (generator.charts.text_width)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
import vl_convert

from generator.charts.cache import draw_svgs
from generator.charts.fonts import hold_fonts_in_memory
from generator.charts.frame import frame_of
from generator.charts.inputs import Layout, StripInput
from generator.charts.legend import (
    LABEL_X,
    PADDING,
    ROW_HEIGHT,
    Key,
    chart_keys,
    laid_out,
    legend_of,
)
from generator.charts.style import FONT_SIZE, SIZES, STRIP_HEIGHT
from generator.charts.text_width import text_width
from tests.charts.test_render import LABELS, make


def entries(body: str) -> list[tuple[float, float, str]]:
    """Each entry's place and label, from a legend's elements."""
    return [
        (float(x), float(y), label)
        for x, y, label in re.findall(
            r'<g transform="translate\(([\d.]+),([\d.]+)\)">.*?<text [^>]*>([^<]*)</text></g>',
            body,
        )
    ]


def test_text_widths_are_those_vega_measures() -> None:
    """Laid out with the widths Vega would measure: each entry of Vega's own legend is as wide
    as the symbol's box and the label's width here."""
    labels = ["Measured", "Forventet takt", "Välitavoite", "Ärger über 1.234,5 €", "WWW iii"]
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": [{"label": label} for label in labels]},
        "mark": "point",
        "encoding": {
            "color": {
                "field": "label",
                "type": "nominal",
                "scale": {"domain": labels},
                "legend": {
                    "orient": "bottom",
                    "direction": "horizontal",
                    "labelFontSize": FONT_SIZE,
                    "labelLimit": 0,
                    "symbolType": "circle",
                    "symbolSize": 160,  # as the chart's legend drew its symbols
                },
            }
        },
        "config": {"font": "Liberation Sans"},
    }
    hold_fonts_in_memory()
    svg = vl_convert.vegalite_to_svg(spec)
    widths = [
        float(width)
        for width in re.findall(
            r'<path class="background" aria-hidden="true" d="M0,0h([\d.]+)v[\d.]+h-[\d.]+Z"'
            r' pointer-events="none" opacity="1"/>',
            svg,
        )
    ]
    assert widths == pytest.approx([LABEL_X + text_width(label, FONT_SIZE) for label in labels])


def test_a_wider_character_takes_more_room() -> None:
    assert text_width("W", 12) > text_width("i", 12) > 0
    assert text_width("0", 12) == text_width("9", 12)
    assert text_width("漢", 12) == 12  # written full width
    assert text_width("ab", 12) == text_width("a", 12) + text_width("b", 12)


def test_the_legend_keys_the_series_the_chart_draws_in_order() -> None:
    assert [key.series for key in chart_keys(make())] == [
        "measured",
        "baseline",
        "target",
        "expected",
    ]
    bare = make(baseline=None, target=None, expected=())
    assert chart_keys(bare) == (Key("measured", "Measured"),)
    within = make(
        target=None,
        target_range=(20.0, 24.0),
        provisional=((dt.date(2024, 5, 10), 17.2),),
        waypoints=((dt.date(2024, 6, 30), 16.0),),
    )
    assert [key.series for key in chart_keys(within)] == [
        "measured",
        "provisional",
        "baseline",
        "expected",
        "waypoint",
        "target_range",  # the band, after the lines
    ]
    inside = make(span=(dt.date(2024, 1, 1), dt.date(2024, 12, 31)))
    assert "event" in [
        k.series
        for k in chart_keys(dataclasses.replace(inside, events=((dt.date(2024, 3, 1), "1"),)))
    ]
    outside = dataclasses.replace(inside, events=((dt.date(2025, 3, 1), "1"),))
    assert "event" not in [key.series for key in chart_keys(outside)]
    with pytest.raises(ValueError, match="distinct"):
        chart_keys(make(labels=dataclasses.replace(LABELS, target="Baseline")))


def test_entries_run_on_a_line_and_wrap_where_the_next_would_not_fit() -> None:
    keys = tuple(Key("baseline", label) for label in ("One", "Two", "Three"))
    line = laid_out(keys, 700, None, 220)
    assert [y for _, y, _ in entries(line.body)] == [0, 0, 0]
    xs = [x for x, _, _ in entries(line.body)]
    assert xs[0] == 0 and xs == sorted(xs)
    assert xs[1] >= LABEL_X + text_width("One", FONT_SIZE)
    wrapped = laid_out(keys, LABEL_X * 2 + text_width("OneTwo", FONT_SIZE) + 20, None, 220)
    assert [y for _, y, _ in entries(wrapped.body)] == [0, 0, ROW_HEIGHT]
    assert wrapped.height > line.height


def test_a_narrow_legend_is_in_columns_and_every_entry_fits_its_width() -> None:
    long = make(
        labels=dataclasses.replace(LABELS, expected="Expected pace to reach the target by the end"),
        layout=Layout.NARROW,
    )
    legend = legend_of(long)
    placed = entries(legend.body)
    assert sorted({x for x, _, _ in placed}) == [0, placed[1][0]]  # two columns
    size = SIZES[Layout.NARROW]
    for x, _, label in placed:
        assert text_width(label, FONT_SIZE) <= size.legend_label_limit
        assert x + LABEL_X + text_width(label, FONT_SIZE) <= size.width - 2 * PADDING
    assert any(label.endswith("…") for _, _, label in placed)


@pytest.mark.parametrize("layout", list(Layout))
def test_the_drawing_leaves_room_for_its_legend_and_draws_it_there(layout: Layout) -> None:
    chart = make(layout=layout, labels=dataclasses.replace(LABELS, measured="<script>&"))
    (svg,) = draw_svgs({"k": chart}, None, 1).values()
    legend, frame = legend_of(chart), frame_of(chart)
    height = SIZES[layout].height
    placed = re.search(r'class="okr-legend" transform="translate\(5,([\d.]+)\)"', svg)
    assert placed is not None
    top = float(placed[1])
    assert top + legend.height <= height - PADDING
    # Below the plot, its dates and the axis' title (two lines of text).
    assert top >= height - frame.bottom + 2 * 12
    assert "&lt;script&gt;&amp;" in svg and "<script" not in svg
    assert "role-legend" not in svg  # Vega draws none


def test_a_strip_s_legend_is_above_it() -> None:
    strip = StripInput(
        points=((dt.date(2020, 1, 1), 1.0), (dt.date(2024, 1, 1), 2.0)),
        focus=(dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        focus_label="2024 (the chart above)",
        time_locale=None,
        date_format="%Y",
    )
    (svg,) = draw_svgs({"k": strip}, None, 1).values()
    assert 'class="okr-legend" transform="translate(5,5)"' in svg
    assert frame_of(strip).top > PADDING + legend_of(strip).height
    assert f'height="{STRIP_HEIGHT}"' in svg[: svg.index(">")]
    assert "2024 (the chart above)" in svg
