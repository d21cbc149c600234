"""Issue 17's benchmark: can okr-portal publish a national portal? One run, one table.

Run from the repository root with the project's virtual environment::

    .venv/bin/python bench/national.py                       # sizes 2500,10000
    .venv/bin/python bench/national.py --sizes 5000,20000    # the moonshot
    .venv/bin/python bench/national.py --sizes 250,1000 --no-reference --out /tmp/n.md

For each size (about that many data pages) it generates the synthetic portal of
``bench/scale.py`` (seeded, contract-valid) in one language and in two (``languages: [en,
nb]``, every text translated), and builds each with ``okr-portal build`` as a subprocess:
cold (no ``.okr-cache``; ``--cold-runs`` times), warm (run again, five times), the two
portals in turn, the median of each kind read, and after one value of one check-in row
changed.
It measures wall seconds, the peak memory of the build's whole process tree
(``bench/proctree.py``), charts rendered (from the build's summary line), pages written, the
median page size, and the bytes one search query downloads in Chromium
(``bench/search_bytes.py``). It also builds the naive mkdocs-material reference of the same
entities (``bench/reference.py``, optional) and times the Jinja2 floor (``bench/floor.py``).
Every ratio and every target's verdict is computed from this run's own figures
(``bench/national_table.py``).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import floor
import national_table
import proctree
import reference
import scale
import search_bytes
import variants
from national_table import Build, Reference, SizeResult, Variant

#: The build's last line:
#: "Built DIR: N data pages, P pages rendered (embeds included), C charts rendered and R
#: reused, ...".
SUMMARY = re.compile(
    r"Built .*?: (\d+) data pages, (\d+) pages rendered \(embeds included\), "
    r"(\d+) charts rendered and (\d+) reused"
)
QUIET = {"NO_MKDOCS_2_WARNING": "1"}
#: Warm builds of each portal, run in turn with the other portal's (the median is read). Five:
#: the same two-language warm build took 12.6 to 18.5 s within minutes on the machine of the
#: twenty-second round, and a warm build costs little next to a cold one.
WARM_RUNS = 5


def log(message: str) -> None:
    stamp = datetime.datetime.now().strftime("%H:%M:%S")
    print(f"{stamp} {message}", file=sys.stderr, flush=True)


def html_pages(site: Path) -> list[Path]:
    """The HTML pages a reader opens: every ``.html`` file but the ``embed/`` documents made
    for an ``<iframe>`` elsewhere."""
    return [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "embed"]


def median_kb(site: Path) -> float:
    return statistics.median(p.stat().st_size for p in html_pages(site)) / 1000


def build(project: Path, site: Path, label: str) -> Build:
    """One ``okr-portal build`` of ``project`` into ``site``, measured."""
    command = [scale.okr_portal(), "build", "--project", str(project), "--out", str(site)]
    # What the build before wrote (a cold build: 2 GB at 10,000 pages) is still being written
    # to disk: the next build would pay for it. Each build starts once it is written.
    os.sync()
    load = os.getloadavg()[0]
    run = proctree.run(command, env=QUIET)
    if run.returncode != 0:
        sys.exit(f"okr-portal build failed ({label}):\n{run.stderr[-4000:]}")
    found = SUMMARY.search(run.stdout)
    if found is None:
        sys.exit(f"No summary line in the build's output ({label}):\n{run.stdout[-2000:]}")
    pages, rendered, charts, reused = (int(n) for n in found.groups())
    result = Build(
        seconds=run.seconds,
        cpu_seconds=run.cpu_seconds,
        load=load,
        peak_mb=run.peak_bytes / 2**20,
        peak_pss_mb=run.peak_pss_bytes / 2**20,
        pages=pages,
        rendered=rendered,
        charts=charts,
        reused=reused,
        html_files=len(html_pages(site)),
    )
    log(
        f"{label}: {result.seconds:.1f} s ({result.cpu_seconds:.1f} s CPU, load {load:.1f}), "
        f"{pages} pages ({rendered} rendered), {charts} charts rendered, {reused} reused, "
        f"peak tree {result.peak_mb:.0f} MB"
    )
    return result


def builds(portals: Sequence[tuple[Path, Path, str]], cold_runs: int) -> list[tuple[Variant, str]]:
    """Cold, warm and one-row-changed builds of each (project, site, label); also what each
    change was.

    The builds of the portals are run in turn (a cold build of each, then again, ``cold_runs``
    times; then a warm build of each, :data:`WARM_RUNS` times; see ``_in_turn``), so that a
    ratio of two builds compares builds that met the same machine: on a shared machine one
    build can take twice as long as the next. The build a figure is read from is the median
    run of its kind; every run's seconds are kept.
    """
    colds = _in_turn(portals, cold_runs, "cold", cold=True)
    warms = _in_turn(portals, WARM_RUNS, "warm", cold=False)
    measured = []
    for (project, site, label), cold, warm in zip(portals, colds, warms, strict=True):
        changed = variants.change_one_row(project)
        log(f"{label}: changed {changed}")
        one_row = build(project, site, f"{label} one row changed")
        variant = Variant(
            cold=_median(cold),
            warm=_median(warm),
            one_row=one_row,
            warm_runs=tuple(b.seconds for b in warm),
            cold_runs=tuple(b.seconds for b in cold),
        )
        measured.append((variant, changed))
    return measured


def _in_turn(
    portals: Sequence[tuple[Path, Path, str]], runs: int, kind: str, cold: bool
) -> list[list[Build]]:
    """``runs`` builds of each portal, the portals in turn, in the opposite order each round
    (one, two; two, one; ...), so that a machine slowing down or speeding up through the run
    weighs on both alike; a cold build starts without a cache or a site."""
    done: list[list[Build]] = [[] for _ in portals]
    for run in range(1, runs + 1):
        turn = list(zip(portals, done, strict=True))
        for (project, site, label), builds_of in turn if run % 2 else reversed(turn):
            if cold:
                shutil.rmtree(project / ".okr-cache", ignore_errors=True)
                shutil.rmtree(site, ignore_errors=True)
            builds_of.append(build(project, site, f"{label} {kind} ({run} of {runs})"))
    return done


def _median(runs: Sequence[Build]) -> Build:
    return sorted(runs, key=lambda b: b.seconds)[(len(runs) - 1) // 2]  # of two, the faster


def build_reference(project: Path, work: Path, size: int) -> Reference:
    folder = work / f"reference-{size}"
    pages = reference.write(project, folder)
    log(f"[{size}] reference: {pages} Markdown pages, mkdocs build ...")
    run = proctree.run(reference.command(folder), env=QUIET)
    if run.returncode != 0:
        sys.exit(f"mkdocs build of the reference failed:\n{run.stderr[-4000:]}")
    site = folder / "site"
    index = site / "search" / "search_index.json"
    result = Reference(
        seconds=run.seconds,
        cpu_seconds=run.cpu_seconds,
        peak_mb=run.peak_bytes / 2**20,
        pages=pages,
        median_kb=median_kb(site),
        index_kb=index.stat().st_size / 1000,
    )
    log(f"[{size}] reference: {result.seconds:.1f} s, peak tree {result.peak_mb:.0f} MB")
    shutil.rmtree(folder, ignore_errors=True)
    return result


def measure(
    size: int, work: Path, word: str, with_reference: bool, full: bool, cold_runs: int
) -> SizeResult:
    """Every figure of one size; without ``full``, neither the second language nor the
    reference (the largest sizes, where each takes as long as the rest)."""
    one, two = work / f"portal-{size}", work / f"portal-{size}-nb"
    counts = scale.generate(one, size)
    log(f"[{size}] generated {counts}")
    site, site_two = work / f"site-{size}", work / f"site-{size}-nb"
    portals = [(one, site, f"[{size}] en")]
    if full:
        scale.generate(two, size)
        variants.add_language(two)
        portals.append((two, site_two, f"[{size}] en+nb"))
    measured = builds(portals, cold_runs)
    (first, changed), second = measured[0], (measured[1][0] if full else None)
    search = search_bytes.query_bytes(site, word)
    searched = sum(v for k, v in search.items() if k != "page") / 1000
    log(f"[{size}] a query for {word!r} downloads {searched:.1f} KB")
    median = median_kb(site)
    floor_s = statistics.median(
        floor.seconds(first.warm.pages, work / f"floor-{size}") for _ in range(WARM_RUNS)
    )
    log(
        f"[{size}] Jinja2 floor: {floor_s:.2f} s (median of {WARM_RUNS}) for {first.warm.pages} files"
    )
    ref = build_reference(one, work, size) if with_reference and full else None
    for folder in (one, two, site, site_two):
        shutil.rmtree(folder, ignore_errors=True)
    return SizeResult(
        size=size,
        units=counts["units"],
        objectives=counts["objectives"],
        key_results=counts["key_results"],
        checkins=counts["checkins"],
        one=first,
        two=second,
        median_kb=median,
        search_kb=searched,
        search_word=word,
        reference=ref,
        floor_seconds=floor_s,
        changed=changed,
    )


def machine(seconds: float) -> str:
    return (
        f"Machine: {os.cpu_count()} cores ({platform.machine()}), {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; seed {scale.SEED}; "
        f"whole run {seconds / 60:.0f} min; load average at the end "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2500,10000", help="data pages, comma-separated")
    parser.add_argument(
        "--reference",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="build the naive mkdocs-material reference too (slow: about 140 ms a page)",
    )
    parser.add_argument(
        "--full-up-to",
        type=int,
        help="sizes above this are measured in one language, without the reference",
    )
    parser.add_argument(
        "--cold-runs",
        type=int,
        default=1,
        help="cold builds of each portal, in turn with the other's (the median is read)",
    )
    parser.add_argument("--word", default="housing", help="the word searched")
    parser.add_argument("--out", type=Path, help="also write the Markdown report here")
    parser.add_argument("--json", type=Path, help="write the raw figures here, size by size")
    parser.add_argument("--keep", type=Path, help="work in this folder (default: a temporary one)")
    parser.add_argument(
        "--table-from", type=Path, help="print the table of the figures a --json file holds"
    )
    args = parser.parse_args()
    if args.table_from:
        raw = json.loads(args.table_from.read_text(encoding="utf-8"))
        print(national_table.report(national_table.from_json(raw), machine(0)))
        return
    if not Path(search_bytes.CHROMIUM).is_file():
        # Measured last, after half an hour of builds: refused before them.
        parser.error(
            f"a search is measured in Debian's Chromium ({search_bytes.CHROMIUM}): "
            "`make chromium` installs it"
        )
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    work = args.keep or Path(tempfile.mkdtemp(prefix="okr-national-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results: list[SizeResult] = []
    try:
        for size in sizes:
            full = args.full_up_to is None or size <= args.full_up_to
            results.append(measure(size, work, args.word, args.reference, full, args.cold_runs))
            if args.json:
                raw = [dataclasses.asdict(r) for r in results]
                args.json.write_text(json.dumps(raw, indent=1), encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    text = national_table.report(results, machine(time.perf_counter() - started))
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
