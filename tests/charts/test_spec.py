"""Tests of the Vega-Lite chart specification (generator.charts.spec)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import altair as alt
import pytest
import vl_convert

from generator.charts import cache
from generator.charts.cache import input_key, layout_keys
from generator.charts.frame import frame_of, geometry_of, y_low_high
from generator.charts.inputs import ChartInput, ChartLabels, Layout, StripInput
from generator.charts.spec import (
    COLOURS,
    FILLS,
    SIZES,
    STRIP_HEIGHT,
    geometry_spec,
    thinned,
)

LABELS = ChartLabels(
    date="Dato",
    value="Verdi (dager)",
    measured="Målt verdi",
    baseline="Utgangspunkt",
    target="Mål",
    expected="Forventet takt",
    target_range="Målområde",
)
NB_NUMBER = {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", " kr"]}


def make(**changes: Any) -> ChartInput:
    chart = ChartInput(
        points=(
            (dt.date(2024, 1, 15), 12.5),
            (dt.date(2024, 2, 20), 14.0),
            (dt.date(2024, 4, 1), 13.1),
            (dt.date(2024, 5, 10), 17.2),
        ),
        baseline=10.0,
        target=25.0,
        target_range=None,
        expected=((dt.date(2024, 1, 1), 10.0), (dt.date(2024, 12, 31), 25.0)),
        labels=LABELS,
        locale_number_format=",.1f",
        locale=None,
        time_locale=None,
    )
    return dataclasses.replace(chart, **changes)


WAYPOINTS = ((dt.date(2024, 6, 30), 15.0), (dt.date(2024, 9, 30), 21.0))
PROVISIONAL = ((dt.date(2024, 5, 10), 17.2),)


def spec_of(drawing: ChartInput | StripInput) -> dict[str, Any]:
    """The spec of what Vega draws of a chart or a strip, as a build makes it."""
    return geometry_spec(geometry_of(drawing, frame_of(drawing)))


def layer_rows(spec: dict[str, Any], layer: dict[str, Any]) -> list[dict[str, Any]]:
    data: dict[str, Any] = layer["data"] if "data" in layer else spec["data"]  # may be hoisted
    rows: list[dict[str, Any]] = (
        data["values"] if "values" in data else spec["datasets"][data["name"]]
    )
    return rows


def layers_by_series(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """series -> layer, via the inline dataset each layer carries."""
    result = {}
    for layer in spec["layer"]:
        rows = layer_rows(spec, layer)
        (series,) = {row["series"] for row in rows}
        result[series] = layer
    return result


def utc_day(milliseconds: int) -> dt.date:
    """The day a date of the spec's (UTC midnight, in milliseconds since 1970) names."""
    return (dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=milliseconds)).date()


def y_domain(spec: dict[str, Any]) -> list[float]:
    domains = {json.dumps(layer["encoding"]["y"]["scale"]["domain"]) for layer in spec["layer"]}
    assert len(domains) == 1, "all layers must share one y scale"
    return list(json.loads(domains.pop()))


@pytest.mark.parametrize(
    "chart",
    [
        make(),
        make(target=None, target_range=(20.0, 24.0)),
        make(
            baseline=None,
            expected=(),
            locale=NB_NUMBER,
            time_locale=vl_convert.get_time_format_locale("nb-NO"),
        ),
    ],
    ids=["target", "within", "locale"],
)
def test_spec_validates_against_vega_lite_schema(chart: ChartInput) -> None:
    spec = spec_of(chart)
    alt.LayerChart.from_dict(spec, validate=True)  # raises SchemaValidationError if invalid
    json.dumps(spec, allow_nan=False)  # plain JSON


def test_layers_are_the_series_the_chart_has_and_the_drawing_holds_no_word() -> None:
    spec = spec_of(make())
    layers = layers_by_series(spec)
    assert set(layers) == {"measured", "baseline", "target", "expected"}
    color = layers["measured"]["encoding"]["color"]
    assert color["field"] == "series"
    assert color["scale"]["domain"] == ["measured", "baseline", "target", "expected"]
    enc = layers["measured"]["encoding"]
    assert enc["x"]["title"] is None and enc["y"]["title"] is None
    # No axis: its lines are drawn under the marks (generator.charts.guides), its labels are
    # written over the drawing (generator.charts.texts), not by Vega.
    assert enc["x"]["axis"] is None and enc["y"]["axis"] is None
    written = json.dumps(spec, ensure_ascii=False)
    for label in (*dataclasses.astuple(LABELS), ",.1f", "%b"):
        assert label not in written, label
    assert not any(layer["mark"]["type"] == "text" for layer in spec["layer"])

    bare = spec_of(make(baseline=None, target=None, expected=()))
    assert set(layers_by_series(bare)) == {"measured"}
    assert layers_by_series(bare)["measured"]["encoding"]["color"]["scale"]["domain"] == [
        "measured"
    ]


def test_series_distinguishable_without_colour() -> None:
    spec = spec_of(make(waypoints=WAYPOINTS, provisional=PROVISIONAL))
    enc = layers_by_series(spec)["measured"]["encoding"]
    domain = enc["color"]["scale"]["domain"]
    assert len(domain) == 6
    dashes = dict(zip(domain, enc["strokeDash"]["scale"]["range"], strict=True))
    shapes = dict(zip(domain, enc["shape"]["scale"]["range"], strict=True))
    fills = dict(zip(domain, enc["fill"]["scale"]["range"], strict=True))
    # Every (dash, legend symbol, filled or hollow) is unique: no series relies on colour alone.
    pairs = {(json.dumps(dashes[name]), shapes[name], fills[name] == "white") for name in domain}
    assert len(pairs) == len(domain)
    assert dashes["expected"] != dashes["baseline"] != [1, 0]
    measured = layers_by_series(spec)["measured"]
    assert measured["mark"]["type"] == "line" and measured["mark"]["point"]
    for layer in spec["layer"]:  # all layers share the same scales -> one legend
        assert layer["encoding"]["color"]["scale"] == enc["color"]["scale"]


def test_colours_have_3_to_1_contrast_on_white() -> None:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    spec = spec_of(make())
    colours = layers_by_series(spec)["measured"]["encoding"]["color"]["scale"]["range"]
    assert len(colours) == 4
    for colour in [*colours, *COLOURS.values()]:  # an event's rule and number too
        assert 1.05 / (luminance(colour) + 0.05) >= 3.0, colour


def test_within_draws_a_band_instead_of_a_target_line() -> None:
    spec = spec_of(make(target=22.0, target_range=(24.0, 20.0)))  # reversed on purpose
    layers = layers_by_series(spec)
    assert "target" not in layers
    band = layers["target_range"]
    assert band["mark"]["type"] == "rect"
    (row,) = layer_rows(spec, band)
    assert (row[band["encoding"]["y"]["field"]], row[band["encoding"]["y2"]["field"]]) == (
        20.0,
        24.0,
    )
    assert band["encoding"]["fill"]["scale"]["domain"] == ["target_range"]
    assert band["encoding"]["fill"]["legend"] is None  # keyed by generator.charts.legend
    # Its own fill scale: shared with the series', its tint would fill the measured points.
    assert spec["resolve"] == {"scale": {"fill": "independent"}}
    assert spec["layer"][0] is band, "the band is drawn first, behind the lines"


@pytest.mark.parametrize(
    ("changes", "must_cover"),
    [
        ({}, [10.0, 25.0, 12.5, 17.2]),
        ({"target": None, "target_range": (30.0, 40.0)}, [10.0, 30.0, 40.0, 12.5]),
        ({"baseline": -50.0, "target": 300.0, "expected": ()}, [-50.0, 300.0]),
        (
            {
                "points": ((dt.date(2024, 3, 1), 999.0),),
                "baseline": 950.0,
                "target": 900.0,
                "expected": (),
            },
            [900.0, 950.0, 999.0],
        ),
    ],
)
def test_y_domain_covers_everything_and_is_not_forced_to_zero(
    changes: dict[str, Any], must_cover: list[float]
) -> None:
    chart = make(**changes)
    low, high = y_low_high(chart)
    smallest, largest = min(must_cover), max(must_cover)
    assert low <= smallest and high >= largest
    # Tight: a little padding only, not stretched to zero (900..999 must not start at 0).
    assert low >= smallest - 0.1 * (largest - smallest)
    assert high <= largest + 0.1 * (largest - smallest)
    spec = spec_of(chart)
    nice_low, nice_high = y_domain(spec)  # widened to whole steps, as Vega's "nice"
    assert nice_low <= low and nice_high >= high
    assert spec["layer"][0]["encoding"]["y"]["scale"]["zero"] is False


def test_y_domain_of_a_single_value_has_some_height() -> None:
    chart = make(points=((dt.date(2024, 3, 1), 5.0),), baseline=None, target=None, expected=())
    low, high = y_domain(spec_of(chart))
    assert low < 5.0 < high


def test_the_plot_and_its_room_make_the_whole_svg_and_no_urls() -> None:
    chart = make()
    spec, frame = spec_of(chart), frame_of(chart)
    assert "title" not in spec
    text = json.dumps(spec)
    assert "@font-face" not in text and "url(" not in text
    assert re.findall(r"https?://[^\"]+", text) == [spec["$schema"]]
    padding = spec["padding"]
    assert padding == {
        "left": frame.left,
        "top": frame.top,
        "right": frame.right,
        "bottom": frame.bottom,
    }
    assert spec["width"] + padding["left"] + padding["right"] == 720  # the whole SVG's size
    assert spec["height"] + padding["top"] + padding["bottom"] == 360
    assert spec["autosize"] == {"type": "none"}
    y = spec["layer"][0]["encoding"]["y"]
    assert y["scale"]["domain"] == list(frame.y_domain) and y["scale"]["nice"] is False


def test_every_language_draws_the_same() -> None:
    """Two languages of a chart (the words, the number and date formats) share one drawing
    where their texts take the same room."""
    english = make(labels=dataclasses.replace(LABELS, measured="Measured", target="Target"))
    norwegian = make(
        locale=NB_NUMBER,
        time_locale=vl_convert.get_time_format_locale("nb-NO"),
        date_format="%-d. %b",
    )
    assert frame_of(english) == frame_of(norwegian)
    assert geometry_of(english, frame_of(english)) == geometry_of(norwegian, frame_of(norwegian))
    assert "locale" not in spec_of(norwegian)["config"]


def test_x_axis_is_utc_and_short_spans_get_a_month() -> None:
    chart = make(points=((dt.date(2024, 1, 1), 1.0), (dt.date(2024, 1, 3), 2.0)), expected=())
    x = layers_by_series(spec_of(chart))["measured"]["encoding"]["x"]
    assert x["scale"]["type"] == "utc"  # labels independent of the build machine's time zone
    first, last = (utc_day(ms) for ms in x["scale"]["domain"])
    assert (last - first).days >= 31 and first <= dt.date(2024, 1, 1) < dt.date(2024, 1, 3) <= last


def test_invalid_input_is_rejected() -> None:
    with pytest.raises(ValueError, match="at least one"):
        spec_of(make(points=()))
    with pytest.raises(ValueError, match="finite"):
        spec_of(make(points=((dt.date(2024, 1, 1), float("nan")),)))
    with pytest.raises(ValueError, match="distinct"):
        spec_of(make(labels=dataclasses.replace(LABELS, target="Utgangspunkt")))


def test_input_key_is_stable_and_changes_with_input_code_and_vl_convert(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    key = input_key(make())
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert input_key(make()) == key

    variants = [
        make(points=((dt.date(2024, 1, 15), 12.6),)),
        make(target=26.0),
        make(waypoints=WAYPOINTS),
        make(waypoints=WAYPOINTS[:1]),
        make(provisional=PROVISIONAL),
        make(labels=dataclasses.replace(LABELS, measured="Measured")),
        make(locale=NB_NUMBER),
        make(locale_number_format=",.2f"),
        make(date_format="%-d. %b"),
    ]
    keys = {input_key(chart) for chart in variants}
    assert key not in keys and len(keys) == len(variants)

    written_by = cache.sources_of(cache.WRITTEN_BY)  # the spec, the texts, what they import
    modules = ("spec", "guides", "frame", "texts", "legend", "axes", "style", "text_width")
    assert {source.name for source in written_by} == {f"{name}.py" for name in (*modules, "inputs")}
    for source in written_by:
        with monkeypatch.context() as patch:
            patch.setattr(cache, "sources_of", _another_version_of(source, tmp_path))
            cache._code_digest.cache_clear()
            assert input_key(make()) != key, source.name
    with monkeypatch.context() as patch:
        patch.setattr(cache, "_vl_convert_version", lambda: "0.0.0-other")
        cache._code_digest.cache_clear()
        assert input_key(make()) != key
    cache._code_digest.cache_clear()
    assert input_key(make()) == key


def test_a_drawing_s_key_hashes_the_code_vega_draws_with_and_not_the_texts_code(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The texts' code changed: every chart is written again, none drawn again."""
    drawn_by = cache.sources_of(cache.DRAWN_BY)
    names = {source.name for source in drawn_by}
    assert {"spec.py", "guides.py", "frame.py"} <= names and "texts.py" not in names
    chart = make()
    geometry = geometry_of(chart, frame_of(chart))
    key, drawing_key = input_key(chart), cache.geometry_key(geometry)
    texts = next(s for s in cache.sources_of(cache.WRITTEN_BY) if s.name == "texts.py")
    with monkeypatch.context() as patch:
        patch.setattr(cache, "sources_of", _another_version_of(texts, tmp_path))
        cache._code_digest.cache_clear()
        assert input_key(chart) != key
        assert cache.geometry_key(geometry) == drawing_key
    spec = next(s for s in drawn_by if s.name == "spec.py")
    with monkeypatch.context() as patch:
        patch.setattr(cache, "sources_of", _another_version_of(spec, tmp_path))
        cache._code_digest.cache_clear()
        assert cache.geometry_key(geometry) != drawing_key
    cache._code_digest.cache_clear()


def _another_version_of(source: Path, folder: Path) -> Callable[[Iterable[str]], tuple[Path, ...]]:
    """``cache.sources_of`` with ``source`` read from another file, of other code."""
    other = folder / source.name
    other.write_text(f"another version of {source.name}", encoding="utf-8")
    real = cache.sources_of

    def sources_of(modules: Iterable[str]) -> tuple[Path, ...]:
        return tuple(other if found == source else found for found in real(modules))

    return sources_of


def test_a_narrow_chart_is_a_phone_s_width_with_fewer_ticks() -> None:
    wide, narrow = frame_of(make()), frame_of(make(layout=Layout.NARROW))
    assert wide.plot_size(720, 360)[0] > 2 * narrow.plot_size(288, 330)[0]
    assert len(narrow.x_ticks) <= len(wide.x_ticks)
    assert len(narrow.y_ticks) <= SIZES[Layout.NARROW].y_ticks + 1 < len(wide.y_ticks)
    spec = spec_of(make(layout=Layout.NARROW))
    assert spec["width"] + spec["padding"]["left"] + spec["padding"]["right"] == 288
    assert spec["height"] + spec["padding"]["top"] + spec["padding"]["bottom"] == 330


def test_a_line_of_more_points_than_pixels_keeps_each_column_s_low_and_high() -> None:
    first = dt.date(2016, 1, 1)
    points = tuple((first + dt.timedelta(days=n), float((n * 37) % 101)) for n in range(3650))
    kept = thinned(points, 300)
    assert len(kept) <= 600 and kept == tuple(sorted(kept))
    assert set(kept) <= set(points)
    assert kept[0][0] == first  # the first column starts the line
    assert {value for _, value in kept} >= {0.0, 100.0}  # the extremes are all there
    few = points[:600]
    assert thinned(few, 300) == few  # two a column or fewer: every point
    spec = spec_of(make(points=points, expected=()))
    rows = layer_rows(spec, layers_by_series(spec)["measured"])
    assert 300 < len(rows) <= 2 * SIZES[Layout.WIDE].width


def strip(**changes: Any) -> StripInput:
    first = dt.date(2016, 1, 1)
    made = StripInput(
        points=tuple((first + dt.timedelta(days=n), float(n % 30)) for n in range(3650)),
        focus=(dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        focus_label="Q1 2026 (the chart above)",
        time_locale=None,
        date_format="%Y",
    )
    return dataclasses.replace(made, **changes)


@pytest.mark.parametrize("layout", list(Layout))
def test_a_strip_is_the_whole_line_with_its_period_marked_and_no_values(layout: Layout) -> None:
    spec = spec_of(strip(layout=layout))
    alt.LayerChart.from_dict(spec, validate=True)
    padding = spec["padding"]
    assert spec["width"] + padding["left"] + padding["right"] == SIZES[layout].width
    assert spec["height"] + padding["top"] + padding["bottom"] == STRIP_HEIGHT
    band, line = spec["layer"]
    (row,) = layer_rows(spec, band)
    assert (row["start"], row["end"]) == ("2026-01-01", "2026-03-31")
    assert band["encoding"]["fill"]["scale"] == {
        "domain": ["focus"],
        "range": [FILLS["focus"]],
    }
    assert line["encoding"]["y"]["axis"] is None  # the values are the chart's and the table's
    rows = layer_rows(spec, line)
    assert rows[0]["date"] == "2016-01-01" and len(rows) <= 2 * SIZES[layout].width
    assert "point" not in line["mark"]  # a line without markers
    first, last = (utc_day(ms) for ms in band["encoding"]["x"]["scale"]["domain"])
    assert (first.year, last) == (2016, dt.date(2026, 3, 31))


def test_events_in_the_chart_s_span_are_ruled_numbered_and_in_the_legend() -> None:
    events = (
        (dt.date(2023, 12, 1), "1"),  # before the span: not drawn
        (dt.date(2024, 3, 1), "2"),
        (dt.date(2024, 12, 20), "3"),  # near the right edge: its number to the left
    )
    spec = spec_of(make(events=events))
    alt.LayerChart.from_dict(spec, validate=True)
    rule = layers_by_series(spec)["event"]
    assert rule["mark"]["type"] == "rule" and "y" not in rule["encoding"]  # upright, full height
    assert [row["date"] for row in layer_rows(spec, rule)] == ["2024-03-01", "2024-12-20"]
    domain = rule["encoding"]["color"]["scale"]["domain"]
    assert domain[-1] == "event"  # keyed in the legend, after the lines
    shapes = dict(zip(domain, rule["encoding"]["shape"]["scale"]["range"], strict=True))
    assert shapes["event"] == "M0,-1L0,1"  # an upright line, as drawn
    assert "event" not in json.dumps(spec_of(make(events=events[:1])))  # none in the span


def test_a_strip_marks_every_event_of_the_whole_series() -> None:
    spec = spec_of(strip(events=((dt.date(2018, 5, 1), "1"), (dt.date(2026, 2, 1), "2"))))
    alt.LayerChart.from_dict(spec, validate=True)
    rules = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rule"]
    (rule,) = rules
    assert [row["date"] for row in layer_rows(spec, rule)] == ["2018-05-01", "2026-02-01"]
    assert rule["mark"]["color"] == COLOURS["event"]


def test_interim_targets_are_hollow_diamonds_on_the_expected_pace_and_in_the_legend() -> None:
    labels = dataclasses.replace(LABELS, waypoint="Delmål")
    expected = ((dt.date(2024, 1, 1), 10.0), *WAYPOINTS, (dt.date(2024, 12, 31), 25.0))
    spec = spec_of(make(waypoints=WAYPOINTS, expected=expected, labels=labels))
    alt.LayerChart.from_dict(spec, validate=True)
    layers = layers_by_series(spec)
    marks = layers["waypoint"]
    assert marks["mark"]["type"] == "point" and marks["mark"]["filled"] is False
    assert [(row["date"], row["value"]) for row in layer_rows(spec, marks)] == [
        ("2024-06-30", 15.0),
        ("2024-09-30", 21.0),
    ]
    # The expected pace runs through them.
    pace = [(row["date"], row["value"]) for row in layer_rows(spec, layers["expected"])]
    assert ("2024-06-30", 15.0) in pace and ("2024-09-30", 21.0) in pace
    domain = marks["encoding"]["shape"]["scale"]["domain"]
    shapes = dict(zip(domain, marks["encoding"]["shape"]["scale"]["range"], strict=True))
    fills = dict(zip(domain, marks["encoding"]["fill"]["scale"]["range"], strict=True))
    assert (shapes["waypoint"], fills["waypoint"]) == ("diamond", "white")
    assert fills["measured"] == COLOURS["measured"]  # a measured figure is filled
    assert "waypoint" not in json.dumps(spec_of(make()))  # none without interim targets


def test_a_waypoint_beyond_every_other_value_is_inside_the_y_domain() -> None:
    low, high = y_domain(spec_of(make(waypoints=((dt.date(2024, 6, 30), 40.0),))))
    assert high >= 40.0 > low


def test_a_provisional_figure_is_a_hollow_circle_over_its_point_named_in_the_legend() -> None:
    labels = dataclasses.replace(LABELS, provisional="Foreløpig")
    spec = spec_of(make(provisional=PROVISIONAL, labels=labels))
    alt.LayerChart.from_dict(spec, validate=True)
    layers = layers_by_series(spec)
    hollow = layers["provisional"]
    assert hollow["mark"]["type"] == "point" and hollow["mark"]["filled"] is False
    assert [(row["date"], row["value"]) for row in layer_rows(spec, hollow)] == [
        ("2024-05-10", 17.2)
    ]
    assert spec["layer"].index(hollow) > spec["layer"].index(layers["measured"])  # on top
    domain = hollow["encoding"]["fill"]["scale"]["domain"]
    fills = dict(zip(domain, hollow["encoding"]["fill"]["scale"]["range"], strict=True))
    assert fills["provisional"] == "white" and fills["measured"] == COLOURS["measured"]
    # A line's own fill is see-through: it would shade the shape its points enclose.
    for name in ("measured", "expected"):
        assert layers[name]["mark"]["fillOpacity"] == 0
    assert "provisional" not in json.dumps(spec_of(make()))


def clipped(chart: ChartInput) -> dict[str, bool]:
    """series -> whether its layer is clipped to the chart's frame."""
    layers = layers_by_series(spec_of(chart))
    return {name: layer["mark"].get("clip", False) for name, layer in layers.items()}


def test_only_a_layer_reaching_outside_the_frame_is_clipped() -> None:
    chart = make(waypoints=WAYPOINTS, provisional=PROVISIONAL)
    inside = clipped(chart)
    assert len(inside) == 6 and not any(inside.values())
    # The chart of its period alone, from February: the measured line comes in from the
    # January check-in and the expected pace from 1 January.
    period = clipped(dataclasses.replace(chart, span=(dt.date(2024, 2, 1), dt.date(2024, 12, 31))))
    assert [name for name, clip in period.items() if clip] == ["expected", "measured"]
    # A provisional figure above the y domain (which leaves provisional figures out).
    high = clipped(dataclasses.replace(chart, provisional=((dt.date(2024, 5, 10), 90.0),)))
    assert [name for name, clip in high.items() if clip] == ["provisional"]


@pytest.mark.parametrize("drawing", [make(), strip()], ids=["chart", "strip"])
def test_the_keys_of_each_layout_are_those_of_the_drawing_in_that_layout(
    drawing: ChartInput | StripInput,
) -> None:
    keys = layout_keys(drawing)
    assert keys == {
        layout: input_key(dataclasses.replace(drawing, layout=layout)) for layout in Layout
    }
    assert len(set(keys.values())) == len(Layout)


@pytest.mark.parametrize("drawing", [make(), strip(), LABELS], ids=["chart", "strip", "labels"])
def test_a_drawing_s_key_reads_every_field(drawing: object) -> None:
    """The key is made from the input's ``repr``: it must write every field, as a dataclass's
    own ``repr`` does (a field left out would leave a chart drawn from other values)."""
    fields = dataclasses.fields(drawing)  # type: ignore[arg-type]
    every_field = ", ".join(f"{f.name}={getattr(drawing, f.name)!r}" for f in fields)
    assert repr(drawing) == f"{type(drawing).__qualname__}({every_field})"
