"""``/overdue/``: the key results of running periods whose figures are late, by unit: overdue
(not updated since their next figure was due) or missing (no figure at all when the first was
due). ``generator.scoring.freshness`` judges which; this page lists them."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import KeyResult
from generator.pages import urls
from generator.pages.links import Link
from generator.pages.site import Site
from generator.pages.views.parts import FreshnessNote, Page, freshness_note
from generator.scoring import FIRST_FIGURE_DAYS, GRACE_DAYS


@dataclass(frozen=True)
class LateKeyResult:
    id: str
    link: Link
    objective: Link
    period: Link
    freshness: FreshnessNote


@dataclass(frozen=True)
class LateUnit:
    unit: Link
    caption: str
    key_results: tuple[LateKeyResult, ...]


@dataclass(frozen=True)
class OverdueBody:
    summary: str
    rule: str
    units: tuple[LateUnit, ...]  # none when no figure is late: the summary says so


def late_key_results(site: Site) -> tuple[KeyResult, ...]:
    """Every key result whose figures are late, in the order of the data files."""
    return tuple(
        kr
        for kr in site.dataset.key_results.values()
        if site.figures.key_results[kr.id].freshness.late
    )


def summary(site: Site, count: int) -> str:
    """How many key results' figures are late, as of the portal's date."""
    fmt = site.fmt
    if not count:
        return fmt._(
            "As of %(date)s, every key result of a running period is up to date.",
            date=fmt.date(site.figures.as_of),
        )
    return fmt.ngettext(
        "As of %(date)s, %(count)s key result is overdue or has no figures yet.",
        "As of %(date)s, %(count)s key results are overdue or have no figures yet.",
        count,
        date=fmt.date(site.figures.as_of),
    )


def page(site: Site) -> Page:
    path = urls.OVERDUE
    dataset, fmt, links = site.dataset, site.fmt, site.links
    late = late_key_results(site)
    by_unit: dict[str, list[LateKeyResult]] = {}
    for kr in late:
        objective = dataset.objectives[kr.objective]
        by_unit.setdefault(objective.unit, []).append(
            LateKeyResult(
                id=kr.id,
                link=links.to(path, urls.key_result(kr.id), kr.title),
                objective=links.objective(objective, path),
                period=links.period(dataset.periods[objective.period], path),
                freshness=freshness_note(site, kr),
            )
        )
    units = tuple(
        LateUnit(
            unit=links.unit(unit, path),
            caption=fmt._("Late figures of %(unit)s", unit=unit.name),
            key_results=tuple(by_unit[unit.id]),
        )
        for unit in dataset.units.values()
        if unit.id in by_unit
    )
    body = OverdueBody(
        summary=summary(site, len(late)),
        rule=fmt._(
            "A key result's next figure is due one step of its cadence after its latest "
            "check-in: as often as its owner has set, or else its usual gap between check-ins "
            "(the median of its latest gaps). It is overdue when that figure is more than "
            "%(grace)s days late. A key result with no figure at all is missing figures once "
            "%(grace)s days have passed since its first was due: %(first)s days into its "
            "period, or one step of the cadence its owner has set if that is later. Key results of periods that have ended are never overdue.",
            grace=fmt.language.number(GRACE_DAYS, 0),
            first=fmt.language.number(FIRST_FIGURE_DAYS, 0),
        ),
        units=units,
    )
    return Page(
        path=path,
        template="okr/overdue.html",
        title=fmt._("Overdue figures"),
        description=body.summary,
        breadcrumbs=(links.home(path),),
        body=body,
    )
