"""Cite, embed and share (issue 15, items 2 and 4): the permanent link and "Cite this" text of
objectives and key results, a key result's embed page and its ``<iframe>`` code, Open Graph
and Twitter card tags on every page, ``robots.txt`` and each key result's chart as a PNG."""

from __future__ import annotations

import html as html_module
import io
import re
import shutil
from collections.abc import Callable, Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from generator.build import prepare
from generator.charts import social
from generator.charts.guides import GUIDES_START
from generator.charts.inputs import Svg
from generator.charts.style import FONT
from generator.charts.text_width import text_width
from generator.exports.robots import robots
from generator.pages.views.key_result import embed
from generator.pages.views.parts import citation
from tests.conftest import FIXTURES, ROOT, build

BASE = "https://okr.brookhaven.example/"
KR = "city-temp-accommodation-q4"  # a key result of the sample with check-ins, so a chart
KR_TITLE = "Reduce the number of households living in temporary accommodation"
OBJECTIVE = "allocations-fair-q4"


class Parsed(HTMLParser):
    """Start tags with their attributes, and the text inside each element with an id."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text_of: dict[str, str] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append((tag, values))
        if "id" in values and tag in ("textarea", "title", "h1"):
            self._open.append(values["id"])
            self.text_of[values["id"]] = ""
        elif tag == "title":
            self._open.append("title")
            self.text_of["title"] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("textarea", "title", "h1") and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            self.text_of[self._open[-1]] += data

    def meta(self) -> dict[str, str]:
        """``og:*`` and ``twitter:*`` values by name."""
        found = {}
        for tag, attrs in self.tags:
            if tag == "meta":
                name = attrs.get("property") or attrs.get("name", "")
                if name.startswith(("og:", "twitter:")):
                    assert name not in found, f"{name} twice"
                    found[name] = attrs["content"]
        return found

    def canonical(self) -> str | None:
        return next(
            (a["href"] for t, a in self.tags if t == "link" and a.get("rel") == "canonical"), None
        )


def parsed(file: Path) -> Parsed:
    page = Parsed()
    page.feed(file.read_text(encoding="utf-8"))
    return page


def png_size(file: Path) -> tuple[str, str]:
    width, height = Image.open(file).size
    return str(width), str(height)


# --- Cite -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [f"key-results/{KR}/", f"objectives/{OBJECTIVE}/"])
def test_objective_and_key_result_pages_give_their_permanent_link_and_a_citation(
    sample_site: Path, path: str
) -> None:
    page = parsed(sample_site / path / "index.html")
    html = (sample_site / path / "index.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html)
    assert heading
    address = BASE + path
    assert f'Permanent link: <a href="../../{path}">{address}</a>' in html
    cite = page.text_of["cite-text"]
    assert cite == (
        f"{html_module.unescape(heading.group(1))}. City of Brookhaven. {address}. "
        "Figures as of Nov 16, 2026."
    )
    assert ("label", {"for": "cite-text"}) in page.tags


def test_without_a_base_url_the_address_is_the_one_within_the_portal(tmp_path: Path) -> None:
    project = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", project, ignore=shutil.ignore_patterns(".okr-cache"))
    config = project / "site_config.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("base_url: https://okr.example.org/\n", "")
    )
    site = prepare(project, tmp_path / "cache", workers=1).site
    cited = citation(site, "key-results/town-injuries/", "Fewer people injured on the roads")
    assert cited.link.text == "key-results/town-injuries/"
    assert cited.note == "(an address within this portal)"
    assert "key-results/town-injuries/ (an address within this portal)." in cited.text
    # Without an address of its own a page cannot be embedded elsewhere: no <iframe> code.
    kr = site.dataset.key_results["town-injuries"]
    assert embed(site, kr, "key-results/town-injuries/").code == ""


# --- Embed ------------------------------------------------------------------------------------


def test_the_key_result_page_gives_the_iframe_code_of_its_embed(sample_site: Path) -> None:
    page = parsed(sample_site / "key-results" / KR / "index.html")
    assert ("label", {"for": "embed-code"}) in page.tags
    snippet = Parsed()
    snippet.feed(page.text_of["embed-code"])  # what a reader copies
    ((tag, attrs),) = snippet.tags
    assert tag == "iframe"
    assert attrs["src"] == f"{BASE}embed/key-results/{KR}/"
    assert attrs["title"] == KR_TITLE
    assert ("a", {"href": f"../../embed/key-results/{KR}/"}) in page.tags


def test_every_key_result_has_an_embed_page_without_chrome(sample_site: Path) -> None:
    key_results = {
        p.parent.name
        for p in (sample_site / "key-results").glob("*/index.html")
        if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")  # a former id's
    }
    embeds = {p.name for p in (sample_site / "embed" / "key-results").iterdir()}
    assert embeds == key_results
    file = sample_site / "embed" / "key-results" / KR / "index.html"
    html = file.read_text(encoding="utf-8")
    page = parsed(file)
    assert html.startswith('<!doctype html>\n<html lang="en">')
    assert "md-" not in html  # no Material chrome, no stylesheet or script of the portal
    assert "<script" not in html and "<link" not in html
    assert page.text_of["title"] == f"{KR_TITLE} - Brookhaven City Performance — Public OKRs"
    assert ("meta", {"name": "robots", "content": "noindex"}) in page.tags
    # The chart: the key result page's SVG, as one image named by its sentence.
    chart = next(a for t, a in page.tags if a.get("role") == "img")
    kr_page = parsed(sample_site / "key-results" / KR / "index.html")
    assert chart["aria-label"] == next(
        a["aria-label"] for t, a in kr_page.tags if a.get("role") == "img"
    )
    assert chart["aria-label"].startswith(f"Chart of {KR_TITLE}. Measured ")
    svg = re.search(r"<svg.*?</svg>", html, re.S)
    kr_html = (sample_site / "key-results" / KR / "index.html").read_text(encoding="utf-8")
    assert svg and svg.group(0) in kr_html
    # The latest figure, the status as a symbol and a word, the date of the figures.
    assert re.search(
        r'<dt[^>]*>Latest</dt><dd[^>]*>[\d,.]+ households \(<time datetime="2026-', html
    )
    assert re.search(
        r'<span class="okr-status okr-status--\w+"><span class="okr-status__symbol" '
        r'aria-hidden="true">.</span> (On track|At risk|Off track|No data yet)</span>',
        html,
    )
    assert "Figures as of Nov 16, 2026" in html
    back = next(a for t, a in page.tags if t == "a")
    assert back == {"href": f"../../../key-results/{KR}/", "target": "_top"}
    # Light and dark: its own colours, the chart's from CSS variables.
    assert "@media (prefers-color-scheme: dark)" in html
    assert "var(--okr-chart-measured)" in html


def test_the_embed_repaints_charts_as_the_portals_stylesheet_does() -> None:
    """The embed loads no stylesheet of the portal: it carries okr.css's chart rules itself."""
    css = (ROOT / "theme" / "assets" / "okr" / "okr.css").read_text(encoding="utf-8")
    embed_css = (ROOT / "theme" / "okr" / "partials" / "embed_styles.html").read_text()
    rules = re.findall(r"(\.okr-chart svg [^{]+\{[^}]*\})", css)
    assert len(rules) > 10
    for rule in rules:
        assert rule in embed_css


def test_embeds_exist_in_every_language(two_languages_site: Path) -> None:
    for root, lang in (("", "fi"), ("sv/", "sv")):
        embeds = list((two_languages_site / root / "embed" / "key-results").glob("*/index.html"))
        assert embeds
        for file in embeds:
            assert f'<html lang="{lang}">' in file.read_text(encoding="utf-8")


# --- Share ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "",
        "about/",
        "levels/department/",
        "units/housing/",
        f"objectives/{OBJECTIVE}/",
        f"key-results/{KR}/",
        "periods/",
        "themes/housing/",
        "accessibility/",
        "updates/",
    ],
)
def test_every_page_says_what_a_link_to_it_shows_when_shared(sample_site: Path, path: str) -> None:
    page = parsed(sample_site / path / "index.html")
    meta = page.meta()
    assert page.canonical() == BASE + path
    assert meta["og:url"] == BASE + path
    assert meta["og:type"] == "website"
    assert meta["og:site_name"] == "Brookhaven City Performance — Public OKRs"
    assert meta["og:locale"] == "en_US"
    assert meta["og:title"] and meta["og:description"]
    assert page.text_of["title"].startswith(meta["og:title"])
    if path.startswith("key-results/"):
        assert meta["og:image"] == f"{BASE}key-results/{KR}/chart.png"
        assert meta["og:image:type"] == "image/png"
        size = png_size(sample_site / "key-results" / KR / "chart.png")
        assert (meta["og:image:width"], meta["og:image:height"]) == size
        assert size[0] == str(social.PNG_WIDTH)
        assert meta["og:image:alt"].startswith(f"Chart of {KR_TITLE}. Measured ")
        assert meta["twitter:card"] == "summary_large_image"
        assert meta["twitter:image:alt"] == meta["og:image:alt"]
    else:
        assert "og:image" not in meta
        assert meta["twitter:card"] == "summary"


def test_a_shared_link_is_in_its_editions_language(two_languages_site: Path) -> None:
    files = sorted((two_languages_site / "sv" / "key-results").glob("*/chart.png"))
    assert files
    key_result = files[0].parent.name
    meta = parsed(two_languages_site / "sv" / "key-results" / key_result / "index.html").meta()
    assert meta["og:locale"] == "sv_SE"
    assert meta["og:image"] == f"https://okr.example.fi/sv/key-results/{key_result}/chart.png"
    assert parsed(two_languages_site / "index.html").meta()["og:locale"] == "fi_FI"


#: A link to save a file: its address, the name it is saved under, its words.
DOWNLOAD = re.compile(r'<a href="([^"]+)" download="([^"]+)">([^<]+)</a>')


def test_a_key_results_chart_can_be_saved_as_the_png_a_shared_link_shows(
    sample_site: Path,
) -> None:
    folder = sample_site / "key-results" / KR
    (href, name, text), *others = DOWNLOAD.findall((folder / "index.html").read_text("utf-8"))
    assert not others
    assert (folder / href).resolve() == (folder / "chart.png").resolve()
    assert name == f"{KR}.png"  # not every chart's "chart.png"
    width, height = png_size(folder / href)
    assert text == f"Download the chart as an image (PNG, {width} × {height} pixels)"  # noqa: RUF001 (a multiplication sign, meant)


def test_the_chart_to_save_is_in_the_pages_language(two_languages_site: Path) -> None:
    folder = next((two_languages_site / "sv" / "key-results").glob("*/chart.png")).parent
    (href, name, text), *_ = DOWNLOAD.findall((folder / "index.html").read_text("utf-8"))
    assert (folder / href).resolve() == (folder / "chart.png").resolve()
    assert name == f"{folder.name}.png"
    width, height = png_size(folder / href)
    assert text == f"Ladda ner diagrammet som bild (PNG, {width} × {height} pixlar)"  # noqa: RUF001 (a multiplication sign, meant)


def test_a_key_result_without_check_ins_has_no_image(sample_site: Path) -> None:
    pages = [
        file
        for file in (sample_site / "key-results").glob("*/index.html")
        if 'http-equiv="refresh"' not in file.read_text(encoding="utf-8")  # a former id's
    ]
    without = [file for file in pages if not (file.parent / "chart.png").exists()]
    assert 0 < len(without) < len(pages)
    for file in without:
        assert "No check-in has been published" in file.read_text(encoding="utf-8")
        assert not DOWNLOAD.findall(file.read_text(encoding="utf-8"))  # no chart to save
        meta = parsed(file).meta()
        assert "og:image" not in meta and meta["twitter:card"] == "summary"


def test_robots_txt_names_the_sitemap(sample_site: Path) -> None:
    text = (sample_site / "robots.txt").read_text(encoding="utf-8")
    assert text == f"User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n"
    assert (sample_site / "sitemap.xml").is_file()
    assert robots(None) == "User-agent: *\nAllow: /\n"


def test_each_chart_is_a_png_with_real_colours_on_a_solid_background(sample_site: Path) -> None:
    charts = sorted((sample_site / "key-results").glob("*/chart.png"))
    assert len(charts) > 100
    for file in charts[:5]:
        data = file.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        assert 20_000 < len(data) < 1_000_000
        image = Image.open(io.BytesIO(data)).convert("RGBA")
        # At least the 600 by 315 pixels of a large link preview.
        assert image.size[0] == social.PNG_WIDTH >= 600 and 315 <= image.size[1] < 400
        assert image.getpixel((2, 2)) == (255, 255, 255, 255)  # opaque white
        colours = {c for _, c in image.getcolors(maxcolors=1 << 20) or []}
        assert any(c[:3] == (0x1F, 0x4E, 0x79) for c in colours)  # the measured line's blue


def test_the_png_colours_are_the_light_scheme_of_the_stylesheet() -> None:
    css = (ROOT / "theme" / "assets" / "okr" / "okr.css").read_text(encoding="utf-8")
    root = css[css.index(":root {") : css.index("}", css.index(":root {"))]
    light = dict(re.findall(r"(--okr-chart-[\w-]+):\s*([^;]+);", root))
    assert light == social.LIGHT


def test_colour_variables_are_resolved_and_a_background_added() -> None:
    svg = '<svg width="100" height="50"><path stroke="var(--okr-chart-target)"/></svg>'
    opaque = social.opaque_svg(svg)
    assert "var(" not in opaque and 'stroke="#1a7f37"' in opaque
    assert '<rect width="100%" height="100%" fill="#ffffff"/>' in opaque
    with pytest.raises(ValueError, match="--unknown"):
        social.opaque_svg('<svg><path fill="var(--unknown)"/></svg>')


def test_a_png_draws_its_texts_in_the_font_they_were_laid_out_with() -> None:
    text = f'<text x="10" y="30" font-family="{FONT}" font-size="12px">Målt 12,5 %</text>'
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="720" height="50">{text}</svg>'
    opaque = social.opaque_svg(svg)
    assert FONT not in opaque and f'font-family="{social.PNG_FONT}"' in opaque
    drawn = Image.open(io.BytesIO(social.png_of(svg))).convert("L")
    inked = [x for x in range(720) if any(drawn.getpixel((x, y)) < 128 for y in range(50))]
    # As wide as the font's advances say (kerning and the glyphs' side bearings aside).
    assert inked and abs((inked[-1] - inked[0]) - text_width("Målt 12,5 %", 12)) < 3


def test_the_axes_lines_of_a_png_are_sharp_and_its_drawn_lines_smooth() -> None:
    # A level line one pixel wide across two rows of pixels, as the guides of a chart lie
    # once its plot is moved half a pixel down; and a slanting line that is not a guide.
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="720" height="100">'
        f'{GUIDES_START}><line x1="0" y1="20" x2="720" y2="20" stroke="#888888" '
        'stroke-width="1"/></g><path d="M0,40L720,90" stroke="#1f4e79" stroke-width="2"/></svg>'
    )
    image = Image.open(io.BytesIO(social.png_of(svg))).convert("RGB")
    column = [image.getpixel((100, y)) for y in range(0, 30)]
    assert [c for c in column if c != (255, 255, 255)] == [(0x88, 0x88, 0x88)]
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 16) or []}
    assert colours - {(255, 255, 255), (0x88, 0x88, 0x88), (0x1F, 0x4E, 0x79)}  # smoothed


def test_a_warm_build_draws_no_png_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
        '<rect width="200" height="100" fill="white"/><path d="M0,0L200,100" stroke="#1f4e79"/>'
        "</svg>"
    )
    (tmp_path / "drawing.svg").write_text(svg, encoding="utf-8")
    drawing = Svg("drawing", tmp_path / "drawing.svg")
    first = social.chart_pngs({"a": drawing, "b": drawing}, tmp_path, 1)
    assert first["a"] == first["b"] and abs(first["a"].width - social.PNG_WIDTH) <= 1  # rounded
    assert first["a"].file.parent == tmp_path  # beside the charts' SVGs
    stamp = first["a"].file.stat().st_mtime_ns

    def refuse(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("drawn again")

    monkeypatch.setattr(social.vl_convert, "svg_to_png", refuse)
    assert social.chart_pngs({"a": drawing}, tmp_path, 1) == {"a": first["a"]}
    assert first["a"].file.stat().st_mtime_ns == stamp


def test_the_workers_draw_pngs_a_few_at_a_time_and_every_one_comes_back_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Thousands of PNGs in a handful of chunks left one CPU idle while the other drew the last
    chunk: each chunk is small, so the workers end together."""
    chunks: list[int] = []

    class InTurn:
        """The pool, its chunks drawn here, one after the other."""

        def __init__(self, max_workers: int, mp_context: object) -> None:
            assert max_workers == 2

        def __enter__(self) -> InTurn:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def map(
            self,
            draw: Callable[[Sequence[tuple[str, str]]], list[tuple[str, bytes]]],
            parts: Sequence[Sequence[tuple[str, str]]],
        ) -> Iterator[list[tuple[str, bytes]]]:
            for part in parts:
                chunks.append(len(part))
                yield draw(part)

    monkeypatch.setattr(social, "ProcessPoolExecutor", InTurn)
    monkeypatch.setattr(social, "png_of", lambda svg: svg.encode())
    misses = [(f"key{n}", f"<svg>{n}</svg>") for n in range(1000)]
    assert list(social._render(misses, 2)) == [(key, svg.encode()) for key, svg in misses]
    assert max(chunks) <= social.PNGS_A_CHUNK < 1000 / 4 and sum(chunks) == 1000


def test_a_warm_build_keeps_the_cached_pngs(tmp_path: Path) -> None:
    project = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", project, ignore=shutil.ignore_patterns(".okr-cache"))
    build(project, tmp_path / "cold")
    pngs = {p: p.stat().st_mtime_ns for p in (project / ".okr-cache").glob("*.png")}
    assert pngs
    build(project, tmp_path / "warm")
    assert {p: p.stat().st_mtime_ns for p in (project / ".okr-cache").glob("*.png")} == pngs
    for name in ("cold", "warm"):
        written = sorted((tmp_path / name / "key-results").glob("*/chart.png"))
        assert len(written) == len(pngs)


# --- Escaping ---------------------------------------------------------------------------------


def test_a_hostile_title_breaks_no_meta_tag_nor_the_iframe_code(tmp_path: Path) -> None:
    title = 'Fewer "injuries" <script>alert(1)</script> & more'
    project = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", project, ignore=shutil.ignore_patterns(".okr-cache"))
    town = project / "data" / "okrs" / "2026-Q2" / "town.yml"
    town.write_text(
        town.read_text(encoding="utf-8").replace(
            "title: Fewer people injured on the roads", f"title: '{title}'"
        ),
        encoding="utf-8",
    )
    build(project, tmp_path / "site")
    page = parsed(tmp_path / "site" / "key-results" / "town-injuries" / "index.html")
    meta = page.meta()
    assert meta["og:title"] == title
    assert meta["og:image:alt"].startswith(f"Chart of {title}.")
    assert page.text_of["cite-text"].startswith(f"{title}. Town of Example. https://")
    snippet = Parsed()
    snippet.feed(page.text_of["embed-code"])
    ((tag, attrs),) = snippet.tags
    assert tag == "iframe" and attrs["title"] == title
    embedded = parsed(tmp_path / "site" / "embed" / "key-results" / "town-injuries" / "index.html")
    assert embedded.text_of["title"].startswith(title)
    assert not [t for t, _ in embedded.tags if t == "script"]
