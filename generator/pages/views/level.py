"""``/levels/<level>/``: every unit of a level with its objectives' progress this period."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Unit
from generator.pages import urls
from generator.pages.formatting import Progress
from generator.pages.links import Link
from generator.pages.site import Site
from generator.pages.views.parts import Page, StatusCount, counts, roll_up_progress


@dataclass(frozen=True)
class UnitRow:
    link: Link
    parent: Link | None
    objective_count: int
    progress: Progress
    counts: tuple[StatusCount, ...]


@dataclass(frozen=True)
class LevelBody:
    period: Link | None
    units: tuple[UnitRow, ...]


def page(site: Site, level: str) -> Page:
    path = urls.level(level)
    period = site.current_period
    label = site.fmt.level_label(level)
    return Page(
        path=path,
        template="okr/level.html",
        title=label,
        description=site.fmt._("%(level)s and the progress of their objectives", level=label),
        breadcrumbs=(site.links.home(path),),
        body=LevelBody(
            period=site.links.period(period, path) if period else None,
            units=tuple(unit_row(site, unit, path) for unit in site.dataset.units_at_level(level)),
        ),
    )


def unit_row(site: Site, unit: Unit, path: str) -> UnitRow:
    period = site.current_period
    roll_up = site.figures.units.get((unit.id, period.id)) if period else None
    parent = site.dataset.units[unit.parent] if unit.parent else None
    return UnitRow(
        link=site.links.unit(unit, path),
        parent=site.links.unit(parent, path) if parent else None,
        objective_count=len(site.dataset.objectives_of(unit.id, period.id)) if period else 0,
        progress=roll_up_progress(site, roll_up, period),
        counts=counts(site, roll_up),
    )
