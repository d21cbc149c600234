"""Charts as SVG, from the cache where they are there and rendered where they are not.

A chart's cache key is the hash of its input, of the code that draws it (``spec.py``), of the
vl-convert version and of the SVG post-processing revision: a chart is rendered again exactly
when one of them changes, and a cache hit costs neither a spec nor Altair.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import metadata
from pathlib import Path

from generator import progress
from generator.cache_files import CacheFolder
from generator.charts import render
from generator.charts.inputs import ChartInput, ChartSvgs, Layout, Svg
from generator.charts.render import Drawing, Job

_KEY_RE = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}")

#: The code that turns an input into a spec: read, not imported, so a warm build loads no Altair.
SPEC_SOURCE = Path(__file__).with_name("spec.py")


@cache
def _code_digest() -> str:
    spec = hashlib.sha256(SPEC_SOURCE.read_bytes()).hexdigest()
    return f"\0spec={spec}\0vl-convert={_vl_convert_version()}\0post={render.RENDER_REVISION}"


def _vl_convert_version() -> str:
    try:
        return metadata.version("vl-convert-python")
    except metadata.PackageNotFoundError:  # pragma: no cover - e.g. a vendored copy
        import vl_convert

        return str(getattr(vl_convert, "__version__", "unknown"))


def input_key(drawing: Drawing) -> str:
    """Cache key of a chart (or strip) from its input, without building its spec (Altair
    costs about 14 ms a chart, most of a warm build)."""
    return _key(type(drawing).__name__, _plain(drawing))


def layout_keys(drawing: Drawing) -> dict[Layout, str]:
    """``input_key`` of ``drawing`` in each layout: its fields are made plain once, for all of
    them (a warm build at 10,000 pages made 14,000 drawings plain for 7,000 key results)."""
    plain = _plain(drawing)
    assert isinstance(plain, dict)  # a drawing is a dataclass
    name = type(drawing).__name__
    return {layout: _key(name, {**plain, "layout": layout}) for layout in Layout}


def _key(kind: str, plain: object) -> str:
    canonical = json.dumps(
        {kind: plain},
        sort_keys=True,
        separators=(",", ":"),
        default=str,
        allow_nan=False,
    )
    digest = hashlib.sha256(canonical.encode("utf-8"))
    digest.update(_code_digest().encode())
    return digest.hexdigest()


def _plain(value: object) -> object:
    """``dataclasses.asdict`` without its deep copies (a third of a warm build's chart time):
    dataclasses as dicts of their fields, sequences as lists, anything else as it is."""
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    names = _field_names(type(value))
    if names:
        return {name: _plain(getattr(value, name)) for name in names}
    return value


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    """The fields of a dataclass, none for any other type: found once a type, not once a value
    (25,000 drawings of a national portal, each with its rows)."""
    names = _FIELD_NAMES.get(kind)
    if names is None:
        fields = dataclasses.fields(kind) if dataclasses.is_dataclass(kind) else ()
        names = _FIELD_NAMES[kind] = tuple(field.name for field in fields)
    return names


def _check_key(key: str) -> None:
    if not _KEY_RE.fullmatch(key):
        raise ValueError(f"chart key {key!r} is not usable as a cache file name")


def render_svgs(specs: Mapping[str, Job], cache_dir: Path | None, workers: int) -> dict[str, str]:
    """key -> SVG text, for every (key -> Vega-Lite spec, or the ChartInput to build it) given.

    Reads hits from cache_dir/<key>.svg, renders the misses (see ``render.render_jobs``),
    writes each into the cache atomically (temp file + os.replace) and returns all. Keys are
    normally `input_key(chart)`; with a cache they must be plain file names. A failing chart
    raises `ChartRenderError` naming its key. cache_dir None = no cache.
    """
    results: dict[str, str] = {}
    misses: list[tuple[str, Job]] = []
    cache = None if cache_dir is None else CacheFolder(cache_dir, ".svg")
    for key, spec in specs.items():
        if cache is not None:
            _check_key(key)
            cached = cache.read(key)
            if cached is not None:
                results[key] = cached.decode("utf-8")
                continue
        misses.append((key, spec))
    progress.report("charts from the cache", len(results), len(results))
    rendered: Iterator[tuple[str, str]] = render.render_jobs(misses, workers)
    for done, (key, svg) in enumerate(rendered, start=1):
        if cache is not None:
            cache.write(key, svg.encode("utf-8"))
        results[key] = svg
        if progress.every(done, len(misses)):
            progress.report("charts rendered", done, len(misses))
    return {key: results[key] for key in specs}


def chart_svgs(
    charts: Mapping[str, ChartInput], cache_dir: Path, workers: int
) -> dict[str, ChartSvgs]:
    """Name (a key result id) -> its chart, and the strip of its history where it has one,
    drawn for a wide and for a narrow screen (the inputs' own layout is not read), each
    drawing cached under its own key."""
    # Each part (a key result's chart or strip in one layout): its key, and what draws it.
    keys: dict[tuple[str, str], str] = {}
    sources: dict[tuple[str, str], tuple[Drawing, Layout]] = {}
    for name, chart in charts.items():
        alone = dataclasses.replace(chart, strip=None)
        for layout, key in layout_keys(alone).items():
            keys[(name, layout)], sources[(name, layout)] = key, (alone, layout)
        if chart.strip is not None:
            for layout, key in layout_keys(chart.strip).items():
                part = (name, f"{layout}-strip")
                keys[part], sources[part] = key, (chart.strip, layout)
    cache = CacheFolder(cache_dir, ".svg")
    for key in keys.values():
        _check_key(key)
    drawn = {key for key in keys.values() if cache.path(key).is_file()}
    progress.report("charts from the cache", len(drawn), len(drawn))
    # Drawn into the cache, not kept here: a page reads its drawings when it is rendered.
    misses = {
        key: dataclasses.replace(sources[part][0], layout=sources[part][1])
        for part, key in keys.items()
        if key not in drawn
    }
    render_svgs(misses, cache_dir, workers)
    svgs = {part: Svg(key, cache.path(key)) for part, key in keys.items()}
    return {
        name: ChartSvgs(
            wide=svgs[(name, Layout.WIDE)],
            narrow=svgs[(name, Layout.NARROW)],
            wide_strip=svgs.get((name, f"{Layout.WIDE}-strip")),
            narrow_strip=svgs.get((name, f"{Layout.NARROW}-strip")),
        )
        for name in charts
    }
