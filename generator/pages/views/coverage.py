"""``/coverage/``: where reporting is missing, like a reporting-status page. For each period
(the current one first), each level and each of its units: how many key results it has, how
many have figures, how many have late figures, how many of its objectives align to an objective
above them, and how many of its objectives and key results are not published; totals per level.

``generator.scoring.freshness`` judges which figures are late and ``Dataset.withheld`` holds
what is not published; this page counts them."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Period, Unit
from generator.pages import urls
from generator.pages.formatting import LATE_SYMBOL
from generator.pages.links import Link
from generator.pages.site import Site
from generator.pages.views.parts import Page


@dataclass(frozen=True)
class Tally:
    """What one unit reported in one period, or a level's total: plain counts."""

    objectives: int = 0
    key_results: int = 0
    with_figures: int = 0  # key results with a check-in made by the as-of date
    late: int = 0  # key results whose figures are overdue or missing
    aligned: int = 0  # objectives that align to another objective
    withheld_objectives: int = 0
    withheld_key_results: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.objectives + other.objectives,
            self.key_results + other.key_results,
            self.with_figures + other.with_figures,
            self.late + other.late,
            self.aligned + other.aligned,
            self.withheld_objectives + other.withheld_objectives,
            self.withheld_key_results + other.withheld_key_results,
        )


@dataclass(frozen=True)
class CoverageRow:
    """One unit's row, or a level's total, in words and numbers of the page's language."""

    unit: Link | None  # None: the level's total row
    total: bool
    label: str  # the row's heading: the unit's name or "Total"
    objectives: str
    key_results: str
    with_figures: str  # "12 of 15 (80%)"
    late: str  # how many key results' figures are late
    late_symbol: str  # beside a count of late figures above 0; empty otherwise
    aligned: str  # "3 of 4 (75%)"; empty at the top level, which has no objective above it
    withheld: str  # "1 objective and 4 key results" or "None"


@dataclass(frozen=True)
class CoverageLevel:
    anchor: str
    heading: str
    caption: str
    headings: tuple[str, ...]
    aligns: bool  # its units' objectives can align to objectives above them (not the top level)
    rows: tuple[CoverageRow, ...]  # each unit's, then the level's total


@dataclass(frozen=True)
class CoveragePeriod:
    anchor: str
    heading: str
    period: Link
    summary: str
    levels: tuple[CoverageLevel, ...]


@dataclass(frozen=True)
class CoverageBody:
    intro: str
    as_of: str
    overdue: Link  # the key results whose figures are late, listed one by one
    periods: tuple[CoveragePeriod, ...]  # the current period first; none without periods
    contents: tuple[Link, ...]  # a link to each period's section, when there are several


def tallies(site: Site, period: Period) -> dict[str, Tally]:
    """Unit id -> what it reported in ``period``, for every unit (zero where it has nothing)."""
    dataset, figures = site.dataset, site.figures.key_results
    found: dict[str, Tally] = {}
    for unit_id in dataset.units:
        objectives = dataset.objectives_of(unit_id, period.id)
        key_results = [figures[k] for o in objectives for k in o.key_results]
        withheld = dataset.withheld.get((unit_id, period.id))
        found[unit_id] = Tally(
            objectives=len(objectives),
            key_results=len(key_results),
            with_figures=sum(1 for f in key_results if f.checkin_count > 0),
            late=sum(1 for f in key_results if f.freshness.late),
            aligned=sum(1 for o in objectives if o.aligns_to),
            withheld_objectives=withheld.objectives if withheld else 0,
            withheld_key_results=withheld.key_results if withheld else 0,
        )
    return found


def shown_periods(site: Site) -> tuple[Period, ...]:
    """The current period first, then every other period with an objective, published or
    not, newest first."""
    dataset, current = site.dataset, site.current_period
    held = {period_id for _unit, period_id in dataset.withheld}
    others = tuple(
        p
        for p in site.periods_newest_first
        if p != current and (dataset.objectives_in_period(p.id) or p.id in held)
    )
    return (current, *others) if current else others


def page(site: Site) -> Page:
    path = urls.COVERAGE
    fmt, links = site.fmt, site.links
    periods = tuple(_period(site, period, path) for period in shown_periods(site))
    body = CoverageBody(
        intro=fmt._(
            "Where reporting is missing. For each unit: how many key results it has, how many "
            "have figures, how many have figures that are late, how many of its objectives "
            "align to an objective of a higher level, and how many of its objectives and key "
            "results are not published."
        ),
        as_of=fmt._("Figures as of %(date)s.", date=fmt.date(site.figures.as_of)),
        overdue=links.to(path, urls.OVERDUE, fmt._("Overdue figures, by unit")),
        periods=periods,
        contents=tuple(Link(f"#{p.anchor}", p.heading) for p in periods)
        if len(periods) > 1
        else (),
    )
    return Page(
        path=path,
        template="okr/coverage.html",
        title=fmt._("Reporting coverage"),
        description=fmt._(
            "Where reporting is missing: key results with figures, late figures, alignment "
            "and items not published, by unit"
        ),
        breadcrumbs=(links.home(path),),
        body=body,
    )


def _period(site: Site, period: Period, path: str) -> CoveragePeriod:
    fmt, dataset = site.fmt, site.dataset
    label = fmt.period_label(period)
    counted = tallies(site, period)
    anchor = f"period-{period.id.lower()}"
    levels = tuple(
        _level(site, level, index, dataset.units_at_level(level), counted, (anchor, label), path)
        for index, level in enumerate(dataset.levels)
    )
    reporting = sum(1 for t in counted.values() if t.key_results)
    total = sum(counted.values(), Tally())
    summary = " ".join(
        (
            fmt.ngettext(
                "%(part)s of %(count)s unit has key results in this period.",
                "%(part)s of %(count)s units have key results in this period.",
                len(counted),
                part=fmt.language.number(reporting, 0),
            ),
            fmt.ngettext(
                "%(part)s of %(count)s key result has figures.",
                "%(part)s of %(count)s key results have figures.",
                total.key_results,
                part=fmt.language.number(total.with_figures, 0),
            ),
        )
    )
    current = site.is_current(period)
    return CoveragePeriod(
        anchor=anchor,
        heading=fmt._("%(period)s (current period)", period=label) if current else label,
        period=site.links.to(
            path,
            urls.period(period.id),
            fmt._("Objectives and key results of %(period)s", period=label),
        ),
        summary=summary,
        levels=levels,
    )


def _level(
    site: Site,
    level: str,
    index: int,
    units: tuple[Unit, ...],
    counted: dict[str, Tally],
    period: tuple[str, str],
    path: str,
) -> CoverageLevel:
    """``index``: the level's place from the top (0); ``period``: its section's anchor and label."""
    fmt = site.fmt
    top = index == 0
    period_anchor, period_label = period
    label = fmt.level_label(level)
    rows = tuple(_row(site, counted[u.id], site.links.unit(u, path), top) for u in units)
    total = _row(site, sum((counted[u.id] for u in units), Tally()), None, top)
    headings = (
        fmt._("Unit"),
        fmt._("Objectives"),
        fmt._("Key results"),
        fmt._("With figures"),
        fmt._("Late figures"),
        *(() if top else (fmt._("Aligned to a higher objective"),)),
        fmt._("Not published"),
    )
    return CoverageLevel(
        anchor=f"{period_anchor}-level-{index + 1}",
        heading=label,
        caption=fmt._("Reporting of %(level)s in %(period)s", level=label, period=period_label),
        headings=headings,
        aligns=not top,
        rows=(*rows, total),
    )


def _row(site: Site, tally: Tally, unit: Link | None, top: bool) -> CoverageRow:
    fmt = site.fmt
    number = fmt.language.number
    return CoverageRow(
        unit=unit,
        total=unit is None,
        label=unit.text if unit else fmt._("Total"),
        objectives=number(tally.objectives, 0),
        key_results=number(tally.key_results, 0),
        with_figures=part_of(site, tally.with_figures, tally.key_results),
        late=number(tally.late, 0),
        late_symbol=LATE_SYMBOL if tally.late else "",
        aligned="" if top else part_of(site, tally.aligned, tally.objectives),
        withheld=withheld_words(site, tally),
    )


def part_of(site: Site, part: int, whole: int) -> str:
    """``part`` of ``whole`` in words, and as a percentage: "12 of 15 (80%)"; "0" of none."""
    fmt = site.fmt
    if not whole:
        return fmt.language.number(0, 0)
    return fmt._(
        "%(part)s of %(whole)s (%(share)s)",
        part=fmt.language.number(part, 0),
        whole=fmt.language.number(whole, 0),
        share=fmt.percent(part / whole),
    )


def withheld_words(site: Site, tally: Tally) -> str:
    """How many objectives and key results are not published: "1 objective and 4 key results"."""
    fmt = site.fmt
    objectives = fmt.ngettext(
        "%(count)s objective", "%(count)s objectives", tally.withheld_objectives
    )
    key_results = fmt.ngettext(
        "%(count)s key result", "%(count)s key results", tally.withheld_key_results
    )
    if tally.withheld_objectives and tally.withheld_key_results:
        return fmt._(
            "%(objectives)s and %(key_results)s", objectives=objectives, key_results=key_results
        )
    if tally.withheld_objectives:
        return objectives
    if tally.withheld_key_results:
        return key_results
    return fmt._("None")
