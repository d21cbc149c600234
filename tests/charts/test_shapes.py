"""Vega compiled once per chart shape (generator.charts.shapes): each filled spec is the Vega
that compiling its whole Vega-Lite spec writes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import vl_convert

from generator.charts.frame import frame_of, geometry_of
from generator.charts.inputs import ChartInput, Layout, StripInput
from generator.charts.render import _spec_of
from generator.charts.shapes import SENTINEL, VegaShapes
from generator.i18n import Language
from generator.load.project import load_project
from generator.pages.chart_inputs import chart_inputs
from generator.pages.formatting import Formatter
from tests.charts.test_render import LABELS, make
from tests.conftest import FIXTURES, ROOT
from tests.pages.test_chart_inputs import YEAR_ENDS, yearly_chart, yearly_portal


def spec_of(drawing: ChartInput | StripInput) -> dict[str, Any]:
    """The spec of what Vega draws of a chart or a strip, as a worker builds it."""
    return dict(_spec_of(geometry_of(drawing, frame_of(drawing))))


def drawings(chart: ChartInput) -> Iterator[dict[str, Any]]:
    """The specs of a key result's chart and strip, wide and narrow, as a build draws them."""
    for layout in Layout:
        yield spec_of(dataclasses.replace(chart, layout=layout, strip=None))
        if chart.strip is not None:
            yield spec_of(dataclasses.replace(chart.strip, layout=layout))


def portal_specs(root: Path) -> list[dict[str, Any]]:
    project = load_project(root)
    specs = []
    for tag in project.settings.languages:
        formatter = Formatter(Language(tag), project.settings)
        for chart in chart_inputs(project.dataset, formatter).values():
            specs += drawings(chart)
    return specs


def compiled_whole(spec: dict[str, Any]) -> Any:
    return vl_convert.vegalite_to_vega(spec)


@pytest.mark.parametrize(
    ("root", "share"),
    [(ROOT, 1 / 4), (FIXTURES / "two-languages", 1 / 2)],  # 8 charts a language there
    ids=["sample", "fi-sv"],
)
def test_every_chart_of_a_portal_is_the_vega_of_its_whole_spec(root: Path, share: float) -> None:
    specs = portal_specs(root)
    shapes = VegaShapes()
    for spec in specs:
        assert json.loads(shapes.vega(spec)) == compiled_whole(spec)
    # Its charts share their shapes: each compiled once, not once a chart.
    assert 0 < len(shapes) <= len(specs) * share


def test_yearly_figures_named_by_fiscal_year_are_the_vega_of_their_whole_spec(
    tmp_path: Path,
) -> None:
    chart = yearly_chart(yearly_portal(tmp_path, "FY {year}", YEAR_ENDS))
    assert chart.ticks  # named ticks: tick values of the caller's
    for spec in drawings(chart):
        assert json.loads(VegaShapes().vega(spec)) == compiled_whole(spec)


def test_charts_of_one_shape_are_compiled_once_and_each_keeps_its_values() -> None:
    first = make(points=((dt.date(2024, 2, 1), 3.0), (dt.date(2024, 3, 1), 4.0)))
    # Other figures, words and formats over the same range of values: one shape.
    second = make(
        points=((dt.date(2024, 4, 1), 4.0), (dt.date(2024, 5, 1), 3.0)),
        labels=dataclasses.replace(LABELS, value="Value (km)"),
        locale_number_format=",.2f",
    )
    shapes = VegaShapes()
    vegas = [json.loads(shapes.vega(spec_of(chart))) for chart in (first, second)]
    assert len(shapes) == 1
    assert vegas == [compiled_whole(spec_of(chart)) for chart in (first, second)]
    assert vegas[0] != vegas[1]


def test_values_in_the_placeholders_range_come_out_as_compiling_them_whole_writes_them() -> None:
    # A chart's own numbers (its rows, its domains) may be anything: they are filled in.
    huge = float(SENTINEL + 2)
    chart = make(points=((dt.date(2024, 1, 15), huge), (dt.date(2024, 2, 20), SENTINEL + 1)))
    spec = spec_of(chart)
    for layer in spec["layer"]:  # one scale: the same domain in every layer
        if "y" in layer["encoding"]:
            layer["encoding"]["y"]["scale"]["domain"] = [SENTINEL + 1, huge]
    shapes = VegaShapes()
    assert json.loads(shapes.vega(spec)) == compiled_whole(spec)
    assert len(shapes) == 1
    # A number of the shape's own in that range could be taken for a placeholder.
    spec["layer"][0]["mark"]["strokeWidth"] = SENTINEL + 2
    assert json.loads(shapes.vega(spec)) == compiled_whole(spec)
    assert len(shapes) == 1  # compiled whole, not as a shape


def test_a_spec_whose_rows_are_not_all_drawn_is_compiled_whole() -> None:
    # Vega-Lite leaves out a data set no layer reads: there is no placeholder to fill.
    spec = spec_of(make())
    spec["datasets"]["unread"] = [{"series": "x", "value": 1}]
    shapes = VegaShapes()
    for _ in range(2):
        assert json.loads(shapes.vega(spec)) == compiled_whole(spec)
