"""``/units/<unit-id>/``: a unit, where it sits, its objectives this period and before."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.model import Period
from generator.pages import feeds, urls
from generator.pages.formatting import Progress
from generator.pages.links import Link
from generator.pages.markdown import clean_markdown
from generator.pages.site import Site
from generator.pages.views.parts import (
    EventList,
    ObjectiveSummary,
    Page,
    StatusCount,
    budget_text,
    counts,
    event_list,
    objective_summaries,
    roll_up_progress,
)
from generator.pages.views.report import report_links
from generator.scoring import budget_totals


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
    budget: str  # the money set aside for these objectives, formatted; empty when none is given
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
    reports: tuple[Link, ...]  # the unit's print-ready PDF reports, one per period
    withheld: tuple[str, ...]  # per period, how many of its items are not published
    events: EventList


def page(site: Site, unit_id: str) -> Page:
    dataset = site.dataset
    unit = dataset.units[unit_id]
    path = urls.unit(unit_id)
    parent = dataset.units[unit.parent] if unit.parent else None
    periods = [
        period_objectives(site, unit_id, period, path)
        for period in site.periods_newest_first
        if dataset.objectives_of(unit_id, period.id)
    ]
    periods.sort(key=lambda p: not p.current)
    body = UnitBody(
        level=site.links.level(unit.level, path),
        parent=site.links.unit(parent, path) if parent else None,
        description=clean_markdown(unit.description),
        website=unit.website,
        children=tuple(child_unit(site, c, path) for c in dataset.children.get(unit_id, ())),
        periods=tuple(periods),
        shared=objective_summaries(site, dataset.objectives_shared_with(unit_id), path),
        reports=report_links(site, unit_id, path),
        withheld=withheld_notes(site, unit_id),
        events=event_list(
            site,
            [dataset.key_results[k] for o in dataset.objectives_of(unit_id) for k in o.key_results],
            [e for e in dataset.events if unit_id in e.units],
            path,
        ),
    )
    return Page(
        path=path,
        template="okr/unit.html",
        title=unit.name,
        description=site.fmt._("Objectives and key results of %(unit)s", unit=unit.name),
        breadcrumbs=site.links.unit_trail(unit, path)[:-1],
        body=body,
        feeds=(feeds.unit_link(site, unit, path),),
        search_text=" ".join(
            [unit.description, *(o.title for o in dataset.objectives_of(unit_id))]
        ),
    )


def period_objectives(site: Site, unit_id: str, period: Period, path: str) -> PeriodObjectives:
    roll_up = site.figures.units[(unit_id, period.id)]
    objectives = site.dataset.objectives_of(unit_id, period.id)
    return PeriodObjectives(
        period=site.links.period(period, path),
        current=site.is_current(period),
        progress=roll_up_progress(site, roll_up, period),
        counts=counts(site, roll_up),
        budget=budget_text(site, budget_totals(objectives)),
        objectives=objective_summaries(site, objectives, path),
    )


def withheld_notes(site: Site, unit_id: str) -> tuple[str, ...]:
    """How many of the unit's own objectives and key results are not published, per period:
    counted, never named."""
    fmt = site.fmt
    notes = []
    for period in site.periods_newest_first:
        held = site.dataset.withheld.get((unit_id, period.id))
        if held is None:
            continue
        counted = []
        if held.objectives:
            counted.append(
                fmt.ngettext("%(count)s objective", "%(count)s objectives", held.objectives)
            )
        if held.key_results:
            counted.append(
                fmt.ngettext("%(count)s key result", "%(count)s key results", held.key_results)
            )
        items = (
            fmt._("%(first)s and %(second)s", first=counted[0], second=counted[1])
            if len(counted) == 2
            else counted[0]
        )
        notes.append(
            fmt._(
                "Not published, %(period)s: %(items)s.",
                period=fmt.period_label(period),
                items=items,
            )
        )
    return tuple(notes)


def child_unit(site: Site, unit_id: str, path: str) -> ChildUnit:
    unit = site.dataset.units[unit_id]
    period = site.current_period
    roll_up = site.figures.units.get((unit_id, period.id)) if period else None
    return ChildUnit(
        link=site.links.unit(unit, path),
        progress=roll_up_progress(site, roll_up, period),
        counts=counts(site, roll_up),
    )
