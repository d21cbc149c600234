"""``/periods/<period-id>/``, every objective of a period by unit, and ``/periods/``, the index."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Objective
from generator.pages import urls
from generator.pages.formatting import Progress
from generator.pages.links import Link
from generator.pages.site import Site
from generator.pages.views.parts import (
    IndexBody,
    IndexEntry,
    ObjectiveSummary,
    Page,
    StatusCount,
    counts,
    objective_summaries,
    roll_up_progress,
)


@dataclass(frozen=True)
class UnitGroup:
    unit: Link
    objectives: tuple[ObjectiveSummary, ...]


@dataclass(frozen=True)
class PeriodBody:
    dates: str
    current: bool
    progress: Progress
    counts: tuple[StatusCount, ...]
    groups: tuple[UnitGroup, ...]
    changes: Link  # what changed in the period's objectives and key results


def page(site: Site, period_id: str) -> Page:
    period = site.dataset.periods[period_id]
    path = urls.period(period_id)
    roll_up = site.figures.periods.get(period_id)
    label = site.fmt.period_label(period)
    body = PeriodBody(
        dates=site.fmt.period_dates(period),
        current=site.is_current(period),
        progress=roll_up_progress(site, roll_up, period),
        counts=counts(site, roll_up),
        groups=_by_unit(site, site.dataset.objectives_in_period(period_id), path),
        changes=site.links.to(
            path, urls.period_changes(period_id), site.fmt._("What changed in this period")
        ),
    )
    return Page(
        path=path,
        template="okr/period.html",
        title=label,
        description=site.fmt._("Objectives and key results for %(period)s", period=label),
        breadcrumbs=(
            site.links.home(path),
            site.links.to(path, urls.PERIODS, site.fmt._("Periods")),
        ),
        body=body,
    )


def _by_unit(site: Site, objectives: tuple[Objective, ...], path: str) -> tuple[UnitGroup, ...]:
    """Objectives grouped by owning unit, units in the order of units.yml."""
    owned: dict[str, list[Objective]] = {}
    for objective in objectives:
        owned.setdefault(objective.unit, []).append(objective)
    return tuple(
        UnitGroup(site.links.unit(unit, path), objective_summaries(site, owned[unit.id], path))
        for unit in site.dataset.units.values()
        if unit.id in owned
    )


def index(site: Site) -> Page:
    path = urls.PERIODS
    entries = tuple(
        IndexEntry(site.links.period(p, path), site.fmt.period_dates(p))
        for p in site.periods_newest_first
    )
    return Page(
        path=path,
        template="okr/index_list.html",
        title=site.fmt._("Periods"),
        description=site.fmt._("Every OKR period, newest first"),
        breadcrumbs=(site.links.home(path),),
        body=IndexBody(entries),
    )
