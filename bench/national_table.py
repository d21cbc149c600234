"""The figures of one run of ``bench/national.py``, its one table, and each target's verdict
computed from those figures alone."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

#: The targets of issue 17.
MS_PER_PAGE_WARM = 1.0
MS_PER_CHART_COLD = 20.0
ONE_ROW_TIMES_FASTER = 10.0
TIME_PER_DATA = 4.5 / 4  # 4 times the data in at most 4.5 times as long
PEAK_GIB_AT_20000 = 2.0
MEDIAN_PAGE_KB = 60.0
QUERY_KB = 300.0
EXTRA_LANGUAGE = 0.5  # of the one-language build
MOONSHOT_PAGES = 19_000  # "about 20,000 pages"
MOONSHOT_COLD_S = 300.0
MOONSHOT_WARM_S = 30.0


@dataclass(frozen=True)
class Build:
    seconds: float
    cpu_seconds: float  # user + system of the build's process tree
    load: float  # the machine's 1-minute load average as the build began (2 cores)
    peak_mb: float
    pages: int  # data pages written (every language)
    charts: int  # charts rendered (every language)
    reused: int  # charts taken from the cache
    html_files: int  # HTML pages a reader opens (embed/ left out)
    rendered: int | None = None  # pages rendered, not copied, embeds included (None: not counted)
    peak_pss_mb: float | None = None  # the peak with shared pages counted once (None: not measured)

    @property
    def ms_per_page(self) -> float:
        return self.seconds * 1000 / self.pages


@dataclass(frozen=True)
class Variant:
    cold: Build
    warm: Build  # the median of the warm runs
    one_row: Build
    warm_runs: tuple[float, ...] = ()  # seconds of every warm run, in order (() : one run)
    cold_runs: tuple[float, ...] = ()  # and of every cold run


@dataclass(frozen=True)
class Reference:
    seconds: float
    cpu_seconds: float
    peak_mb: float
    pages: int
    median_kb: float
    index_kb: float

    @property
    def ms_per_page(self) -> float:
        return self.seconds * 1000 / self.pages


@dataclass(frozen=True)
class SizeResult:
    size: int
    units: int
    objectives: int
    key_results: int
    checkins: int
    one: Variant  # one language
    two: Variant | None  # the same portal in two languages (None: not measured at this size)
    median_kb: float
    search_kb: float
    search_word: str
    reference: Reference | None
    floor_seconds: float
    changed: str

    @property
    def pages(self) -> int:
        return self.one.cold.pages

    @property
    def floor_ms_per_page(self) -> float:
        return self.floor_seconds * 1000 / self.one.warm.pages

    @property
    def ms_per_chart(self) -> float:
        """The cold build's extra time over the warm one, per chart rendered."""
        one = self.one
        return (one.cold.seconds - one.warm.seconds) * 1000 / max(1, one.cold.charts)

    @property
    def cpu_ms_per_chart(self) -> float:
        """The cold build's extra CPU time over the warm one, per chart rendered."""
        one = self.one
        return (one.cold.cpu_seconds - one.warm.cpu_seconds) * 1000 / max(1, one.cold.charts)


def from_json(raw: list[dict[str, Any]]) -> list[SizeResult]:
    """Results written by ``national.py --json`` read back."""

    def variant(v: dict[str, Any]) -> Variant:
        runs = {k: tuple(v.get(k, ())) for k in ("warm_runs", "cold_runs")}
        return Variant(**{k: Build(**b) for k, b in v.items() if k not in runs}, **runs)

    return [
        SizeResult(
            **{
                **r,
                "one": variant(r["one"]),
                "two": variant(r["two"]) if r["two"] else None,
                "reference": Reference(**r["reference"]) if r["reference"] else None,
            }
        )
        for r in raw
    ]


def _n(x: float) -> str:
    if isinstance(x, int):
        return f"{x:,}"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


Cell = Callable[[SizeResult], float | None]


class _Table:
    def __init__(self, results: Sequence[SizeResult]) -> None:
        self.results = results
        head = ["measure", *(f"{r.pages:,} pages" for r in results)]
        if len(results) > 1:
            head.append(f"{results[-1].pages:,} ÷ {results[0].pages:,}")
        self.lines = ["| " + " | ".join(head) + " |", "| --- |" + " ---: |" * (len(head) - 1)]

    def text(self, label: str, cells: Sequence[str], ratio: str = "") -> None:
        tail = [ratio] if len(self.results) > 1 else []
        self.lines.append("| " + " | ".join([label, *cells, *tail]) + " |")

    def row(self, label: str, cell: Cell, ratio: bool = False) -> None:
        values = [cell(r) for r in self.results]
        shown = ["n/a" if v is None else _n(v) for v in values]
        first, last = values[0], values[-1]
        tail = ""
        if ratio and first is not None and last is not None and first != 0:
            tail = f"{last / first:.2f}"
        self.text(label, shown, tail)


STAGES = (("cold", "cold"), ("warm", "warm"), ("one row changed", "one_row"))


def _of(variant: Variant, stage: str) -> Build:
    build: Build = getattr(variant, stage)
    return build


def _one(stage: str, get: Callable[[Build], float]) -> Cell:
    return lambda r: get(_of(r.one, stage))


def _rendered(stage: str) -> Cell:
    return lambda r: _of(r.one, stage).rendered


def _two(stage: str, get: Callable[[Build], float]) -> Cell:
    return lambda r: None if r.two is None else get(_of(r.two, stage))


def _two_per_one(stage: str, cpu: bool = False) -> Cell:
    def ratio(r: SizeResult) -> float | None:
        if r.two is None:
            return None
        two, one = _of(r.two, stage), _of(r.one, stage)
        return two.cpu_seconds / one.cpu_seconds if cpu else two.seconds / one.seconds

    return ratio


def _peak(r: SizeResult) -> float:
    return max(b.peak_mb for b in (r.one.cold, r.one.warm, r.one.one_row))


def _peak_pss(r: SizeResult) -> float | None:
    figures = [b.peak_pss_mb for b in (r.one.cold, r.one.warm, r.one.one_row)]
    return None if None in figures else max(f for f in figures if f is not None)


def _extra_language(r: SizeResult, cpu: bool = False) -> float | None:
    """What the second language adds, as a share of the one-language build (cold or warm,
    the larger), in wall or in CPU seconds; None where two languages were not measured."""
    shares = [_two_per_one(s, cpu)(r) for s in ("cold", "warm")]
    return None if None in shares else max(s or 0.0 for s in shares) - 1


def _runs(results: Sequence[SizeResult], which: str, kind: str) -> list[str]:
    """Each size's runs of a ``kind`` ("warm_runs", "cold_runs"), in seconds, in the order
    they ran ("n/a" where not measured)."""
    cells = []
    for r in results:
        variant: Variant | None = getattr(r, which)
        runs: tuple[float, ...] = () if variant is None else getattr(variant, kind)
        cells.append(", ".join(_n(x) for x in runs) if runs else "n/a")
    return cells


def _ref(get: Callable[[Reference], float]) -> Cell:
    return lambda r: None if r.reference is None else get(r.reference)


def _versus_reference(get: Callable[[SizeResult], float]) -> Cell:
    return lambda r: None if r.reference is None else get(r) / r.reference.ms_per_page


def table(results: Sequence[SizeResult]) -> str:
    t = _Table(results)
    t.text(
        "data: units / objectives / key results / check-ins",
        [f"{r.units:,} / {r.objectives:,} / {r.key_results:,} / {r.checkins:,}" for r in results],
    )
    t.row("data pages written, one language (en)", lambda r: r.pages, ratio=True)
    t.row("HTML pages written, one language (embed/ left out)", lambda r: r.one.cold.html_files)
    t.row("charts rendered, cold build", lambda r: r.one.cold.charts, ratio=True)
    for name, stage in STAGES[1:]:
        t.row(f"pages rendered (not copied), embeds included, {name}", _rendered(stage))
    for name, stage in STAGES:
        t.row(f"**seconds, {name}**", _one(stage, lambda b: b.seconds), ratio=True)
    for kind in ("cold", "warm"):
        t.text(
            f"seconds, {kind}, each run (in turn with the two-language portal's)",
            _runs(results, "one", f"{kind}_runs"),
        )
    for name, stage in STAGES:
        t.row(
            f"CPU seconds (process tree), {name}",
            _one(stage, lambda b: b.cpu_seconds),
            ratio=True,
        )
    for name, stage in STAGES:
        t.row(f"load average as it began, {name}", _one(stage, lambda b: b.load))
    for name, stage in STAGES:
        t.row(f"ms per page, {name}", _one(stage, lambda b: b.ms_per_page), ratio=True)
    t.row("ms per chart cold: (cold - warm) ÷ charts rendered", lambda r: r.ms_per_chart)
    t.row(
        "ms per chart cold: whole cold build ÷ charts rendered",
        lambda r: r.one.cold.seconds * 1000 / max(1, r.one.cold.charts),
    )
    t.row(
        "CPU ms per chart cold: (cold - warm CPU) ÷ charts rendered", lambda r: r.cpu_ms_per_chart
    )
    t.row("warm ÷ cold", lambda r: r.one.warm.seconds / r.one.cold.seconds)
    t.row("one row changed ÷ cold", lambda r: r.one.one_row.seconds / r.one.cold.seconds)
    t.row(
        "**cold ÷ one row changed (times faster)**",
        lambda r: r.one.cold.seconds / r.one.one_row.seconds,
    )
    for name, stage in STAGES:
        t.row(f"peak tree memory MB, {name}", _one(stage, lambda b: b.peak_mb), ratio=True)
    for name, stage in STAGES:
        t.row(
            f"peak tree memory MB, {name}, shared pages once (PSS)",
            lambda r, stage=stage: _of(r.one, stage).peak_pss_mb,
            ratio=True,
        )
    t.row("median page KB", lambda r: r.median_kb)
    t.row("KB a search query downloads", lambda r: r.search_kb)
    t.row("two languages (en, nb): data pages", _two("cold", lambda b: b.pages))
    t.row("two languages: charts rendered, cold", _two("cold", lambda b: b.charts))
    for name, stage in STAGES:
        t.row(
            f"two languages: seconds, {name}",
            _two(stage, lambda b: b.seconds),
            ratio=True,
        )
    t.text("two languages: seconds, cold, each run", _runs(results, "two", "cold_runs"))
    t.text("two languages: seconds, warm, each run", _runs(results, "two", "warm_runs"))
    t.row("two languages: peak tree memory MB, cold", _two("cold", lambda b: b.peak_mb), ratio=True)
    for name, stage in STAGES:
        t.row(
            f"two ÷ one language, {name}",
            _two_per_one(stage),
        )
    for name, stage in STAGES[:2]:
        t.row(f"two ÷ one language, CPU seconds {name}", _two_per_one(stage, cpu=True))
    t.row("Jinja2 floor: seconds for as many files", lambda r: r.floor_seconds, ratio=True)
    t.row("Jinja2 floor: ms per page", lambda r: r.floor_ms_per_page)
    t.row("ms per page warm ÷ Jinja2 floor", lambda r: r.one.warm.ms_per_page / r.floor_ms_per_page)
    t.row("reference (mkdocs-material): Markdown pages", _ref(lambda x: x.pages))
    t.row("reference: seconds", _ref(lambda x: x.seconds), ratio=True)
    t.row("reference: CPU seconds", _ref(lambda x: x.cpu_seconds))
    t.row("reference: ms per page", _ref(lambda x: x.ms_per_page))
    t.row("reference: peak tree memory MB", _ref(lambda x: x.peak_mb), ratio=True)
    t.row("reference: median page KB", _ref(lambda x: x.median_kb))
    t.row(
        "reference: KB search_index.json (a query downloads all of it)", _ref(lambda x: x.index_kb)
    )
    t.row("ours ÷ reference, ms per page cold", _versus_reference(lambda r: r.one.cold.ms_per_page))
    t.row("ours ÷ reference, ms per page warm", _versus_reference(lambda r: r.one.warm.ms_per_page))
    return "\n".join(t.lines) + "\n"


def _verdict(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def _each(results: Sequence[SizeResult], ok: Callable[[SizeResult], bool], show: Cell) -> str:
    figures = ", ".join(f"{_n(show(r) or 0)} at {r.pages:,}" for r in results)
    return f"{_verdict(all(ok(r) for r in results))} ({figures})"


def _extrapolated(
    results: Sequence[SizeResult], get: Callable[[SizeResult], float]
) -> float | None:
    """``get`` at 20,000 pages, on the straight line through the two largest sizes; None for
    one size (a build has fixed costs: a line through the origin would say nothing)."""
    if len(results) < 2:
        return None
    a, b = results[-2], results[-1]
    slope = (get(b) - get(a)) / (b.pages - a.pages)
    return get(b) + slope * (20_000 - b.pages)


def targets(results: Sequence[SizeResult]) -> list[str]:
    small, large = results[0], results[-1]
    lines = [
        f"- At most {MS_PER_PAGE_WARM:g} ms per page for a whole build with charts cached (warm): "
        + _each(
            results,
            lambda r: r.one.warm.ms_per_page <= MS_PER_PAGE_WARM,
            lambda r: r.one.warm.ms_per_page,
        )
        + "; the Jinja2 floor is "
        + ", ".join(f"{_n(r.floor_ms_per_page)}" for r in results)
        + " ms per page.",
        f"- At most {MS_PER_CHART_COLD:g} ms per chart cold ((cold - warm) ÷ charts rendered): "
        + _each(results, lambda r: r.ms_per_chart <= MS_PER_CHART_COLD, lambda r: r.ms_per_chart)
        + "; in CPU, "
        + ", ".join(_n(r.cpu_ms_per_chart) for r in results)
        + " ms per chart over the workers.",
        f"- After one check-in row changed, at least {ONE_ROW_TIMES_FASTER:g} times faster than "
        "cold, at every size: "
        + _each(
            results,
            lambda r: r.one.cold.seconds / r.one.one_row.seconds >= ONE_ROW_TIMES_FASTER,
            lambda r: r.one.cold.seconds / r.one.one_row.seconds,
        )
        + " times.",
    ]
    if len(results) > 1:
        data = large.pages / small.pages
        allowed = data * TIME_PER_DATA
        cold = large.one.cold.seconds / small.one.cold.seconds
        warm = large.one.warm.seconds / small.one.warm.seconds
        cpu_cold = large.one.cold.cpu_seconds / small.one.cold.cpu_seconds
        cpu_warm = large.one.warm.cpu_seconds / small.one.warm.cpu_seconds
        lines.append(
            f"- {data:.2f} times the data in at most {allowed:.2f} times as long (4.5 per 4): "
            f"{_verdict(cold <= allowed and warm <= allowed)} (cold {cold:.2f}, warm {warm:.2f} "
            f"times as long; CPU seconds {cpu_cold:.2f} and {cpu_warm:.2f} times)."
        )
    lines += [_memory_target(results)]
    lines += [
        f"- Median page at most {MEDIAN_PAGE_KB:g} KB: "
        + _each(results, lambda r: r.median_kb <= MEDIAN_PAGE_KB, lambda r: r.median_kb)
        + " KB.",
        f"- A search query at most {QUERY_KB:g} KB: "
        + _each(results, lambda r: r.search_kb <= QUERY_KB, lambda r: r.search_kb)
        + " KB.",
    ]
    lines.append(_language_target(results))
    if large.pages >= MOONSHOT_PAGES:
        cold_s, warm_s = large.one.cold.seconds, large.one.warm.seconds
        ok = cold_s < MOONSHOT_COLD_S and warm_s < MOONSHOT_WARM_S
        lines.append(
            f"- Moonshot, about 20,000 pages cold under 5 minutes and warm under 30 s: "
            f"{_verdict(ok)} ({large.pages:,} pages: cold {cold_s:.0f} s, warm {warm_s:.1f} s)."
        )
    else:
        cold_x = _extrapolated(results, lambda r: r.one.cold.seconds)
        warm_x = _extrapolated(results, lambda r: r.one.warm.seconds)
        guess = (
            "one size measured, nothing to extrapolate from"
            if cold_x is None or warm_x is None
            else f"extrapolated, cold {cold_x:.0f} s and warm {warm_x:.0f} s"
        )
        lines.append(
            "- Moonshot (about 20,000 pages: cold under 5 minutes, warm under 30 s): not "
            f"measured in this run (`--sizes 5000,20000`); {guess}."
        )
    return lines


def _language_target(results: Sequence[SizeResult]) -> str:
    head = f"- Each extra language adds at most {EXTRA_LANGUAGE:g} of the one-language build: "
    measured = [r for r in results if r.two is not None]
    if not measured:
        return head + "not judged (two languages not measured)."
    return (
        head
        + _each(measured, lambda r: (_extra_language(r) or 0.0) <= EXTRA_LANGUAGE, _extra_language)
        + " (the larger of cold and warm; in CPU seconds "
        + ", ".join(_n(_extra_language(r, cpu=True) or 0.0) for r in measured)
        + ")."
    )


def _memory_target(results: Sequence[SizeResult]) -> str:
    head = f"- Peak memory of the whole process tree at most {PEAK_GIB_AT_20000:g} GiB at 20,000 pages: "
    large = results[-1]
    if large.pages >= MOONSHOT_PAGES:
        gib = _peak(large) / 1024
        pss = _peak_pss(large)
        shared = "" if pss is None else f"; {pss / 1024:.2f} GiB with shared pages counted once"
        return (
            head
            + f"{_verdict(gib <= PEAK_GIB_AT_20000)} ({gib:.2f} GiB measured at {large.pages:,} pages{shared})."
        )
    line = _extrapolated(results, _peak)
    if line is None:
        return (
            head
            + "not judged (one size measured, below 19,000 pages: nothing to extrapolate from)."
        )
    gib = line / 1024
    return head + (
        f"{_verdict(gib <= PEAK_GIB_AT_20000)} ({gib:.2f} GiB extrapolated to 20,000 pages on the "
        "line through the two largest sizes measured)."
    )


def report(results: Sequence[SizeResult], machine: str) -> str:
    return "\n".join(
        [
            machine,
            "",
            table(results),
            "Targets (each verdict from this run's figures):",
            "",
            *targets(results),
            "",
            "One-row change (one row per size, in this order): "
            + "; ".join(r.changed for r in results)
            + ".",
        ]
    )
