"""Tests of SVG rendering (generator.charts.render)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import pytest
import vl_convert

from generator.charts import render
from generator.charts import spec as spec_module
from generator.charts.cache import draw_svgs, geometry_key, input_key, render_svgs
from generator.charts.frame import Geometry, frame_of, geometry_of
from generator.charts.inputs import ChartInput, ChartLabels, Layout
from generator.charts.render import ChartRenderError, postprocess_svg, with_texts
from generator.charts.spec import SIZES

LABELS = ChartLabels(
    date="Date",
    value="Value (days)",
    measured="Measured",
    baseline="Baseline",
    target="Target",
    expected="Expected pace",
    target_range="Target range",
)
NB_NUMBER = {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", " kr"]}


def make(index: int = 0, **changes: Any) -> ChartInput:
    chart = ChartInput(
        points=(
            (dt.date(2024, 1, 15), 12.5 + index),
            (dt.date(2024, 2, 20), 14.0),
            (dt.date(2024, 4, 1), 13.1),
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


def keyed(*charts: ChartInput) -> dict[str, ChartInput]:
    """Each chart by its key, to be drawn whole (``draw_svgs``)."""
    return {input_key(chart): chart for chart in charts}


def jobs(*charts: ChartInput) -> dict[str, Geometry]:
    """What Vega draws of each chart, by its key (``render_svgs``)."""
    geometries = [geometry_of(chart, frame_of(chart)) for chart in charts]
    return {geometry_key(geometry): geometry for geometry in geometries}


def texts(svg: str) -> list[str]:
    return re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)


def assert_inline_safe(svg: str) -> None:
    assert svg.startswith("<svg ")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg
    root = svg[: svg.index(">") + 1]
    assert 'aria-hidden="true"' in root and 'focusable="false"' in root
    assert re.search(r'viewBox="0 0 [\d.]+ [\d.]+"', root)
    assert re.search(r'width="[\d.]+"', root) and re.search(r'height="[\d.]+"', root)
    assert "<script" not in svg.lower()
    assert not re.search(r"""href\s*=\s*["']?\s*https?:""", svg, re.I)
    assert "@import" not in svg and not re.search(r"url\(\s*['\"]?https?:", svg, re.I)
    assert "<title" not in svg  # no title inside the chart


def test_render_gives_inline_safe_accessible_svg() -> None:
    specs = keyed(make(), make(target=None, target_range=(20.0, 24.0)))
    svgs = draw_svgs(specs, None, workers=1)
    assert list(svgs) == list(specs)
    for svg in svgs.values():
        assert_inline_safe(svg)
        assert svg.count("<svg") == 1 and svg.rstrip().endswith("</svg>")
        for label in ("Measured", "Baseline", "Expected pace", "Date", "Value (days)"):
            assert label in texts(svg)
        assert "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif" in svg
    target_svg, band_svg = svgs.values()
    assert "Target" in texts(target_svg) and "Target range" not in texts(target_svg)
    assert "Target range" in texts(band_svg) and "Target" not in texts(band_svg)


def test_render_is_byte_identical_across_calls() -> None:
    specs = keyed(make(), make(target=None, target_range=(20.0, 24.0)))
    first = draw_svgs(specs, None, workers=1)
    second = draw_svgs(specs, None, workers=1)
    assert first == second
    # Not merely equal to itself: a different spec gives a different SVG.
    other = draw_svgs(keyed(make(index=3)), None, workers=1)
    assert set(other.values()).isdisjoint(first.values())


def test_norwegian_locale_shows_decimal_comma_and_norwegian_months() -> None:
    chart = make(
        points=((dt.date(2024, 1, 15), 12.5), (dt.date(2024, 3, 20), 14.5)),
        baseline=None,
        target=15.0,
        expected=(),
        locale=NB_NUMBER,
        time_locale=vl_convert.get_time_format_locale("nb-NO"),
    )
    (svg,) = draw_svgs(keyed(chart), None, workers=1).values()
    labels = texts(svg)
    assert "12,5" in labels and "12.5" not in labels
    assert any(re.search(r"\bmars\b", label) for label in labels)
    assert not any(re.search(r"\bMar", label) for label in labels)
    (english,) = draw_svgs(keyed(dataclasses.replace(chart, locale=None)), None, 1).values()
    assert "12.5" in texts(english) and "12,5" not in texts(english)


def test_spawn_pool_renders_the_same_as_in_process() -> None:
    count = render.IN_PROCESS_BELOW + 4
    specs = keyed(*(make(index=i) for i in range(count)))
    assert len(specs) == count
    pooled = draw_svgs(specs, None, workers=2)
    in_process = draw_svgs(specs, None, workers=1)
    assert pooled == in_process
    assert list(pooled) == list(specs)


def leftovers(cache: Path) -> list[str]:
    """Temporary files in the cache folder: hidden ones and *.tmp."""
    return sorted(p.name for p in cache.iterdir() if p.name.startswith(".") or p.suffix == ".tmp")


def test_cache_is_written_atomically_and_hit_the_second_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = jobs(*(make(index=i) for i in range(render.IN_PROCESS_BELOW)))
    complete = render_svgs(good, None, workers=1)
    three = dict(list(good.items())[:3])
    cache = tmp_path / "cache"
    first = render_svgs(three, cache, workers=1)
    assert sorted(p.name for p in cache.iterdir()) == sorted(f"{k}.svg" for k in three)
    for key, svg in first.items():
        assert svg == complete[key]
        assert (cache / f"{key}.svg").read_text(encoding="utf-8") == svg

    def must_not_render(key: str, spec: object) -> str:
        raise AssertionError(f"cache miss for {key}")

    with monkeypatch.context() as patch:
        patch.setattr(render, "_render_one", must_not_render)
        assert render_svgs(three, cache, workers=1) == first

    # A render that fails midway, in process and in the spawn pool (one miss more than
    # IN_PROCESS_BELOW), leaves no temporary file and no .svg but complete ones of the good
    # charts.
    bad = {"broken-chart": {"mark": "line", "encoding": {"x": {"field": "a", "type": "nope"}}}}
    items = list(good.items())
    specs = {**dict(items[:4]), **bad, **dict(items[4:])}
    for workers in (1, 2):
        failed = tmp_path / f"failed-{workers}"
        with pytest.raises(ChartRenderError, match="broken-chart"):
            render_svgs(specs, failed, workers=workers)
        assert leftovers(failed) == []
        written = {p.stem: p.read_text(encoding="utf-8") for p in failed.iterdir()}
        assert {key: complete[key] for key in written if key in complete} == written, workers

    # Interrupted between writing the temporary file and moving it into place, a write leaves
    # neither: never a half-written <key>.svg that a later build would take for a hit.
    def disk_full(source: str, target: str) -> None:
        raise OSError("disk full")

    interrupted = tmp_path / "interrupted"
    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", disk_full)
        with pytest.raises(OSError, match="disk full"):
            render_svgs(three, interrupted, workers=1)
    assert list(interrupted.iterdir()) == []


def test_only_cache_misses_are_rendered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = jobs(make(0))
    render_svgs(old, tmp_path, workers=1)
    rendered: list[str] = []
    real = render._render_one

    def counting(key: str, spec: dict[str, Any]) -> str:
        rendered.append(key)
        return real(key, spec)

    monkeypatch.setattr(render, "_render_one", counting)
    new = jobs(make(1))
    result = render_svgs({**old, **new}, tmp_path, workers=1)
    assert rendered == list(new)
    assert set(result) == set(old) | set(new)


def test_no_cache_dir_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    draw_svgs(keyed(make()), None, workers=1)
    assert list(tmp_path.iterdir()) == []


def test_errors_name_the_key_in_process_and_in_workers() -> None:
    good = jobs(*(make(index=i) for i in range(render.IN_PROCESS_BELOW)))
    bad = {"broken-chart": {"mark": "line", "encoding": {"x": {"field": "a", "type": "nope"}}}}
    with pytest.raises(ChartRenderError, match="broken-chart"):
        render_svgs(bad, None, workers=1)
    with pytest.raises(ChartRenderError, match="broken-chart") as raised:
        render_svgs({**good, **bad}, None, workers=2)  # the spawn pool path
    assert raised.value.key == "broken-chart"


def test_cache_keys_must_be_file_names(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cache file name"):
        render_svgs({"../escape": geometry_of(make(), frame_of(make()))}, tmp_path, workers=1)


def test_postprocess_adds_viewbox_strips_prologue_and_prefixes_ids() -> None:
    raw = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" aria-hidden="false">'
        '<defs><clipPath id="clip1"><rect width="10" height="10"/></clipPath></defs>'
        '<g clip-path="url(#clip1)"><text>a &lt;script&gt; href="x"</text></g></svg>'
    )
    svg = postprocess_svg(raw, "abc")
    assert_inline_safe(svg)
    assert 'viewBox="0 0 100 50"' in svg
    assert svg.count("aria-hidden") == 1
    assert 'id="cabc-clip1"' in svg and "url(#cabc-clip1)" in svg


def test_texts_are_checked_and_ids_named_for_the_chart_they_are_written_on() -> None:
    drawing = postprocess_svg(
        '<svg width="10" height="10"><clipPath id="clip1"/><g clip-path="url(#clip1)"/></svg>',
        "geometry",
    )
    written = with_texts(drawing, "<text>1</text>", "chart")
    assert "<text>1</text></svg>" in written
    assert 'id="cchart-cgeometry-clip1"' in written and "url(#cchart-cgeometry-clip1)" in written
    with pytest.raises(ChartRenderError, match="chart"):
        with_texts(drawing, '<g onload="alert(1)"/>', "chart")


@pytest.mark.parametrize(
    "bad",
    [
        '<svg width="1" height="1"><script>alert(1)</script></svg>',
        '<svg width="1" height="1"><image href="https://example.org/x.png"/></svg>',
        '<svg width="1" height="1"><a xlink:href="http://example.org/">x</a></svg>',
        '<svg width="1" height="1"><rect fill="url(https://example.org/p)"/></svg>',
        '<svg width="1" height="1"><style>@import "x.css";</style></svg>',
        '<svg width="1" height="1" onload="alert(1)"></svg>',
        "<html><svg></svg></html>",
    ],
)
def test_postprocess_refuses_unsafe_svg(bad: str) -> None:
    with pytest.raises(ChartRenderError, match="k1"):
        postprocess_svg(bad, "k1")


@pytest.mark.parametrize(
    "bad",
    [
        '<g\tONLOAD="alert(1)"/>',
        '<g\nOnMouseOver = "alert(1)"/>',
        '<a HREF="https://example.org/"><text>x</text></a>',
        "<a xlink:href=javascript:alert(1)><text>x</text></a>",
        '<text fill="URL(https://example.org/p)">x</text>',
        '<text fill="url( data:x)">x</text>',
        '<text style="x:JavaScript:y">x</text>',
    ],
)
def test_texts_with_an_unsafe_attribute_in_any_case_or_spacing_are_refused(bad: str) -> None:
    drawing = postprocess_svg('<svg width="10" height="10"></svg>', "geometry")
    with pytest.raises(ChartRenderError, match="chart"):
        with_texts(drawing, bad, "chart")


def test_texts_may_say_anything_between_their_tags() -> None:
    drawing = postprocess_svg('<svg width="10" height="10"></svg>', "geometry")
    said = "<text>Visits on href=site, url(s) and javascript: on= LINE</text>"
    assert said in with_texts(drawing, said, "chart")


def test_a_cached_chart_is_the_drawing_and_a_warm_cache_builds_no_spec(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    charts = {input_key(c): c for c in (make(index=i) for i in range(3))}
    cached = draw_svgs(charts, tmp_path, workers=1)
    assert cached == draw_svgs(charts, None, workers=1)
    for svg in cached.values():
        assert "Measured" in texts(svg)  # the texts are written over the drawing

    def no_spec(geometry: Geometry) -> dict[str, Any]:
        raise AssertionError("a cache hit must not build a spec")

    monkeypatch.setattr(spec_module, "geometry_spec", no_spec)
    assert draw_svgs(charts, tmp_path, workers=1) == cached


@pytest.mark.parametrize("layout", list(Layout))
def test_each_layout_renders_at_its_size_whatever_its_labels(layout: Layout) -> None:
    """The page's CSS shows a drawing at its natural size or larger: the SVG must be as wide
    as its layout says, long value labels and legend labels included, and its text 12 px."""
    long = make(
        points=((dt.date(2024, 1, 15), 1_234_567.25), (dt.date(2024, 2, 20), 1_334_567.5)),
        baseline=1_000_000.0,
        target=2_000_000.0,
        labels=dataclasses.replace(LABELS, expected="Expected pace to reach the target"),
        layout=layout,
    )
    for chart in (make(layout=layout), long):
        (svg,) = draw_svgs(keyed(chart), None, workers=1).values()
        root = svg[: svg.index(">")]
        size = SIZES[layout]
        assert f'width="{size.width}"' in root and f'height="{size.height}"' in root
        sizes = set(re.findall(r'font-size="([^"]+)"', svg))
        assert sizes == {"12px"}, sizes


def test_interim_targets_and_a_provisional_figure_are_drawn_hollow_and_named() -> None:
    chart = make(
        waypoints=((dt.date(2024, 6, 30), 16.0), (dt.date(2024, 9, 30), 20.0)),
        provisional=((dt.date(2024, 4, 1), 13.1),),
    )
    for layout in Layout:
        (svg,) = draw_svgs(keyed(dataclasses.replace(chart, layout=layout)), None, 1).values()
        assert_inline_safe(svg)
        assert "Interim target" in texts(svg) and "Provisional" in texts(svg)
        hollow = re.findall(r'<path [^>]*d="M([^"]*)" fill="white"[^>]* stroke="(#[0-9a-f]+)"', svg)
        diamonds = [d for d, stroke in hollow if stroke == "#1a7f37" and "A" not in d]
        circles = [d for d, stroke in hollow if stroke == "#1f4e79" and "A" in d]
        assert len(diamonds) == 2 + 1  # each interim target, and the legend's symbol
        assert len(circles) == 1 + 1  # the provisional figure, and the legend's symbol
        assert set(re.findall(r'font-size="([^"]+)"', svg)) == {"12px"}
    (plain,) = draw_svgs(keyed(make()), None, 1).values()
    assert 'fill="white" stroke' not in plain and "Provisional" not in texts(plain)
