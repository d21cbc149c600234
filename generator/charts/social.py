"""A chart as a PNG: the image a link to a key result's page shows when it is shared.

Made from the chart's SVG with vl-convert (resvg: no browser, no Altair), :data:`PNG_WIDTH`
pixels wide, and kept in the charts' cache folder beside the SVGs under the hash of the SVG and of
this module's revision, so a warm build renders none.

On the page, a chart's colours follow the reader's colour scheme: the SVG carries the light
scheme's colours as attributes and the stylesheet repaints them from CSS variables. A PNG has
no stylesheet, so it is drawn from the attributes (the light scheme), any ``var(--okr-chart-*)``
is resolved to its light value (:data:`LIGHT`), and it gets a solid background: a social
network shows it on a background of its own choosing.
"""

from __future__ import annotations

import hashlib
import math
import multiprocessing
import re
import struct
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import vl_convert

from generator import progress
from generator.cache_files import CacheFolder
from generator.charts.fonts import hold_fonts_in_memory
from generator.charts.guides import GUIDES_START
from generator.charts.inputs import Layout, Svg
from generator.charts.style import FONT, SIZES

__all__ = ["LIGHT", "PNG_WIDTH", "ChartPng", "chart_pngs", "opaque_svg", "png_size"]

#: Bump when the PNG changes for the same SVG (its width, the colours, the background, the fonts,
#: the edges of the grid).
PNG_REVISION = "6"
#: Wide enough for a large link preview: a wide chart (2:1) is drawn at its own size, 720 by
#: 360 pixels, above the 600 by 315 that Facebook asks of a large image and the 300 by 157 of
#: X's large card. Drawn at any other scale, resvg takes a third longer (at 640 pixels wide:
#: 11.7 ms, at its own 720: 8.6), and a preview shows it no larger than about 500 pixels.
PNG_WIDTH = SIZES[Layout.WIDE].width
#: The light scheme's chart colours, as ``theme/assets/okr/okr.css`` defines them on ``:root``
#: (a test keeps the two the same).
LIGHT = {
    "--okr-chart-bg": "#ffffff",
    "--okr-chart-text": "#1a1a1a",
    "--okr-chart-title": "#000000",
    "--okr-chart-grid": "#dddddd",
    "--okr-chart-axis": "#888888",
    "--okr-chart-measured": "#1f4e79",
    "--okr-chart-baseline": "#595959",
    "--okr-chart-target": "#1a7f37",
    "--okr-chart-expected": "#8a4b00",
    "--okr-chart-band": "#d6eadb",
    "--okr-chart-focus": "#e3e3e3",
    "--okr-chart-event": "#7a3e9d",
}
#: The font a PNG's texts are drawn with: the one they were laid out with
#: (``generator.charts.text_width``), which vl-convert carries. The page's SVG names the
#: reader's system fonts first; drawn from that list, a PNG took the first of them the machine
#: drawing it had (Roboto, Arial), so it was other pixels on another machine, and each text
#: sought the fonts of the list in turn (a thirtieth of drawing a PNG).
PNG_FONT = "Liberation Sans"
# Below this many PNGs to draw (or with one worker) they are drawn in this process: starting
# spawn workers costs about a second.
IN_PROCESS_BELOW = 16
#: PNGs a worker draws at a time (about 10 ms each): the workers end within a third of a second
#: of each other. In two chunks a worker, one drew its last chunk alone while the other CPU
#: waited: the 12,728 PNGs of a two-language portal of 10,000 pages took 78.4 s so, 75.8 s in
#: chunks of 32 (the means of two runs each, in turn).
PNGS_A_CHUNK = 32

Name = TypeVar("Name")

_VAR_RE = re.compile(r"var\(\s*(--[A-Za-z0-9-]+)\s*(?:,\s*([^()]*?))?\s*\)")
_ROOT_RE = re.compile(r"<svg\b[^>]*>")
_SIZE_RE = re.compile(r'\s(width|height)="([\d.]+)"')


@dataclass(frozen=True)
class ChartPng:
    """A chart's PNG in the cache, and its size in pixels."""

    file: Path
    width: int
    height: int


#: The grid and the axes' lines drawn without smoothing their edges: each is level or upright
#: and one pixel wide, and where the plot sits half a pixel down (as Vega places it) it straddles
#: two rows of pixels, which smoothing paints as two faint lines. Drawn sharp, they are one
#: line, and resvg draws a chart's PNG a tenth faster (8.3 to 7.6 ms, in turn over 100 charts):
#: the link-preview images are drawn again for every language of a portal.
_SHARP_GUIDES = f'{GUIDES_START} shape-rendering="crispEdges"'


def opaque_svg(svg: str) -> str:
    """The SVG as a PNG must draw it: every colour variable resolved to the light scheme, on a
    solid background, the axes' lines sharp, its texts in :data:`PNG_FONT`."""

    def resolve(match: re.Match[str]) -> str:
        name, fallback = match.group(1), match.group(2)
        if name in LIGHT:
            return LIGHT[name]
        if fallback:
            return fallback
        raise ValueError(f"the chart's SVG uses {name}, whose light colour is unknown")

    svg = _VAR_RE.sub(resolve, svg)
    root = _ROOT_RE.search(svg)
    if root is None:
        raise ValueError("not an SVG")
    background = f'<rect width="100%" height="100%" fill="{LIGHT["--okr-chart-bg"]}"/>'
    body = svg[root.end() :].replace(GUIDES_START, _SHARP_GUIDES)
    body = body.replace(f'font-family="{FONT}"', f'font-family="{PNG_FONT}"')
    return svg[: root.end()] + background + body


def _scale(svg: str) -> float:
    root = _ROOT_RE.search(svg)
    sizes = dict(_SIZE_RE.findall(root.group(0) if root else ""))
    width = float(sizes.get("width", PNG_WIDTH))
    return PNG_WIDTH / width if width > 0 else 1.0


def png_of(svg: str) -> bytes:
    """The chart's PNG, about :data:`PNG_WIDTH` pixels wide."""
    return bytes(vl_convert.svg_to_png(opaque_svg(svg), scale=_scale(svg)))


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def png_key(svg: Svg) -> str:
    """The PNG's cache key: its drawing's, so a warm build need not read the drawing."""
    digest = hashlib.sha256(svg.key.encode("utf-8"))
    version = getattr(vl_convert, "__version__", "unknown")
    digest.update(f"\0png={PNG_REVISION}\0vl-convert={version}".encode())
    return digest.hexdigest() + "-social"


def _render_chunk(items: Sequence[tuple[str, str]]) -> list[tuple[str, bytes]]:
    """Worker entry point (module level so that it pickles): (key, SVG) -> (key, PNG)."""
    hold_fonts_in_memory()
    return [(key, png_of(svg)) for key, svg in items]


def _render(misses: Sequence[tuple[str, str]], workers: int) -> Iterator[tuple[str, bytes]]:
    if workers <= 1 or len(misses) < IN_PROCESS_BELOW:
        yield from _render_chunk(misses)
        return
    size = max(1, min(PNGS_A_CHUNK, math.ceil(len(misses) / (workers * 2))))
    chunks = [misses[at : at + size] for at in range(0, len(misses), size)]
    context = multiprocessing.get_context("spawn")  # vl-convert deadlocks after a fork
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=context) as pool:
        for done in pool.map(_render_chunk, chunks):
            yield from done


def chart_pngs(svgs: Mapping[Name, Svg], cache_dir: Path, workers: int) -> dict[Name, ChartPng]:
    """Name (a key result id, or a language's and a key result's) -> its chart's PNG in
    ``cache_dir``, drawn where it is not there."""
    cache = CacheFolder(cache_dir, ".png")
    keys = {name: png_key(svg) for name, svg in svgs.items()}
    found: dict[str, bytes] = {}
    misses: list[tuple[str, str]] = []
    for name, key in keys.items():
        head = _head(cache.path(key))
        if head is None:
            misses.append((key, svgs[name].text()))
        else:
            found[key] = head
    unique = list(dict(misses).items())  # the same chart in two places is drawn once
    for done, (key, png) in enumerate(_render(unique, workers), start=1):
        cache.write(key, png)
        found[key] = png[:24]
        if progress.every(done, len(unique)):
            progress.report("chart images drawn", done, len(unique))
    return {name: ChartPng(cache.path(key), *png_size(found[key])) for name, key in keys.items()}


def _head(file: Path) -> bytes | None:
    """The first bytes of a cached PNG (its size), or None when it is not in the cache."""
    try:
        with file.open("rb") as handle:
            return handle.read(24)
    except FileNotFoundError:
        return None
