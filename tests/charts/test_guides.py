"""Tests of the axes' lines (generator.charts.guides): they are Vega's axes, drawn without Vega.

The oracle is Vega itself: each drawing's spec with Vega-Lite axes put back at the frame's
values (as the spec had them before the lines were written here), rendered by vl-convert; the
lines of its axes must be the lines of ours, end for end and colour for colour.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import vl_convert

from generator.charts.frame import frame_of, geometry_of
from generator.charts.guides import GRID_COLOUR, RULE_COLOUR
from generator.charts.inputs import ChartInput, Layout, StripInput
from generator.charts.render import render_jobs
from generator.charts.spec import geometry_spec
from tests.charts.test_spec import make, strip
from tests.pages.test_chart_inputs import YEAR_ENDS, yearly_chart, yearly_portal

_SVG = "{http://www.w3.org/2000/svg}"
Line = tuple[tuple[float, float], tuple[float, float], str]


def lines_in(svg: str, group_class: str) -> set[Line]:
    """Every line inside a group of ``group_class``: its two ends in the SVG's coordinates
    (the groups' translations added up) and its colour."""
    found: set[Line] = set()

    def walk(element: ET.Element, dx: float, dy: float, inside: bool) -> None:
        moved = re.match(r"translate\(([-\d.e]+),([-\d.e]+)\)", element.get("transform", ""))
        if moved:
            dx, dy = dx + float(moved.group(1)), dy + float(moved.group(2))
        inside = inside or group_class in (element.get("class") or "").split()
        if element.tag == f"{_SVG}line" and inside:

            def at(name: str, offset: float) -> float:
                return round(offset + float(element.get(name, "0")), 3)

            ends = sorted([(at("x1", dx), at("y1", dy)), (at("x2", dx), at("y2", dy))])
            found.add((ends[0], ends[1], element.get("stroke", "")))
        for child in element:
            walk(child, dx, dy, inside)

    walk(ET.fromstring(svg), 0.0, 0.0, False)
    return found


def with_vega_axes(spec: dict[str, Any], x_ticks: list[int], y_ticks: list[float] | None) -> Any:
    """``spec`` with Vega-Lite's axes at the frame's values, without labels or titles: a grid
    and ticks on both axes of a chart, date ticks alone on a strip (``y_ticks`` None)."""
    spec = copy.deepcopy(spec)

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            encoding = node.get("encoding", {})
            if encoding.get("x", {}).get("type") == "temporal":
                grid = y_ticks is not None
                axis = {"values": x_ticks, "labels": False, "title": None, "grid": grid}
                encoding["x"]["axis"] = axis
            if y_ticks is not None and encoding.get("y", {}).get("type") == "quantitative":
                encoding["y"]["axis"] = {"values": y_ticks, "labels": False, "title": None}
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(spec)
    return spec


def assert_lines_are_vega_s(drawing: ChartInput | StripInput) -> set[Line]:
    frame = frame_of(drawing)
    geometry = geometry_of(drawing, frame)
    ((_, ours),) = render_jobs([("k", geometry)], 1)
    is_strip = isinstance(drawing, StripInput)
    spec = with_vega_axes(
        geometry_spec(geometry), list(frame.x_ticks), None if is_strip else list(frame.y_ticks)
    )
    vega = lines_in(vl_convert.vegalite_to_svg(spec), "role-axis")
    assert vega, "Vega drew no axis"
    assert lines_in(ours, "okr-guides") == vega
    assert "role-axis" not in ours  # Vega drew none: its axes cost a third of a drawing
    return vega


@pytest.mark.parametrize("layout", list(Layout))
@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"points": ((dt.date(2024, 3, 1), -12.5), (dt.date(2024, 6, 1), 40.25))},
        {"target": None, "target_range": (20.0, 30.0)},
        {"points": ((dt.date(2024, 5, 10), 17.2),), "expected": ()},
    ],
    ids=["pace", "negative", "target range", "one figure"],
)
def test_a_chart_s_grid_ticks_and_edges_are_where_vega_s_axes_drew_them(
    layout: Layout, changes: dict[str, Any]
) -> None:
    vega = assert_lines_are_vega_s(make(layout=layout, **changes))
    colours = {colour for *_, colour in vega}
    assert colours == {GRID_COLOUR, RULE_COLOUR}


@pytest.mark.parametrize("layout", list(Layout))
def test_a_strip_s_date_ticks_and_bottom_edge_are_where_vega_s_axis_drew_them(
    layout: Layout,
) -> None:
    vega = assert_lines_are_vega_s(strip(layout=layout))
    assert {colour for *_, colour in vega} == {RULE_COLOUR}  # no grid on a strip


def test_fiscal_years_ticks_are_where_vega_s_axis_drew_them(tmp_path: Path) -> None:
    chart = yearly_chart(yearly_portal(tmp_path, "FY {year}", YEAR_ENDS))
    for layout in Layout:
        assert_lines_are_vega_s(dataclasses.replace(chart, layout=layout))
