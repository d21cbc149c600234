"""What one search costs a reader: the bytes a query downloads, on the sample portal and on a
synthetic portal of about 10,000 data pages; and what the index costs the build.

Run from the repository root with the project's virtual environment::

    .venv/bin/python bench/search_bytes.py --size 10000 --out /tmp/search.md

For each portal it builds the site (``okr-portal build``), times Pagefind's indexing of every
page again on its own (``generator.exports.search``, the same work the build does), then opens
the search page in Debian's Chromium, types a word key by key as a reader would, waits for the
announced result count, and sums the bodies of every response: the search page itself and its
styles, then what search fetched (Pagefind's script, its WebAssembly, the index chunks and
metadata of the language, the fragments of the ten results shown). The files are served as they
are, without HTTP compression: Pagefind's index files are compressed already, a host that
compresses would send its script and the page smaller.

The synthetic portal is built without PDF reports and, unless ``--charts``, without drawing
its charts (a cold 10,000-page build spends most of its time on them; search indexes text, and
a chart's sentence and table stay on the page).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import scale  # noqa: E402  (bench/scale.py generates the synthetic portal)

from generator.exports.search import FOLDER, NOT_INDEXED, index_pages  # noqa: E402
from generator.output import SiteFolder  # noqa: E402
from tests.browser.conftest import CHROMIUM, FLAGS, serve  # noqa: E402

#: ``okr-portal build`` with no chart drawn: a key result page then shows its figures' table
#: without the picture. Search indexes text, so the index is the same but for the charts'
#: sentences; a cold 10,000-page build spends most of its time drawing charts.
WITHOUT_CHARTS = (
    "import sys, generator.build as build; build.chart_svgs = lambda *args: {}; "
    "from generator.cli import main; sys.argv[0] = 'okr-portal'; main()"
)


def build(project: Path, out: Path, charts: bool = True) -> float:
    started = time.perf_counter()
    command = [scale.okr_portal()] if charts else [sys.executable, "-c", WITHOUT_CHARTS]
    subprocess.run(
        [*command, "build", "--project", str(project), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def indexed_pages(site: Path) -> list[str]:
    """The pages the build handed to Pagefind: those with content marked for it."""
    pages = []
    for file in sorted(site.rglob("index.html")):
        path = file.parent.relative_to(site).as_posix() + "/"
        path = "" if path == "./" else path
        if path.split("/", 1)[-1] in NOT_INDEXED or path in NOT_INDEXED:
            continue
        if "data-pagefind-body" in file.read_text(encoding="utf-8"):
            pages.append(path)
    return pages


def index_seconds(site: Path) -> tuple[float, int]:
    import asyncio

    pages = indexed_pages(site)
    started = time.perf_counter()
    asyncio.run(index_pages(pages, SiteFolder(site)))
    return time.perf_counter() - started, len(pages)


def query_bytes(site: Path, word: str) -> dict[str, int]:
    """Bytes by kind of file for one search of ``word`` on the site's search page."""
    from playwright.sync_api import sync_playwright

    sizes: dict[str, int] = defaultdict(int)
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url + "search/", wait_until="networkidle")
        page.click("#okr-search-field")
        page.keyboard.type(word, delay=30)
        page.locator("#okr-search-status").filter(has_text=word).wait_for(timeout=60_000)
        page.wait_for_load_state("networkidle")
        status = page.locator("#okr-search-status").inner_text()
        for response in responses:
            path = response.url.removeprefix(url).split("?")[0]
            sizes[kind(path)] += len(response.body())
        browser.close()
    sizes["status"] = 0
    print(f"  {word!r}: {status}", file=sys.stderr)
    return dict(sizes)


def kind(path: str) -> str:
    if not path.startswith(FOLDER):
        return "page"  # the search page, its styles and scripts
    name = path.removeprefix(FOLDER)
    if name.startswith("fragment/"):
        return "fragments"
    if name.startswith("index/"):
        return "index chunks"
    if name.startswith("wasm."):
        return "wasm"
    if name.endswith(".pf_meta"):
        return "metadata"
    return "script"  # pagefind.js, its worker, pagefind-entry.json


KINDS = ["script", "wasm", "metadata", "index chunks", "fragments", "page"]


def measure(
    name: str, project: Path, word: str, work: Path, charts: bool = True
) -> dict[str, object]:
    print(f"{name}: building", file=sys.stderr)
    site = work / f"site-{name.split()[0]}"
    seconds = build(project, site, charts)
    indexing, pages = index_seconds(site)
    bytes_by_kind = query_bytes(site, word)
    files = sum(1 for f in (site / FOLDER).rglob("*") if f.is_file())
    total = sum(f.stat().st_size for f in (site / FOLDER).rglob("*") if f.is_file())
    return {
        "name": name,
        "word": word,
        "pages": pages,
        "build": seconds,
        "index": indexing,
        "bytes": bytes_by_kind,
        "files": files,
        "folder": total,
    }


def table(results: list[dict[str, object]]) -> str:
    lines = [
        "| | " + " | ".join(str(r["name"]) for r in results) + " |",
        "| --- |" + " --- |" * len(results),
    ]

    def row(label: str, cells: list[str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    row("pages indexed", [f"{r['pages']:,}" for r in results])
    row("word searched", [f"`{r['word']}`" for r in results])
    for key in KINDS:
        row(f"KB: {key}", [f"{r['bytes'].get(key, 0) / 1000:.1f}" for r in results])  # type: ignore[attr-defined]
    search = [
        sum(v for k, v in r["bytes"].items() if k != "page")  # type: ignore[attr-defined]
        for r in results
    ]
    row("**KB a query downloads** (all but the page)", [f"**{s / 1000:.1f}**" for s in search])
    row("KB the search page itself", [f"{r['bytes'].get('page', 0) / 1000:.1f}" for r in results])  # type: ignore[attr-defined]
    row(
        "index: files / MB on disk",
        [f"{r['files']:,} / {float(str(r['folder'])) / 1e6:.1f}" for r in results],
    )
    row("index time (s)", [f"{r['index']:.1f}" for r in results])
    row("whole build (s)", [f"{r['build']:.0f}" for r in results])
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--size", type=int, default=10_000, help="data pages of the synthetic portal"
    )
    parser.add_argument("--word", default="housing", help="the word searched on the sample")
    parser.add_argument(
        "--synthetic-word", default="housing", help="the word searched on the synthetic portal"
    )
    parser.add_argument(
        "--charts", action="store_true", help="draw the synthetic portal's charts (slow)"
    )
    parser.add_argument("--out", type=Path, help="also write the table here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        results = [measure("sample", ROOT, args.word, work)]
        if args.size:
            synthetic = work / f"portal-{args.size}"
            scale.generate(synthetic, args.size)
            # No PDF reports either: they are not searched, and take minutes to make.
            with (synthetic / "site_config.yml").open("a", encoding="utf-8") as config:
                config.write("report_levels: []\n")
            name = f"{args.size:,} pages" + ("" if args.charts else " (no charts)")
            results.append(measure(name, synthetic, args.synthetic_word, work, args.charts))
    text = table(results)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
