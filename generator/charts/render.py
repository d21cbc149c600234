"""Render Vega-Lite specs to inline-safe SVG with vl-convert, in parallel (the cache is
``generator.charts.cache``).

vl-convert deadlocks in a forked child once the parent process has used it, so worker
processes are always started with the multiprocessing "spawn" context. Because spawned
workers re-import the caller's main module, the program that renders charts must guard its
entry point with ``if __name__ == "__main__":`` (console scripts already do).

This module imports Altair only where a spec is built (about 0.5 s per spawned worker).
"""

from __future__ import annotations

import math
import multiprocessing
import re
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeAlias

import vl_convert

from generator.charts.fonts import hold_fonts_in_memory
from generator.charts.frame import Geometry
from generator.charts.guides import guides_svg
from generator.charts.inputs import ChartInput, StripInput
from generator.charts.shapes import VegaShapes

__all__ = [
    "RENDER_REVISION",
    "ChartRenderError",
    "Drawing",
    "Job",
    "postprocess_svg",
    "render_jobs",
    "with_texts",
]

#: What is drawn: a key result's chart, or the strip of its history.
Drawing: TypeAlias = ChartInput | StripInput
#: What to render: a Vega-Lite spec, or what Vega draws of a chart (a worker builds its spec).
Job: TypeAlias = Mapping[str, Any] | Geometry

# Bump when the SVG post-processing changes: it is part of the cache key
# (generator.charts.cache.input_key), so cached SVGs are rendered again.
RENDER_REVISION = "3"

# Below this many cache misses (or with workers <= 1) rendering happens in-process:
# starting a spawn pool costs about a second. Eight charts, each drawn wide and narrow.
IN_PROCESS_BELOW = 16
MAX_CHUNK = 50

_PROLOGUE_RE = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*|<!--.*?-->\s*)*", re.S)
_ROOT_RE = re.compile(r"<svg\b([^>]*)>")
_ATTR_RE = r"""\s{name}\s*=\s*(?:"[^"]*"|'[^']*')"""
_SCHEMA_VERSION_RE = re.compile(r"/vega-lite/v(\d+)\.(\d+)")
_TAG_RE = re.compile(r"<[^>]*>")
# Checked on the whole text: element names and CSS that would load or run something.
_UNSAFE_TEXT_RE = re.compile(
    r"""<\s*(?:script|foreignObject|style|iframe|object|embed)\b|@import|url\(\s*['"]?\s*\w*:?//""",
    re.I,
)
# Checked inside tags only (chart labels may contain any text): event handlers, links that
# are not local fragment references, javascript: URLs.
_UNSAFE_ATTR_RE = re.compile(
    r"""\son[a-z]+\s*=|\bhref\s*=\s*["']?\s*(?!#)|javascript:|url\(\s*['"]?\s*(?!#)""",
    re.I,
)
#: What an SVG holds if any of :data:`_UNSAFE_ATTR_RE`'s alternatives is in it: a space before
#: "on", or "href", "java" or "url(" in any case. Sought first, as text (none of their letters
#: matches any other under ``re.I``, as the "s" and "i" of "javascript" do): looking tag by tag
#: took a third of writing a language's texts over its drawings, where none is.
_ON_RE = re.compile(r"\son", re.I)
_ATTR_WORDS = ("href", "java", "url(")


def _unsafe_content(svg: str) -> str | None:
    found = _UNSAFE_TEXT_RE.search(svg)
    if found is not None:
        return found.group(0)
    lowered = svg.lower()
    if _ON_RE.search(svg) is None and not any(word in lowered for word in _ATTR_WORDS):
        return None
    for tag in _TAG_RE.finditer(svg):
        if _UNSAFE_ATTR_RE.search(tag.group(0)) is not None:
            return tag.group(0)
    return None


class ChartRenderError(RuntimeError):
    """Rendering the chart with the given key failed."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(key, message)  # args stay (key, message): picklable across processes
        self.key = key
        self.message = message

    def __str__(self) -> str:
        return f"chart {self.key!r}: {self.message}"


def _root_attrs(attrs: str, **wanted: str) -> str:
    for name, value in wanted.items():
        attrs = re.sub(_ATTR_RE.format(name=re.escape(name)), "", attrs)
        attrs += f' {name}="{value}"'
    return attrs


def postprocess_svg(svg: str, key: str) -> str:
    """Make vl-convert's SVG safe and accessible to inline in HTML.

    Strips the XML declaration/DOCTYPE, marks the root ``aria-hidden="true"
    focusable="false"`` (the page gives the text alternative and a data table), ensures a
    viewBox, makes any element ids unique per chart, and refuses scripts, event handlers
    and external references.
    """
    svg = _PROLOGUE_RE.sub("", svg, count=1).strip()
    root = _ROOT_RE.match(svg)
    if root is None:
        raise ChartRenderError(key, "vl-convert output does not start with <svg>")
    attrs = root.group(1)
    if not re.search(_ATTR_RE.format(name="viewBox"), attrs):
        width = re.search(r'\swidth="([\d.]+)"', attrs)
        height = re.search(r'\sheight="([\d.]+)"', attrs)
        if width is None or height is None:
            raise ChartRenderError(key, "SVG has neither viewBox nor numeric width/height")
        attrs += f' viewBox="0 0 {width.group(1)} {height.group(1)}"'
    attrs = _root_attrs(attrs, **{"aria-hidden": "true", "focusable": "false"})
    svg = _ids_named_for(f"<svg{attrs}>" + svg[root.end() :], key)
    _refuse_unsafe(svg, key)
    return svg


def with_texts(drawing: str, texts: str, key: str) -> str:
    """A drawing made safe by :func:`postprocess_svg` with ``texts`` written over it, its ids
    named for ``key`` (one drawing may be two charts' on one page). Only the texts are checked
    again."""
    _refuse_unsafe(texts, key)
    end = drawing.rindex("</svg>")
    return _ids_named_for(f"{drawing[:end]}{texts}{drawing[end:]}", key)


def _refuse_unsafe(svg: str, key: str) -> None:
    unsafe = _unsafe_content(svg)
    if unsafe is not None:
        raise ChartRenderError(key, f"SVG contains unsafe content {unsafe[:80]!r}")


def _ids_named_for(svg: str, key: str) -> str:
    """Several charts are inlined into one HTML document: ids (clip paths, gradients) must not
    collide. The prefix is derived from the key, and the ids are numbered in their order in the
    SVG (vl-convert counts clip paths across every chart a process renders), so the same chart
    is the same bytes whatever was rendered before it."""
    if 'id="' not in svg:
        return svg
    prefix = "c" + re.sub(r"[^A-Za-z0-9_-]", "_", key)[:16] + "-"
    names: dict[str, str] = {}

    def renamed(name: str) -> str:
        if name not in names:
            names[name] = f"{prefix}{re.sub(r'[0-9]+$', '', name)}{len(names) + 1}"
        return names[name]

    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{renamed(m.group(1))}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{renamed(m.group(1))})", svg)
    return re.sub(r'href="#([^"]+)"', lambda m: f'href="#{renamed(m.group(1))}"', svg)


# The shapes this process has compiled (a worker's, for every chunk it draws).
_SHAPES = VegaShapes()


def _vl_version(spec: Mapping[str, Any]) -> str | None:
    """The Vega-Lite version the spec was written for ($schema), if vl-convert has it."""
    match = _SCHEMA_VERSION_RE.search(str(spec.get("$schema", "")))
    if match is None:
        return None
    version = f"{match.group(1)}.{match.group(2)}"
    return version if version in vl_convert.get_vegalite_versions() else None


def _render_one(key: str, job: Job) -> str:
    spec = job if isinstance(job, Mapping) else _spec_of(job)
    try:
        svg = vl_convert.vega_to_svg(_SHAPES.vega(spec, _vl_version(spec)))
    except Exception as error:  # vl-convert raises plain ValueError
        raise ChartRenderError(key, f"{type(error).__name__}: {error}") from None
    if isinstance(job, Geometry):
        svg = _with_guides(svg, guides_svg(job), key)
    return postprocess_svg(svg, key)


#: Where Vega's drawing of a layered chart starts its plot's content: the root group, moved to
#: the plot's corner, and its background (the plot's edge).
_PLOT_CONTENT_RE = re.compile(
    r'<g class="mark-group role-frame root"[^>]*><g transform="[^"]*">'
    r'<path class="background"[^>]*/><g>'
)


def _with_guides(svg: str, guides: str, key: str) -> str:
    """The axes' lines put first in the plot, under every mark, where Vega's axes drew them."""
    found = _PLOT_CONTENT_RE.search(svg)
    if found is None:
        raise ChartRenderError(key, "Vega's drawing has no plot to draw the axes' lines in")
    return f"{svg[: found.end()]}{guides}{svg[found.end() :]}"


def _spec_of(geometry: Geometry) -> Mapping[str, Any]:
    # Imported here: only a process that builds specs pays for importing Altair.
    from generator.charts import spec

    return spec.geometry_spec(geometry)


def _render_chunk(items: Sequence[tuple[str, Job]]) -> list[tuple[str, str]]:
    """Worker entry point (module level so that it pickles)."""
    hold_fonts_in_memory()
    return [(key, _render_one(key, spec)) for key, spec in items]


def _chunks(items: Sequence[tuple[str, Job]], size: int) -> Iterator[Sequence[tuple[str, Job]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _render_pool(misses: Sequence[tuple[str, Job]], workers: int) -> Iterator[tuple[str, str]]:
    size = max(1, min(MAX_CHUNK, math.ceil(len(misses) / (workers * 2))))
    chunks = list(_chunks(misses, size))
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=context) as pool:
        futures: list[tuple[Future[list[tuple[str, str]]], str]] = [
            (pool.submit(_render_chunk, chunk), chunk[0][0]) for chunk in chunks
        ]
        try:
            for future, first_key in futures:
                try:
                    yield from future.result()
                except ChartRenderError:
                    raise
                except Exception as error:  # e.g. a worker died: name the chunk
                    raise ChartRenderError(
                        first_key, f"worker failed on the chunk starting here: {error!r}"
                    ) from error
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def render_jobs(jobs: Sequence[tuple[str, Job]], workers: int) -> Iterator[tuple[str, str]]:
    """(key, SVG) for every (key, job): in this process for a few, else in spawn workers."""
    if workers <= 1 or len(jobs) < IN_PROCESS_BELOW:
        return iter(_render_chunk(jobs))
    return _render_pool(jobs, workers)
