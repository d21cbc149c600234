"""Scale benchmark of okr-portal: how the cost per page grows with the size of a portal.

Run from the repository root with the project's virtual environment::

    .venv/bin/python bench/scale.py --sizes 1000,10000 --out bench/results.md

For each size it generates a synthetic, contract-valid portal (fixed seed, so the same size
always gives the same files), then measures in fresh processes:

* in-process phases (one child process per size, so its peak RSS belongs to that size):
  ``load_project``, ``score``, chart rendering cold (empty cache, 2 spawn workers) and warm
  (same cache), the views (``all_pages``), the Jinja render of every data page to a string
  (no Material shell), and ``prepare`` as a whole with a warm chart cache;
* ``okr-portal build`` as a subprocess, cold (no chart cache) and warm (cache kept).

It reports ratios measured in the same run, never absolute pass/fail thresholds.
Memory is the peak resident set size from ``getrusage``/``wait4`` (``ru_maxrss``), i.e. the
high-water mark of the whole process, not the Python heap.

The entry point is guarded by ``if __name__ == "__main__":`` because chart rendering starts
``spawn`` worker processes, which re-import the main module.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime
import io
import json
import math
import os
import platform
import pstats
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

SEED = 20261124
AS_OF = datetime.date(2026, 11, 16)
PERIODS = {
    "2026-Q3": (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)),
    "2026-Q4": (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)),
}
THEMES = [
    ("climate", "Climate and nature", "Cutting emissions and getting ready for hotter summers."),
    ("housing", "Homes", "A safe, warm and affordable place to live for everyone."),
    ("health", "Health and care", "Helping residents stay healthy and independent for longer."),
    ("mobility", "Getting around", "Reliable buses, safe streets and good roads."),
    ("services", "Public services", "Services that are easy to use and answer quickly."),
]
#: Pages per unit, roughly: the unit, 2 periods x 2.5 objectives x (1 + ~2.95 key results).
PAGES_PER_UNIT = 20.7
WORKERS = 2

_SYLLABLES = [
    "ash",
    "bor",
    "cal",
    "dun",
    "el",
    "fen",
    "gar",
    "hol",
    "ing",
    "kir",
    "lan",
    "mor",
    "nor",
    "ock",
    "pen",
    "rad",
    "sel",
    "tor",
    "ul",
    "ven",
    "wick",
    "yar",
]
_ENDINGS = ["by", "ford", "ham", "ton", "field", "wick", "stead", "mouth", "bridge", "dale"]
_VERBS = ["Improve", "Speed up", "Expand", "Protect", "Modernise", "Strengthen", "Simplify"]
_TOPICS = [
    "bus services",
    "school attendance",
    "home care",
    "recycling",
    "street lighting",
    "housing repairs",
    "library opening hours",
    "youth services",
    "road safety",
    "planning decisions",
    "digital services",
    "air quality",
    "tree planting",
    "flood defences",
    "social housing",
    "public health checks",
]
_MEASURES = [
    ("%", 0, 100),
    ("people", 50, 5000),
    ("days", 5, 200),
    ("EUR", 1000, 500000),
    ("homes", 10, 2000),
    ("km", 1, 300),
    ("cases", 20, 900),
    ("minutes", 3, 90),
]


# --------------------------------------------------------------------------------------------
# Synthetic portal


def _place(rng: random.Random) -> str:
    return rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES[:12]) + rng.choice(_ENDINGS)


def _mondays(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    day = start + datetime.timedelta(days=(7 - start.weekday()) % 7)
    out = []
    while day <= end:
        out.append(day)
        day += datetime.timedelta(days=7)
    return out


def _dump(path: Path, document: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(document, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(text, encoding="utf-8")


def _key_result(rng: random.Random, kr_id: str, topic: str) -> dict[str, Any]:
    roll = rng.random()
    measure, low, high = rng.choice(_MEASURES)
    kr: dict[str, Any] = {"id": kr_id}
    if roll < 0.10:
        kr.update(title=f"Deliver the {topic} plan on schedule", kind="milestone")
        return kr
    baseline = round(rng.uniform(low, high), 1 if measure in ("%", "minutes") else 0)
    span = max(1.0, abs(baseline) * rng.uniform(0.1, 0.5))
    if roll < 0.40:  # increase, direction sometimes left to the default
        kr.update(
            title=f"Raise {topic} to a new level",
            kind="outcome",
            unit=measure,
            baseline=baseline,
            target=round(baseline + span, 1),
        )
        if rng.random() < 0.5:
            kr["direction"] = "increase"
    elif roll < 0.60:
        kr.update(
            title=f"Cut waiting times in {topic}",
            kind="outcome",
            unit=measure,
            baseline=baseline,
            target=round(max(0.0, baseline - span), 1),
            direction="decrease",
        )
        if kr["target"] == baseline:
            kr["target"] = baseline - 1
    elif roll < 0.70:  # a level to reach, or (baseline == target) a level to keep
        target = baseline if rng.random() < 0.4 else round(baseline + span, 1)
        kr.update(
            title=f"Keep {topic} at or above the agreed level",
            kind="outcome",
            unit=measure,
            baseline=baseline,
            target=target,
            direction="at_least",
        )
    elif roll < 0.80:
        target = baseline if rng.random() < 0.4 else round(max(0.0, baseline - span), 1)
        kr.update(
            title=f"Keep the cost of {topic} at or below budget",
            kind="outcome",
            unit=measure,
            baseline=baseline,
            target=target,
            direction="at_most",
        )
    elif roll < 0.90:
        lo = round(baseline - span / 4, 1)
        kr.update(
            title=f"Keep {topic} within the safe band",
            kind="outcome",
            unit=measure,
            baseline=baseline,
            target_range=[lo, round(lo + span / 2, 1)],
            direction="within",
        )
    else:
        kr.update(
            title=f"Complete {topic} projects",
            kind="output",
            unit="projects",
            baseline=0,
            target=rng.randint(5, 60),
            direction="increase",
        )
    if rng.random() < 0.5:
        kr["source"] = f"{topic.capitalize()} register, weekly extract"
    if rng.random() < 0.2:
        kr["caveat"] = "Figures for the last two weeks are provisional and may be revised."
    return kr


def _checkin_values(rng: random.Random, kr: dict[str, Any], n: int) -> list[float]:
    if kr["kind"] == "milestone":
        values, value = [], 0.0
        for _ in range(n):
            value = min(100.0, value + rng.choice([0, 5, 10, 15]))
            values.append(value)
        return values
    baseline = float(kr["baseline"])
    if "target_range" in kr:
        lo, hi = kr["target_range"]
        return [round(rng.uniform(lo - (hi - lo) / 2, hi + (hi - lo) / 2), 1) for _ in range(n)]
    target = float(kr["target"])
    if target == baseline:
        target = baseline * 1.05 + 1
    pace = rng.uniform(0.2, 1.3)
    return [
        round(
            baseline
            + (target - baseline) * pace * (i + 1) / (n + 3)
            + rng.gauss(0, 0.02) * (abs(target - baseline) + 1),
            1,
        )
        for i in range(n)
    ]


def generate(root: Path, size: int, seed: int = SEED) -> dict[str, int]:
    """Write a contract-valid portal of about ``size`` data pages into ``root``."""
    rng = random.Random(seed * 1_000_003 + size)
    n_units = max(3, round(size / PAGES_PER_UNIT))
    n_regions = max(2, round(math.sqrt(n_units - 1)))
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "content").mkdir(exist_ok=True)
    (root / "site_config.yml").write_text(
        "title: Public OKRs of the Republic of Example (synthetic benchmark)\n"
        "organisation: Republic of Example\n"
        "base_url: https://okr.example.gov/\n"
        "language: en\n"
        "levels: [organisation, region, municipality]\n"
        "licence: CC-BY-4.0\n"
        f"as_of: {AS_OF.isoformat()}\n",
        encoding="utf-8",
    )
    (root / "content" / "index.md").write_text(
        "# Public OKRs of the Republic of Example\n\nA synthetic portal for the scale benchmark.\n",
        encoding="utf-8",
    )

    org = "republic"
    units: list[dict[str, Any]] = [
        {
            "id": org,
            "name": "Republic of Example",
            "level": "organisation",
            "description": "The national government's *shared* priorities.",
            "website": "https://www.example.gov/",
        }
    ]
    regions = [f"region-{i + 1:02d}" for i in range(n_regions)]
    for region in regions:
        units.append(
            {
                "id": region,
                "name": f"Region {_place(rng).capitalize()}",
                "level": "region",
                "parent": org,
            }
        )
    region_of: dict[str, str] = {r: r for r in regions}
    region_of[org] = org
    children: dict[str, list[str]] = {org: list(regions)}
    for i in range(n_units - 1 - n_regions):
        region = regions[i % n_regions]
        muni = f"{_place(rng)}-{i + 1:04d}"
        unit = {
            "id": muni,
            "name": f"Municipality of {muni.split('-')[0].capitalize()}",
            "level": "municipality",
            "parent": region,
        }
        if rng.random() < 0.3:
            unit["description"] = "Runs local services for its residents."
        units.append(unit)
        region_of[muni] = region
        children.setdefault(region, []).append(muni)
    _dump(root / "data" / "units.yml", units)
    _dump(
        root / "data" / "periods.yml",
        [
            {"id": pid, "label": f"{start:%B} to {end:%B %Y}", "start": start, "end": end}
            for pid, (start, end) in PERIODS.items()
        ],
    )
    _dump(
        root / "data" / "themes.yml", [{"id": t, "name": n, "description": d} for t, n, d in THEMES]
    )

    counts = {"units": len(units), "objectives": 0, "key_results": 0, "checkins": 0}
    parent_of = {u["id"]: u.get("parent") for u in units}
    unit_ids = [u["id"] for u in units]  # top-down: parents come before their children
    for pid, (start, end) in PERIODS.items():
        objectives_of: dict[str, list[str]] = {}
        rows_by_file: dict[str, list[dict[str, Any]]] = {}
        for unit_id in unit_ids:
            objectives = []
            for k in range(rng.choice([2, 3])):
                oid = f"{unit_id}-{pid.lower()}-o{k + 1}"
                topic = rng.choice(_TOPICS)
                objective: dict[str, Any] = {
                    "id": oid,
                    "title": f"{rng.choice(_VERBS)} {topic} for residents",
                    "description": f"Why this matters: better **{topic}** for everyone.",
                    "owner": "Director of Services",
                }
                parent = parent_of[unit_id]
                if parent is not None:
                    objective["aligns_to"] = [rng.choice(objectives_of[parent])]
                    siblings = children.get(parent, [])
                    if rng.random() < 0.1 and len(siblings) > 1:
                        other = rng.choice(siblings)
                        if other != unit_id:
                            objective["shared_with"] = [other]
                if rng.random() < 0.7:
                    objective["themes"] = rng.sample([t[0] for t in THEMES], rng.randint(1, 2))
                if rng.random() < 0.02:
                    objective["formerly"] = [f"{oid}-draft"]
                key_results = []
                if rng.random() >= 0.02:  # a few objectives have no key results yet
                    for j in range(3):
                        kr = _key_result(rng, f"{oid}-kr{j + 1}", topic)
                        key_results.append(kr)
                        if rng.random() < 0.1:
                            continue  # no check-in yet
                        dates = _mondays(start, min(end, AS_OF))
                        if pid == "2026-Q4" and rng.random() < 0.2:  # history in Q3
                            dates = _mondays(PERIODS["2026-Q3"][0], start)[::4] + dates
                        dates = dates[rng.randint(0, 2) :]
                        values = _checkin_values(rng, kr, len(dates))
                        rows = rows_by_file.setdefault(region_of[unit_id], [])
                        for n, (day, value) in enumerate(zip(dates, values, strict=True)):
                            last = n == len(dates) - 1
                            row = {
                                "date": day.isoformat(),
                                "key_result": kr["id"],
                                "value": value,
                                "status": "",
                                "confidence": "",
                                "progress": "",
                                "problems": "",
                                "plans": "",
                                "author": "",
                            }
                            if last and rng.random() < 0.3:
                                row["status"] = rng.choice(["on_track", "at_risk", "off_track"])
                                row["confidence"] = round(rng.random(), 2)
                                row["progress"] = "Steady, with one team short-staffed, again."
                                row["plans"] = "Recruit two more officers; review in a month."
                                row["author"] = "Performance team"
                            rows.append(row)
                    counts["key_results"] += 3 if key_results else 0
                objective["key_results"] = key_results
                objectives.append(objective)
            objectives_of[unit_id] = [o["id"] for o in objectives]
            counts["objectives"] += len(objectives)
            _dump(
                root / "data" / "okrs" / pid / f"{unit_id}.yml",
                {"unit": unit_id, "period": pid, "objectives": objectives},
            )
        for n, (file_name, rows) in enumerate(rows_by_file.items()):
            counts["checkins"] += len(rows)
            _write_checkins(root / "data" / "checkins" / pid / f"{file_name}.csv", rows, n)
    return counts


def _write_checkins(path: Path, rows: list[dict[str, Any]], n: int) -> None:
    """Every fifth file as a spreadsheet export would be: BOM, ';' and decimal comma."""
    path.parent.mkdir(parents=True, exist_ok=True)
    spreadsheet = n % 5 == 4
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=list(rows[0]), delimiter=";" if spreadsheet else ",", lineterminator="\n"
    )
    writer.writeheader()
    for row in rows:
        if spreadsheet:
            row = {
                k: (str(v).replace(".", ",") if isinstance(v, float) else v) for k, v in row.items()
            }
        writer.writerow(row)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig" if spreadsheet else "utf-8")


# --------------------------------------------------------------------------------------------
# Measuring


def _maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: KiB


def phases(root: Path, profile: bool) -> dict[str, Any]:
    """The in-process phases, timed one after the other (run in a fresh child per size)."""
    from generator.build import prepare
    from generator.charts.cache import chart_svgs
    from generator.i18n import Language
    from generator.load.problems import DataError
    from generator.load.project import load_project
    from generator.pages import render
    from generator.pages.chart_inputs import chart_inputs
    from generator.pages.formatting import Formatter
    from generator.pages.site import Site
    from generator.pages.views import all_pages
    from generator.scoring import score

    result: dict[str, Any] = {"phases": {}}

    def timed(name: str, fn: Any) -> Any:
        start = time.perf_counter()
        value = fn()
        result["phases"][name] = {
            "s": time.perf_counter() - start,
            "rss_mb": _maxrss_mb(resource.RUSAGE_SELF),
            "children_rss_mb": _maxrss_mb(resource.RUSAGE_CHILDREN),
        }
        return value

    try:
        project = timed("load_project", lambda: load_project(root))
    except DataError as error:
        result["problems"] = [str(p) for p in error.problems]
        return result
    settings, dataset = project.settings, project.dataset
    figures = timed("score", lambda: score(dataset, project.as_of, settings.status_factors))
    language = Language(settings.language)
    fmt = Formatter(language, settings)
    cache = Path(tempfile.mkdtemp(prefix="okr-bench-cache-"))
    try:
        inputs = chart_inputs(dataset, fmt)
        charts = timed("charts_cold", lambda: chart_svgs(inputs, cache, WORKERS))
        charts = timed("charts_warm", lambda: chart_svgs(inputs, cache, WORKERS))
        site = Site(settings, dataset, figures, fmt, charts)
        env = render.environment(language, [])
        pages = timed("views", lambda: list(all_pages(site)))

        def render_all() -> int:
            return sum(len(env.get_template(p.template).render(page=p, body=p.body)) for p in pages)

        html_bytes = timed("render", render_all)
        timed("prepare_warm", lambda: prepare(root, cache, WORKERS))
        if profile:
            profiler = cProfile.Profile()
            profiler.enable()
            portal = prepare(root, cache, WORKERS)
            for edition in portal.editions:
                for planned in edition.pages:
                    p = planned.values()
                    edition.env.get_template(p.template).render(page=p, body=p.body)
            profiler.disable()
            text = io.StringIO()
            stats = pstats.Stats(profiler, stream=text)
            stats.sort_stats("cumulative").print_stats(15)
            result["profile_cumulative"] = text.getvalue()
            text = io.StringIO()
            stats = pstats.Stats(profiler, stream=text)
            stats.sort_stats("tottime").print_stats(15)
            result["profile_tottime"] = text.getvalue()
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    result.update(
        units=len(dataset.units),
        objectives=len(dataset.objectives),
        key_results=len(dataset.key_results),
        checkins=len(dataset.checkins),
        charts=len(charts),
        pages=len(pages),
        html_mb=html_bytes / 1e6,
    )
    return result


def run_child(cmd: list[str]) -> tuple[float, float, int, str, str]:
    """Run ``cmd``; return wall seconds, peak RSS (MB, the child or any child it waited for),
    exit code, stdout and stderr."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return wall, usage.ru_maxrss / 1024, proc.returncode, out.read(), err.read()


def okr_portal() -> str:
    local = Path(sys.executable).parent / "okr-portal"
    found = str(local) if local.exists() else shutil.which("okr-portal")
    if not found:
        sys.exit("okr-portal is not installed in this environment (pip install -e .)")
    return found


def measure(size: int, work: Path, profile: bool) -> dict[str, Any]:
    root = work / f"portal-{size}"
    start = time.perf_counter()
    counts = generate(root, size)
    generated = time.perf_counter() - start
    print(f"[{size}] generated {counts} in {generated:.1f} s", file=sys.stderr, flush=True)

    wall, rss, code, out, err = run_child([okr_portal(), "check", "--project", str(root)])
    if code != 0:
        sys.exit(
            f"The synthetic portal of size {size} fails validation (a bug in bench/scale.py or "
            f"in the generator's loader):\n{err[-4000:]}"
        )
    print(f"[{size}] check: {out.strip()} ({wall:.1f} s)", file=sys.stderr, flush=True)

    json_file = work / f"phases-{size}.json"
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--phases",
        str(root),
        "--json",
        str(json_file),
    ]
    if profile:
        cmd.append("--profile")
    wall, child_rss, code, out, err = run_child(cmd)
    if code != 0:
        sys.exit(f"The in-process phases crashed at size {size}:\n{err[-4000:]}")
    result: dict[str, Any] = json.loads(json_file.read_text(encoding="utf-8"))
    if "problems" in result:
        sys.exit(
            f"The synthetic portal of size {size} fails validation:\n"
            + "\n".join(result["problems"][:30])
        )
    result["phases_peak_rss_mb"] = child_rss
    result["generate_s"] = generated
    print(
        f"[{size}] phases: "
        + ", ".join(f"{k} {v['s']:.2f} s" for k, v in result["phases"].items()),
        file=sys.stderr,
        flush=True,
    )

    site = work / f"site-{size}"
    for run in ("build_cold", "build_warm"):
        if run == "build_cold":
            shutil.rmtree(root / ".okr-cache", ignore_errors=True)
            shutil.rmtree(site, ignore_errors=True)
        wall, rss, code, out, err = run_child(
            [okr_portal(), "build", "--project", str(root), "--out", str(site)]
        )
        if code != 0:
            sys.exit(f"okr-portal build failed at size {size} ({run}):\n{err[-4000:]}")
        html = sum(1 for _ in site.rglob("index.html"))
        result[run] = {"s": wall, "rss_mb": rss, "html_files": html}
        print(
            f"[{size}] {run}: {wall:.1f} s, {html} index.html files, peak RSS {rss:.0f} MB",
            file=sys.stderr,
            flush=True,
        )
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(root, ignore_errors=True)
    return result


# --------------------------------------------------------------------------------------------
# Reporting


def _fmt(x: float, digits: int = 2) -> str:
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.{digits}f}"


def table(results: dict[int, dict[str, Any]]) -> str:
    sizes = sorted(results)
    ordered = [results[s] for s in sizes]
    head = [
        "measure",
        *(f"{results[s]['pages']:,} pages" for s in sizes),
        f"per-page ratio {results[sizes[-1]]['pages']:,} / {results[sizes[0]]['pages']:,}",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" + " ---: |" * (len(head) - 1)]

    def row(label: str, cells: list[str], ratio: str = "") -> None:
        lines.append("| " + " | ".join([label, *cells, ratio]) + " |")

    def per(r: dict[str, Any], seconds: float, unit: str) -> float:
        return seconds * 1000 / float(r[unit])

    row(
        "data: units / objectives / key results",
        [f"{r['units']:,} / {r['objectives']:,} / {r['key_results']:,}" for r in ordered],
    )
    row(
        "data: check-ins / charts",
        [f"{r['checkins']:,} / {r['charts']:,}" for r in ordered],
    )
    phase_rows = [
        ("load_project", "pages"),
        ("score", "pages"),
        ("views (all_pages)", "pages"),
        ("render (Jinja, no shell)", "pages"),
        ("prepare, warm chart cache", "pages"),
    ]
    keys = {
        "load_project": "load_project",
        "score": "score",
        "views (all_pages)": "views",
        "render (Jinja, no shell)": "render",
        "prepare, warm chart cache": "prepare_warm",
    }
    for label, unit in phase_rows:
        key = keys[label]
        vals = [per(results[s], results[s]["phases"][key]["s"], unit) for s in sizes]
        row(
            f"{label}: ms/page (total s)",
            [
                f"{_fmt(v)} ({_fmt(results[s]['phases'][key]['s'])})"
                for v, s in zip(vals, sizes, strict=True)
            ],
            f"{vals[-1] / vals[0]:.2f}",
        )
    for key, label in (
        ("charts_cold", "charts cold, 2 workers"),
        ("charts_warm", "charts warm (cache hits)"),
    ):
        vals = [per(results[s], results[s]["phases"][key]["s"], "charts") for s in sizes]
        row(
            f"{label}: ms/chart (total s)",
            [
                f"{_fmt(v)} ({_fmt(results[s]['phases'][key]['s'])})"
                for v, s in zip(vals, sizes, strict=True)
            ],
            f"{vals[-1] / vals[0]:.2f}",
        )
    row(
        "charts warm / cold",
        [
            f"{r['phases']['charts_warm']['s'] / r['phases']['charts_cold']['s']:.3f}"
            for r in ordered
        ],
    )
    for key, label in (
        ("build_cold", "`okr-portal build` cold"),
        ("build_warm", "`okr-portal build` warm"),
    ):
        vals = [per(results[s], results[s][key]["s"], "pages") for s in sizes]
        row(
            f"{label}: ms/page (total s)",
            [f"{_fmt(v)} ({_fmt(results[s][key]['s'])})" for v, s in zip(vals, sizes, strict=True)],
            f"{vals[-1] / vals[0]:.2f}",
        )
    row(
        "build warm / cold",
        [f"{r['build_warm']['s'] / r['build_cold']['s']:.2f}" for r in ordered],
    )
    row(
        "index.html files written (data + hand-written + redirects)",
        [f"{r['build_cold']['html_files']:,}" for r in ordered],
    )
    rss_rows: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        (
            "peak RSS MB: phases process (after load / score / views / prepare)",
            lambda r: " / ".join(
                _fmt(r["phases"][k]["rss_mb"], 0)
                for k in ("load_project", "score", "views", "prepare_warm")
            ),
        ),
        (
            "peak RSS MB: largest chart worker",
            lambda r: _fmt(r["phases"]["charts_cold"]["children_rss_mb"], 0),
        ),
        (
            "peak RSS MB: build cold / warm",
            lambda r: (
                f"{_fmt(r['build_cold']['rss_mb'], 0)} / {_fmt(r['build_warm']['rss_mb'], 0)}"
            ),
        ),
    ]
    for label, fn in rss_rows:
        row(label, [fn(results[s]) for s in sizes])
    row("synthetic data generation (s)", [_fmt(results[s]["generate_s"]) for s in sizes])
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="1000,4000",
        help="comma-separated portal sizes in data pages (default 1000,4000)",
    )
    parser.add_argument("--out", type=Path, help="also write the Markdown report to this file")
    parser.add_argument(
        "--no-profile",
        action="store_true",
        help="skip the cProfile of prepare + render at the largest size",
    )
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep the data")
    parser.add_argument(
        "--generate-only",
        action="store_true",
        help="only write the synthetic portals (with --keep)",
    )
    parser.add_argument("--phases", type=Path, help=argparse.SUPPRESS)  # internal: child mode
    parser.add_argument("--json", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phases:
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        args.json.write_text(
            json.dumps(phases(args.phases.resolve(), args.profile)), encoding="utf-8"
        )
        return

    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if args.generate_only:
        if not args.keep:
            sys.exit("--generate-only needs --keep FOLDER")
        for size in sizes:
            print(size, generate(args.keep / f"portal-{size}", size))
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="okr-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict[int, dict[str, Any]] = {}
    started = time.perf_counter()
    try:
        for size in sizes:
            profile = size == sizes[-1] and not args.no_profile
            results[size] = measure(size, work, profile)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    report = [
        f"## okr-portal scale benchmark, {datetime.date.today().isoformat()}",
        "",
        f"Machine: {os.cpu_count()} cores ({platform.processor() or platform.machine()}), "
        f"{platform.system()}, Python {platform.python_version()}; chart workers: {WORKERS}; "
        f"seed {SEED}; whole run {time.perf_counter() - started:.0f} s.",
        "",
        table(results),
        "Ratios near 1.0 in the last column mean the cost per page (or per chart) does not grow "
        "with the portal: linear scaling. Peak RSS is `ru_maxrss` (high-water mark of the "
        "process), not the Python heap.",
    ]
    largest = results[sizes[-1]]
    if "profile_cumulative" in largest:
        report += [
            "",
            f"### cProfile of prepare (warm cache) + Jinja render, {largest['pages']:,} pages",
            "",
            "Top 15 by cumulative time:",
            "",
            "```",
            _trim_profile(largest["profile_cumulative"]),
            "```",
            "",
            "Top 15 by own time:",
            "",
            "```",
            _trim_profile(largest["profile_tottime"]),
            "```",
        ]
    text = "\n".join(report) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


def _trim_profile(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines()]
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    keep = [line.replace(str(Path.cwd()) + "/", "") for line in lines[start:] if line.strip()]
    total = next((line.strip() for line in lines if "function calls" in line), "")
    return "\n".join([total, *keep])


if __name__ == "__main__":
    main()
