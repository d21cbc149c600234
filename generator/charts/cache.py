"""Charts as SVG, from the cache where they are there and rendered where they are not.

A chart's cache key is the hash of its input, of the code that draws it (the modules of
:data:`WRITTEN_BY` and those they import), of the vl-convert version and of the SVG
post-processing revision: a chart is drawn again exactly when one of them changes, and a cache
hit costs neither a spec nor Altair. A chart is two parts (``generator.charts.frame``): what
Vega draws, with the axes' lines under it, cached under the hash of its geometry and of the
code of :data:`DRAWN_BY`, which holds no word and so is shared by the languages of a portal;
and the texts each language writes over it, cheap enough to write again.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import metadata
from pathlib import Path

from generator import progress
from generator.cache_files import CacheFolder
from generator.charts import render
from generator.charts.frame import Geometry, frame_of, geometry_of
from generator.charts.inputs import ChartInput, ChartSvgs, Layout, Svg
from generator.charts.render import ChartRenderError, Drawing, Job
from generator.charts.texts import texts_of

_KEY_RE = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}")

#: The chart modules whose code a drawing's key hashes: the spec and the axes' lines drawn
#: under its marks, and the modules they import.
DRAWN_BY = ("spec", "guides")
#: The chart modules whose code a chart's key hashes: those of its drawing, and the frame and
#: the texts written over it, with the modules they import.
WRITTEN_BY = (*DRAWN_BY, "frame", "texts")

#: The folder of the charts' cache that holds what Vega drew, apart from the charts a page shows.
DRAWINGS = "drawings"


def sources_of(modules: Iterable[str]) -> tuple[Path, ...]:
    """The files of the chart ``modules`` and of every chart module they import, and those
    import, in order: the code a cached drawing or chart was made by. Found from the imports,
    so a module the drawing comes to depend on is in its key without a list kept by hand; read,
    not imported, so a warm build loads no Altair."""
    folder = Path(__file__).parent
    found: set[str] = set()
    waiting = list(modules)
    while waiting:
        name = waiting.pop()
        if name in found:
            continue
        found.add(name)
        waiting += _chart_imports(ast.parse((folder / f"{name}.py").read_bytes()))
    return tuple(folder / f"{name}.py" for name in sorted(found))


def _chart_imports(module: ast.Module) -> list[str]:
    """The chart modules ``module`` imports (``from generator.charts.spec import ...`` and
    ``from generator.charts import spec`` alike)."""
    imported = []
    for node in ast.walk(module):
        if not isinstance(node, ast.ImportFrom) or node.module is None:
            continue
        if node.module == "generator.charts":
            imported += [alias.name for alias in node.names]
        elif node.module.startswith("generator.charts."):
            imported.append(node.module.removeprefix("generator.charts."))
    return imported


@cache
def _code_digest(modules: tuple[str, ...]) -> str:
    code = hashlib.sha256()
    for source in sources_of(modules):
        code.update(hashlib.sha256(source.read_bytes()).digest())
    vl_convert_version = _vl_convert_version()
    return (
        f"\0code={code.hexdigest()}\0vl-convert={vl_convert_version}\0post={render.RENDER_REVISION}"
    )


def _vl_convert_version() -> str:
    try:
        return metadata.version("vl-convert-python")
    except metadata.PackageNotFoundError:  # pragma: no cover - e.g. a vendored copy
        import vl_convert

        return str(getattr(vl_convert, "__version__", "unknown"))


def input_key(drawing: Drawing) -> str:
    """Cache key of a chart (or strip) from its input, without building its spec (Altair
    costs about 14 ms a chart, most of a warm build)."""
    return layout_keys(drawing)[drawing.layout]


def layout_keys(drawing: Drawing) -> dict[Layout, str]:
    """``input_key`` of ``drawing`` in each layout, from one writing of its input.

    The input is written as its ``repr``: every field of its dataclasses in order, dates,
    texts and numbers exactly (a float's shortest round trip), in C but for one call a
    dataclass, where JSON took two and a half times as long (0.55 s for the 7,000 key results
    of a national portal); the locales' mappings are made in one order by ``i18n``."""
    written = repr(dataclasses.replace(drawing, layout=Layout.WIDE)).encode("utf-8")
    keys = {}
    for layout in Layout:
        digest = hashlib.sha256(f"{layout}\0".encode())
        digest.update(written)
        digest.update(_code_digest(WRITTEN_BY).encode())
        keys[layout] = digest.hexdigest()
    return keys


def _check_key(key: str) -> None:
    if not _KEY_RE.fullmatch(key):
        raise ValueError(f"chart key {key!r} is not usable as a cache file name")


def render_svgs(specs: Mapping[str, Job], cache_dir: Path | None, workers: int) -> dict[str, str]:
    """key -> SVG text, for every (key -> Vega-Lite spec, or the Geometry to build it) given.

    Reads hits from cache_dir/<key>.svg, renders the misses (see ``render.render_jobs``),
    writes each into the cache atomically (temp file + os.replace) and returns all. Keys are
    normally `geometry_key(geometry)`; with a cache they must be plain file names. A failing chart
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


def geometry_key(geometry: Geometry) -> str:
    """Cache key of what Vega draws of a chart: the same for every language that writes the
    same frame."""
    digest = hashlib.sha256(b"geometry\0" + repr(geometry).encode("utf-8"))
    digest.update(_code_digest(DRAWN_BY).encode())
    return digest.hexdigest()


def draw_svgs(
    drawings: Mapping[str, Drawing], cache_dir: Path | None, workers: int
) -> dict[str, str]:
    """key -> the whole SVG of each drawing: what Vega draws of it (from the cache where it is
    there, rendered where not), with its texts written over it."""
    parts: dict[str, tuple[str, str]] = {}
    geometries: dict[str, Geometry] = {}
    for key, drawing in drawings.items():
        try:
            frame = frame_of(drawing)
            geometry = geometry_of(drawing, frame)
            texts = texts_of(drawing, frame)
        except ValueError as error:  # a value no chart can draw (infinite, missing)
            raise ChartRenderError(key, str(error)) from None
        geometry_name = geometry_key(geometry)
        geometries[geometry_name] = geometry
        parts[key] = (geometry_name, texts)
    drawings_dir = None if cache_dir is None else cache_dir / DRAWINGS
    drawn_geometries = render_svgs(geometries, drawings_dir, workers)
    return {
        key: render.with_texts(drawn_geometries[geometry_name], texts, key)
        for key, (geometry_name, texts) in parts.items()
    }


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
    # One listing of the folder, not a look at each of its 25,000 files (a chart in each
    # layout, each language's link-preview images).
    present = set(os.listdir(cache_dir))
    drawn = {key for key in keys.values() if key + cache.suffix in present}
    progress.report("charts from the cache", len(drawn), len(drawn))
    # Drawn into the cache, not kept here: a page reads its drawings when it is rendered.
    misses = {
        key: dataclasses.replace(sources[part][0], layout=sources[part][1])
        for part, key in keys.items()
        if key not in drawn
    }
    for key, svg in draw_svgs(misses, cache_dir, workers).items():
        cache.write(key, svg.encode("utf-8"))
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
