"""``/units/<unit-id>/``: a unit, where it sits, its objectives this period and before."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.pages import urls
from generator.pages.views.common import Link, ObjectiveSummary, Page, Progress, Site, StatusCount


@dataclass(frozen=True)
class ChildUnit:
    link: Link
    progress: Progress
    counts: tuple[StatusCount, ...]


@dataclass(frozen=True)
class PeriodObjectives:
    period: Link
    current: bool
    progress: Progress
    counts: tuple[StatusCount, ...]
    objectives: tuple[ObjectiveSummary, ...]


@dataclass(frozen=True)
class UnitBody:
    level: Link
    parent: Link | None
    description: Markup
    website: str | None
    children: tuple[ChildUnit, ...]
    periods: tuple[PeriodObjectives, ...]
    shared: tuple[ObjectiveSummary, ...]


def page(site: Site, unit_id: str) -> Page:
    unit = site.dataset.units[unit_id]
    path = urls.unit(unit_id)
    parent = site.dataset.units[unit.parent] if unit.parent else None
    current = site.current_period
    periods = [
        period_objectives(
            site, unit_id, period.id, path, current is not None and period.id == current.id
        )
        for period in site.periods_newest_first
        if site.dataset.objectives_of(unit_id, period.id)
    ]
    periods.sort(key=lambda p: not p.current)
    body = UnitBody(
        level=Link(urls.relative(path, urls.level(unit.level)), site.level_label(unit.level)),
        parent=site.unit_link(parent, path) if parent else None,
        description=site.markdown(unit.description),
        website=unit.website,
        children=tuple(child_unit(site, c, path) for c in site.dataset.children.get(unit_id, ())),
        periods=tuple(periods),
        shared=site.objective_summaries(site.dataset.objectives_shared_with(unit_id), path),
    )
    return Page(
        path=path,
        template="okr/unit.html",
        title=unit.name,
        description=site._("Objectives and key results of %(unit)s", unit=unit.name),
        breadcrumbs=site.unit_trail(unit, path)[:-1],
        body=body,
        search_text=" ".join(
            [unit.description, *(o.title for o in site.dataset.objectives_of(unit_id))]
        ),
    )


def period_objectives(
    site: Site, unit_id: str, period_id: str, path: str, current: bool
) -> PeriodObjectives:
    period = site.dataset.periods[period_id]
    roll_up = site.figures.units[(unit_id, period_id)]
    return PeriodObjectives(
        period=site.period_link(period, path),
        current=current,
        progress=site.roll_up_progress(roll_up, period),
        counts=site.counts(roll_up),
        objectives=site.objective_summaries(site.dataset.objectives_of(unit_id, period_id), path),
    )


def child_unit(site: Site, unit_id: str, path: str) -> ChildUnit:
    unit = site.dataset.units[unit_id]
    period = site.current_period
    roll_up = site.figures.units.get((unit_id, period.id)) if period else None
    return ChildUnit(
        link=site.unit_link(unit, path),
        progress=site.roll_up_progress(roll_up, period),
        counts=site.counts(roll_up),
    )
