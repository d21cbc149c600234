"""Pages that gather many objectives: home, levels, periods and themes (with their indexes)."""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from generator.model import Objective
from generator.pages import urls
from generator.pages.views.common import Link, ObjectiveSummary, Page, Progress, Site, StatusCount


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


@dataclass(frozen=True)
class PeriodGroup:
    period: Link
    objectives: tuple[ObjectiveSummary, ...]


@dataclass(frozen=True)
class ThemeBody:
    description: Markup
    periods: tuple[PeriodGroup, ...]


@dataclass(frozen=True)
class IndexEntry:
    link: Link
    note: str


@dataclass(frozen=True)
class IndexBody:
    entries: tuple[IndexEntry, ...]


@dataclass(frozen=True)
class LatestCheckIn:
    date: str
    key_result: Link
    unit: str
    value: str


@dataclass(frozen=True)
class HomeBody:
    organisation: str
    period: Link | None
    as_of: str
    progress: Progress | None
    counts: tuple[StatusCount, ...]
    objectives: tuple[ObjectiveSummary, ...]
    latest: tuple[LatestCheckIn, ...]
    levels: tuple[tuple[Link, tuple[Link, ...]], ...]
    themes: tuple[Link, ...]
    periods: tuple[Link, ...]
    licence: str | None
    downloads: tuple[Link, ...]


def pages(site: Site) -> Iterator[Page]:
    for level in site.dataset.levels:
        yield level_page(site, level)
    yield periods_index(site)
    for period_id in site.dataset.periods:
        yield period_page(site, period_id)
    yield themes_index(site)
    for theme_id in site.dataset.themes:
        yield theme_page(site, theme_id)


def level_page(site: Site, level: str) -> Page:
    path = urls.level(level)
    period = site.current_period
    rows = []
    for unit in site.dataset.units_at_level(level):
        roll_up = site.figures.units.get((unit.id, period.id)) if period else None
        parent = site.dataset.units[unit.parent] if unit.parent else None
        rows.append(
            UnitRow(
                link=site.unit_link(unit, path),
                parent=site.unit_link(parent, path) if parent else None,
                objective_count=len(site.dataset.objectives_of(unit.id, period.id))
                if period
                else 0,
                progress=site.roll_up_progress(roll_up, period),
                counts=site.counts(roll_up),
            )
        )
    label = site.level_label(level)
    return Page(
        path=path,
        template="okr/level.html",
        title=label,
        description=site._("%(level)s and the progress of their objectives", level=label),
        breadcrumbs=(site.home_link(path),),
        body=LevelBody(
            period=site.period_link(period, path) if period else None, units=tuple(rows)
        ),
    )


def _by_unit(site: Site, objectives: tuple[Objective, ...], path: str) -> tuple[UnitGroup, ...]:
    """Objectives grouped by owning unit, units in the order of units.yml."""
    owned: dict[str, list[Objective]] = {}
    for objective in objectives:
        owned.setdefault(objective.unit, []).append(objective)
    return tuple(
        UnitGroup(site.unit_link(unit, path), site.objective_summaries(owned[unit.id], path))
        for unit in site.dataset.units.values()
        if unit.id in owned
    )


def period_page(site: Site, period_id: str) -> Page:
    period = site.dataset.periods[period_id]
    path = urls.period(period_id)
    roll_up = site.figures.periods.get(period_id)
    label = site.period_label(period)
    body = PeriodBody(
        dates=site._(
            "%(start)s to %(end)s", start=site.date(period.start), end=site.date(period.end)
        ),
        current=site.current_period is not None and site.current_period.id == period_id,
        progress=site.roll_up_progress(roll_up, period),
        counts=site.counts(roll_up),
        groups=_by_unit(site, site.dataset.objectives_in_period(period_id), path),
    )
    return Page(
        path=path,
        template="okr/period.html",
        title=label,
        description=site._("Objectives and key results for %(period)s", period=label),
        breadcrumbs=(
            site.home_link(path),
            Link(urls.relative(path, urls.PERIODS), site._("Periods")),
        ),
        body=body,
    )


def periods_index(site: Site) -> Page:
    path = urls.PERIODS
    entries = tuple(
        IndexEntry(
            site.period_link(p, path),
            site._("%(start)s to %(end)s", start=site.date(p.start), end=site.date(p.end)),
        )
        for p in site.periods_newest_first
    )
    return Page(
        path=path,
        template="okr/index_list.html",
        title=site._("Periods"),
        description=site._("Every OKR period, newest first"),
        breadcrumbs=(site.home_link(path),),
        body=IndexBody(entries),
    )


def theme_page(site: Site, theme_id: str) -> Page:
    theme = site.dataset.themes[theme_id]
    path = urls.theme(theme_id)
    objectives = site.dataset.objectives_with_theme(theme_id)
    groups = tuple(
        PeriodGroup(
            site.period_link(period, path),
            site.objective_summaries(tuple(o for o in objectives if o.period == period.id), path),
        )
        for period in site.periods_newest_first
        if any(o.period == period.id for o in objectives)
    )
    return Page(
        path=path,
        template="okr/theme.html",
        title=theme.name,
        description=site._("Objectives on the theme %(theme)s", theme=theme.name),
        breadcrumbs=(
            site.home_link(path),
            Link(urls.relative(path, urls.THEMES), site._("Themes")),
        ),
        body=ThemeBody(site.markdown(theme.description), groups),
    )


def themes_index(site: Site) -> Page:
    path = urls.THEMES
    entries = tuple(
        IndexEntry(
            Link(urls.relative(path, urls.theme(t.id)), t.name),
            site.language.ngettext(
                "%(count)s objective",
                "%(count)s objectives",
                len(site.dataset.objectives_with_theme(t.id)),
            )
            % {"count": len(site.dataset.objectives_with_theme(t.id))},
        )
        for t in site.dataset.themes.values()
    )
    return Page(
        path=path,
        template="okr/index_list.html",
        title=site._("Themes"),
        description=site._("Cross-cutting themes and the objectives on each"),
        breadcrumbs=(site.home_link(path),),
        body=IndexBody(entries),
    )


#: The home page lists the units of a level by name only up to this many; beyond, the level's
#: own page does (a national portal may have thousands of teams).
HOME_UNITS_PER_LEVEL = 30


def home(site: Site, latest_count: int = 8) -> HomeBody:
    path = urls.HOME
    period = site.current_period
    roll_up = site.figures.periods.get(period.id) if period else None
    top = site.dataset.levels[0]
    top_objectives = tuple(
        o
        for o in (site.dataset.objectives_in_period(period.id) if period else ())
        if site.dataset.units[o.unit].level == top
    )
    newest = heapq.nlargest(
        latest_count, site.dataset.checkins, key=lambda c: (c.date, c.key_result)
    )
    latest = []
    for checkin in newest:
        kr = site.dataset.key_results[checkin.key_result]
        unit = site.dataset.units[site.dataset.objectives[kr.objective].unit]
        latest.append(
            LatestCheckIn(
                date=site.date(checkin.date),
                key_result=Link(urls.relative(path, urls.key_result(kr.id)), kr.title),
                unit=unit.name,
                value=site.language.quantity(checkin.value, kr.unit),
            )
        )
    return HomeBody(
        organisation=site.settings.organisation,
        period=site.period_link(period, path) if period else None,
        as_of=site.date(site.figures.as_of),
        progress=site.roll_up_progress(roll_up, period) if roll_up else None,
        counts=site.counts(roll_up),
        objectives=site.objective_summaries(top_objectives, path),
        latest=tuple(latest),
        levels=tuple(
            (
                Link(urls.relative(path, urls.level(level)), site.level_label(level)),
                tuple(site.unit_link(u, path) for u in units)
                if len(units) <= HOME_UNITS_PER_LEVEL
                else (),
            )
            for level in site.dataset.levels
            for units in [site.dataset.units_at_level(level)]
        ),
        themes=tuple(
            Link(urls.relative(path, urls.theme(t.id)), t.name)
            for t in site.dataset.themes.values()
        ),
        periods=tuple(site.period_link(p, path) for p in site.periods_newest_first),
        licence=site.settings.licence,
        downloads=(
            Link(urls.KEY_RESULTS_CSV, site._("Key results, with their latest figures (CSV)")),
            Link(urls.OBJECTIVES_CSV, site._("Objectives, with their progress (CSV)")),
            Link(urls.CHECKINS_CSV, site._("Every check-in (CSV)")),
        ),
    )
